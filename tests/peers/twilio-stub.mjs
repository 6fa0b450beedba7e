// A stand-in for Twilio's Messages API on 127.0.0.1. Twilio publishes no test server on npm (its `twilio`
// package is a client), so this tiny node http server implements only what TwilioSender uses, shaped like the
// real API: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth (AccountSid:AuthToken),
// form-encoded To/From/Body; 201 with a Message resource, or Twilio's error JSON {code,message,more_info,status}.
// Like Twilio's test credentials, the magic number +15005550001 is "not a valid phone number" (21211).
//
//   node twilio-stub.mjs --sid AC... --token T --from +15005550006
//
// First stdout line: {"port":N}. GET /__messages returns the accepted messages (a test helper, not Twilio's).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    sid: { type: 'string', default: 'AC00000000000000000000000000000000' },
    token: { type: 'string', default: 'test-auth-token' },
    from: { type: 'string', default: '+15005550006' },
  },
});

const accepted = [];

function error(res, status, code, message) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({
    code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status,
  }));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/__messages') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(accepted));
    return;
  }
  const m = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
  if (!m || req.method !== 'POST') return error(res, 404, 20404, 'The requested resource was not found');

  const expected = `Basic ${Buffer.from(`${opts.sid}:${opts.token}`).toString('base64')}`;
  if (req.headers.authorization !== expected || decodeURIComponent(m[1]) !== opts.sid) {
    res.setHeader('www-authenticate', 'Basic realm="Twilio API"');
    return error(res, 401, 20003, 'Authenticate');
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (!(req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded')) {
      return error(res, 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const to = form.get('To') || '';
    const from = form.get('From') || '';
    const body = form.get('Body') || '';
    if (!to) return error(res, 400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(to) || to === '+15005550001') {
      return error(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (from !== opts.from) {
      return error(res, 400, 21606,
        `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    }
    if (!body) return error(res, 400, 21602, 'Message body is required.');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const message = {
      account_sid: opts.sid, api_version: '2010-04-01', body, date_created: now, date_sent: null,
      date_updated: now, direction: 'outbound-api', error_code: null, error_message: null, from,
      messaging_service_sid: null, num_media: '0', num_segments: '1', price: null, price_unit: 'USD', sid,
      status: 'queued', to, uri: `/2010-04-01/Accounts/${opts.sid}/Messages/${sid}.json`,
    };
    accepted.push(message);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(message));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
