// Social sign-in against a real OpenID Connect provider (oidc-provider) and a Facebook Graph API stand-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, startPeer, adminLogin, readOutbox, codeIn, assertProblem, dbQuery, sqlText, unique,
} from './harness.mjs';

let oidc;
let graph;
let server;
before(async () => {
  oidc = await startPeer('oidc-issuer.mjs');
  graph = await startPeer('graph-stub.mjs');
  server = await startServer({
    env: {
      KIOREX_GOOGLE_ISSUER: oidc.info.issuer,
      KIOREX_GOOGLE_JWKS_URL: oidc.info.jwks_uri,
      KIOREX_GOOGLE_CLIENT_IDS: oidc.info.clients.RS256,
      KIOREX_FACEBOOK_GRAPH_URL: `http://127.0.0.1:${graph.info.port}`,
      KIOREX_FACEBOOK_APP_ID: '1234567890',
      KIOREX_FACEBOOK_APP_SECRET: 'fb-app-secret',
    },
  });
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
  await oidc?.stop();
  await graph?.stop();
});

/** An ID token minted by the provider itself. */
async function mint(params) {
  const q = new URLSearchParams({ email_verified: 'true', ...params });
  const r = await fetch(`http://127.0.0.1:${oidc.info.control_port}/mint?${q}`);
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()).id_token;
}
const social = (body) => server.api('POST', '/v1/auth/social-login', { body });
const nonce = () => randomBytes(12).toString('hex');
const lastSocialFailure = () => dbQuery(server,
  "SELECT details FROM audit_log WHERE action = 'auth.social_login' AND outcome = 'failure' ORDER BY seq DESC LIMIT 1")[0]?.details ?? '';

test('Google: a verified ID token signs in a new patient with that email; the same sub returns the same user', async () => {
  const sub = `g-${randomBytes(6).toString('hex')}`;
  const email = unique('google');
  const n1 = nonce();
  const r = await social({ provider: 'google', id_token: await mint({ sub, email, name: 'Gita Google', nonce: n1 }), nonce: n1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.access_token, 'string');
  assert.match(r.json.refresh_token, /^rt_/);
  assert.equal(r.json.user.email, email);
  assert.equal(r.json.user.email_verified, true);
  assert.equal(r.json.user.role, 'patient');
  assert.equal(r.json.user.name, 'Gita Google');
  const me = await server.api('GET', '/v1/auth/me', { token: r.json.access_token });
  assert.equal(me.json.id, r.json.user.id);

  const n2 = nonce();
  const again = await social({ provider: 'google', id_token: await mint({ sub, email, nonce: n2 }), nonce: n2 });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.user.id, r.json.user.id, 'same subject, same account');
  const links = dbQuery(server, `SELECT user_id FROM social_identities WHERE provider = 'google' AND subject = ${sqlText(sub)}`);
  assert.deepEqual(links.map((x) => x.user_id), [r.json.user.id]);
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 1);
});

test('Google: a token whose nonce differs from the one sent is 401 and creates nothing', async () => {
  const sub = `g-${randomBytes(6).toString('hex')}`;
  const email = unique('nonce');
  const r = await social({ provider: 'google', id_token: await mint({ sub, email, nonce: nonce() }), nonce: nonce() });
  assertProblem(assert, r, 401, 'invalid-social-token');
  assert.equal(r.json.access_token, undefined);
  assert.match(lastSocialFailure(), /nonce/);
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 0);
  assert.equal(dbQuery(server, `SELECT user_id FROM social_identities WHERE subject = ${sqlText(sub)}`).length, 0);
});

test('Google: a token issued to another client (audience) is 401', async () => {
  const n = nonce();
  const email = unique('aud');
  const token = await mint({ sub: `g-${randomBytes(6).toString('hex')}`, email, nonce: n, client_id: oidc.info.clients.ES256 });
  const r = await social({ provider: 'google', id_token: token, nonce: n });
  assertProblem(assert, r, 401, 'invalid-social-token');
  assert.match(lastSocialFailure(), /aud/i, 'refused for its audience');
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 0);
});

test('Google: a token with a tampered payload or a garbage token is 401', async () => {
  const n = nonce();
  const token = await mint({ sub: `g-${randomBytes(6).toString('hex')}`, email: unique('tamper'), nonce: n });
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  const forged = Buffer.from(JSON.stringify({ ...claims, email: 'patient@kiorex.test' })).toString('base64url');
  assertProblem(assert, await social({ provider: 'google', id_token: `${h}.${forged}.${s}`, nonce: n }), 401, 'invalid-social-token');
  assertProblem(assert, await social({ provider: 'google', id_token: 'not.a.jwt', nonce: n }), 401, 'invalid-social-token');
});

test('Google: an unverified email does not take over an existing account with that address', async () => {
  const existing = (await server.api('POST', '/v1/auth/login', { body: { identifier: 'patient@kiorex.test', password: 'Patient-Demo-2026' } })).json.user;
  const n = nonce();
  const token = await mint({ sub: `g-${randomBytes(6).toString('hex')}`, email: 'patient@kiorex.test', email_verified: 'false', nonce: n });
  const r = await social({ provider: 'google', id_token: token, nonce: n });
  assert.notEqual(r.status, 200, r.text);
  assert.ok(r.json?.user?.id !== existing.id, 'not signed in as the existing account');
  assert.equal(r.json?.access_token, undefined);
});

test('Apple when not configured is 422 provider-not-configured; a missing id_token is 422', async () => {
  const r = await social({ provider: 'apple', id_token: await mint({ sub: 'a-1', nonce: 'n' }), nonce: 'n' });
  assertProblem(assert, r, 422, 'provider-not-configured');
  const missing = await social({ provider: 'google' });
  assertProblem(assert, missing, 422, 'validation');
  assert.ok(missing.json.errors.some((e) => e.field === 'id_token'));
  const other = await social({ provider: 'myspace', id_token: 'x' });
  assertProblem(assert, other, 422, 'validation');
  assert.ok(other.json.errors.some((e) => e.field === 'provider'));
});

test('Facebook: tokens for another app or expired are 401; a valid token creates the account once its email is verified', async () => {
  assertProblem(assert, await social({ provider: 'facebook', access_token: 'other-app-token' }), 401, 'invalid-social-token');
  assert.match(lastSocialFailure(), /another app/);
  assertProblem(assert, await social({ provider: 'facebook', access_token: 'expired-user-token' }), 401, 'invalid-social-token');
  assertProblem(assert, await social({ provider: 'facebook', access_token: 'garbage' }), 401, 'invalid-social-token');
  const missing = await social({ provider: 'facebook' });
  assertProblem(assert, missing, 422, 'validation');
  assert.ok(missing.json.errors.some((e) => e.field === 'access_token'));

  // Facebook does not vouch for the email: the account is created unverified and must verify it first.
  const first = await social({ provider: 'facebook', access_token: 'valid-user-token' });
  assertProblem(assert, first, 403, 'unverified');
  const rows = dbQuery(server, "SELECT u.id, u.email, u.name FROM users u JOIN social_identities s ON s.user_id = u.id WHERE s.provider = 'facebook' AND s.subject = '10001'");
  assert.equal(rows.length, 1);
  assert.equal(rows[0].email, 'asha@example.com');
  assert.equal(rows[0].name, 'Asha Rao');

  const since = Date.now();
  assert.equal((await server.api('POST', '/v1/auth/otp/request', { body: { identifier: 'asha@example.com', purpose: 'verify_contact' } })).status, 202);
  const code = codeIn(await readOutbox(server, 'asha@example.com', { since }));
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: 'asha@example.com', code, purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);

  const second = await social({ provider: 'facebook', access_token: 'valid-user-token' });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.user.id, rows[0].id);
  assert.equal(second.json.user.email_verified, true);
});

test('Google: a provider-verified email links to the existing account with that address', async () => {
  const existing = (await server.api('POST', '/v1/auth/login', { body: { identifier: 'doctor@kiorex.test', password: 'Doctor-Demo-2026' } })).json.user;
  const n = nonce();
  const sub = `g-${randomBytes(6).toString('hex')}`;
  const r = await social({ provider: 'google', id_token: await mint({ sub, email: 'Doctor@Kiorex.test', nonce: n }), nonce: n });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.id, existing.id);
  assert.equal(r.json.user.role, 'doctor', 'the existing account keeps its role');
  assert.deepEqual(dbQuery(server, `SELECT user_id FROM social_identities WHERE subject = ${sqlText(sub)}`).map((x) => x.user_id), [existing.id]);
});
