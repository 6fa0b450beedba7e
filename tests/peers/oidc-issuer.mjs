// A real OpenID Connect provider (oidc-provider from npm) on 127.0.0.1 for the C++ OIDC verifier tests.
//
//   node oidc-issuer.mjs [--client-id kiorex-web]
//
// First stdout line (JSON):
//   {"port":N,"issuer":"http://127.0.0.1:N","jwks_uri":"http://127.0.0.1:N/jwks","control_port":M,
//    "clients":{"RS256":"kiorex-web","ES256":"kiorex-web-es256"}}
//
// The provider signs with its own keys (one RSA 2048 and one EC P-256 key generated at start-up) and serves
// them at its jwks_uri (read from its own discovery document). Clients: <client-id> gets RS256 ID tokens,
// <client-id>-es256 gets ES256 ones.
//
// Control server on a second port (not part of the provider; a test helper):
//   GET /mint?sub=..&email=..&email_verified=true&name=..&nonce=..&client_id=..&expires_in=SECONDS
//       -> {"id_token": "<JWS>"}  minted through the provider's own IdToken model (provider.IdToken), i.e. the
//          same code path and keys as an ID token from the authorization code flow.
//   GET /stats -> {"jwks_requests": N}  how many requests the provider's jwks_uri has served.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: opts } = parseArgs({
  options: { 'client-id': { type: 'string', default: 'kiorex-web' } },
});
const clientId = opts['client-id'];
const esClientId = `${clientId}-es256`;

function signingJwk(type, options, kid, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
}

const jwks = {
  keys: [
    signingJwk('rsa', { modulusLength: 2048 }, 'rsa-1', 'RS256'),
    signingJwk('ec', { namedCurve: 'P-256' }, 'ec-1', 'ES256'),
  ],
};

let jwksRequests = 0;
let providerCallback = null;
let jwksPath = '/jwks';

// The provider's HTTP server: counts jwks_uri hits, everything else is the provider's own handler.
const main = http.createServer((req, res) => {
  if (new URL(req.url, 'http://x').pathname === jwksPath) jwksRequests += 1;
  if (!providerCallback) {
    res.writeHead(503).end();
    return;
  }
  providerCallback(req, res);
});
await new Promise((resolve) => main.listen(0, '127.0.0.1', resolve));
const port = main.address().port;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  jwks,
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback'],
      id_token_signed_response_alg: 'RS256',
    },
    {
      client_id: esClientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback'],
      id_token_signed_response_alg: 'ES256',
    },
  ],
  // No login UI: this peer only mints tokens through /mint.
  features: { devInteractions: { enabled: false } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(ctx, sub) {
    return { accountId: sub, async claims() { return { sub }; } };
  },
});
providerCallback = provider.callback();

// Read the jwks_uri the provider itself advertises.
const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
jwksPath = new URL(discovery.jwks_uri).pathname;
jwksRequests = 0;

async function mint(params) {
  const client = await provider.Client.find(params.get('client_id') || clientId);
  if (!client) throw Object.assign(new Error('unknown client_id'), { status: 400 });
  const claims = { sub: params.get('sub') || 'user-1' };
  if (params.has('email')) claims.email = params.get('email');
  if (params.has('email_verified')) claims.email_verified = params.get('email_verified') === 'true';
  if (params.has('name')) claims.name = params.get('name');
  const token = new provider.IdToken(claims, { client });
  token.scope = 'openid email profile';
  if (params.get('nonce')) token.set('nonce', params.get('nonce'));
  const expiresIn = Number(params.get('expires_in') || 0);
  const expiresAt = expiresIn > 0 ? Math.floor(Date.now() / 1000) + expiresIn : null;
  return token.issue({ use: 'idtoken', expiresAt });
}

const control = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const reply = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  try {
    if (url.pathname === '/mint') return reply(200, { id_token: await mint(url.searchParams) });
    if (url.pathname === '/stats') return reply(200, { jwks_requests: jwksRequests });
    return reply(404, { error: 'not found' });
  } catch (e) {
    return reply(e.status || 500, { error: String(e.message || e) });
  }
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));

process.on('SIGTERM', () => process.exit(0));
process.stdout.write(`${JSON.stringify({
  port,
  issuer,
  jwks_uri: discovery.jwks_uri,
  control_port: control.address().port,
  clients: { RS256: clientId, ES256: esClientId },
})}\n`);
