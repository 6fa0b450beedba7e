// A stand-in for the Facebook Graph API on 127.0.0.1. Facebook publishes no test server (on npm or elsewhere),
// so this tiny node http server implements only the two calls FacebookVerifier makes, with fixed data shaped
// like the real responses:
//   GET /debug_token?input_token=T&access_token={app-id}|{app-secret}
//   GET /me?fields=id,name,email&access_token=T&appsecret_proof=hex(HMAC-SHA256(app-secret, T))
//
//   node graph-stub.mjs [--app-id 1234567890] [--app-secret fb-app-secret]
//
// First stdout line: {"port":N}. Fixed user tokens:
//   valid-user-token      valid, issued to --app-id, user 10001 (with email)
//   other-app-token       valid, but issued to app 999999
//   expired-user-token    is_valid false (session expired), like Graph reports an expired token
//   anything else         is_valid false (cannot parse access token)
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    'app-id': { type: 'string', default: '1234567890' },
    'app-secret': { type: 'string', default: 'fb-app-secret' },
  },
});
const appId = opts['app-id'];
const appSecret = opts['app-secret'];
const now = () => Math.floor(Date.now() / 1000);

const users = { 10001: { id: '10001', name: 'Asha Rao', email: 'asha@example.com' } };
function tokenInfo(token) {
  switch (token) {
    case 'valid-user-token':
      return { app_id: appId, type: 'USER', application: 'Kiorex', data_access_expires_at: now() + 7776000,
        expires_at: now() + 3600, is_valid: true, scopes: ['email', 'public_profile'], user_id: '10001' };
    case 'other-app-token':
      return { app_id: '999999', type: 'USER', application: 'Someone else', expires_at: now() + 3600,
        is_valid: true, scopes: ['email', 'public_profile'], user_id: '10001' };
    case 'expired-user-token':
      return { app_id: appId, type: 'USER', application: 'Kiorex', expires_at: now() - 60, is_valid: false,
        error: { code: 190, message: 'Error validating access token: Session has expired.', subcode: 463 },
        scopes: [], user_id: '10001' };
    default:
      return { error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
        is_valid: false, scopes: [] };
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
function oauthError(res, message) {
  send(res, 400, { error: { message, type: 'OAuthException', code: 190, fbtrace_id: 'stub' } });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams;
  if (req.method !== 'GET') return send(res, 405, { error: { message: 'Unsupported method' } });
  if (url.pathname === '/debug_token') {
    if (q.get('access_token') !== `${appId}|${appSecret}`) return oauthError(res, 'Invalid OAuth access token signature.');
    return send(res, 200, { data: tokenInfo(q.get('input_token') || '') });
  }
  if (url.pathname === '/me') {
    const token = q.get('access_token') || '';
    const info = tokenInfo(token);
    if (!info.is_valid) return oauthError(res, 'Invalid OAuth access token - Cannot parse access token');
    const proof = createHmac('sha256', appSecret).update(token).digest('hex');
    if (q.get('appsecret_proof') !== proof) return oauthError(res, 'Invalid appsecret_proof provided in the API argument');
    const user = users[info.user_id];
    const fields = (q.get('fields') || 'id,name').split(',');
    return send(res, 200, Object.fromEntries(fields.filter((f) => f in user).map((f) => [f, user[f]])));
  }
  return send(res, 404, { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
