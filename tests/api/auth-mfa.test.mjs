// Authenticator (TOTP) enrolment, sign-in with it, recovery codes, and removal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminLogin, newVerifiedUser, newMfaUser, totp, totpStep, DEMO, assertProblem, dbQuery, sqlText, mfaStep,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const post = (path, body, token) => server.api('POST', path, { body, token });
const login = (user) => post('/v1/auth/login', { identifier: user.email, password: user.password });
const codeAt = (secret, step) => totp(secret, step * 30000 + 1000);
/** A 6-digit code that is not valid for `secret` at any step near now. */
function wrongCode(secret) {
  const now = totpStep();
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, now + d)));
  for (let n = 314159; ; n++) if (!near.has(String(n))) return String(n);
}

/** A fresh patient with an enrolled authenticator; enrolment used the current step. */
const enrolledUser = () => newMfaUser(server);

test('setup returns a base32 secret, an otpauth:// URI for issuer Kiorex and an SVG QR code', async () => {
  const user = await newVerifiedUser(server);
  const r = await post('/v1/auth/mfa/totp/setup', undefined, user.token);
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.secret, /^[A-Z2-7]{16,}$/);
  const uri = new URL(r.json.otpauth_uri);
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(uri.searchParams.get('secret'), r.json.secret);
  assert.equal(uri.searchParams.get('issuer'), 'Kiorex');
  assert.match(decodeURIComponent(uri.pathname), new RegExp(`Kiorex:${user.email.replace(/[.]/g, '\\.')}`));
  assert.ok(r.json.qr_svg.startsWith('<svg'), r.json.qr_svg.slice(0, 40));
  assert.match(r.json.qr_svg, /<\/svg>\s*$/);
  // Not enabled until confirmed.
  const me = await server.api('GET', '/v1/auth/me', { token: user.token });
  assert.equal(me.json.mfa_enabled, false);
  assert.equal((await login(user)).json.mfa_required, undefined);
  // Setup needs a signed-in user.
  assertProblem(assert, await post('/v1/auth/mfa/totp/setup'), 401);
});

test('confirming with a wrong code is 422 and enables nothing; the right code gives ten recovery codes', async () => {
  const user = await newVerifiedUser(server);
  const setup = await post('/v1/auth/mfa/totp/setup', undefined, user.token);
  const bad = await post('/v1/auth/mfa/totp/confirm', { code: wrongCode(setup.json.secret) }, user.token);
  assertProblem(assert, bad, 422, 'validation');
  assert.ok(bad.json.errors.some((e) => e.field === 'code'));
  assert.equal((await server.api('GET', '/v1/auth/me', { token: user.token })).json.mfa_enabled, false);

  const ok = await post('/v1/auth/mfa/totp/confirm', { code: codeAt(setup.json.secret, totpStep()) }, user.token);
  assert.equal(ok.status, 200, ok.text);
  const codes = ok.json.recovery_codes;
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10, 'all different');
  for (const c of codes) assert.ok(c.replace(/[^A-Za-z0-9]/g, '').length >= 8, c);
  assert.equal((await server.api('GET', '/v1/auth/me', { token: user.token })).json.mfa_enabled, true);
  // Stored hashed, not in clear.
  const rows = dbQuery(server, `SELECT code_hash FROM recovery_codes WHERE user_id = ${sqlText(user.id)}`);
  assert.equal(rows.length, 10);
  for (const c of codes) assert.ok(!rows.some((r) => r.code_hash.includes(c)));
  // A second enrolment is refused while one is active.
  assertProblem(assert, await post('/v1/auth/mfa/totp/setup', undefined, user.token), 409, 'conflict');
});

test('after enrolment the password alone yields mfa_required; the authenticator code completes sign-in', async () => {
  const user = await enrolledUser();
  const r1 = await login(user);
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.json.mfa_required, true);
  assert.equal(r1.json.access_token, undefined);
  // The step used at enrolment is spent; the next one is accepted (clock-drift window).
  const spent = await mfaStep(server, r1, codeAt(user.secret, user.enrolledStep));
  assertProblem(assert, spent, 401, 'invalid-mfa-code');
  const r2 = await mfaStep(server, r1, codeAt(user.secret, user.enrolledStep + 1));
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.json.user.id, user.id);
  assert.equal(r2.json.user.mfa_enabled, true);
  assert.equal((await server.api('GET', '/v1/auth/me', { token: r2.json.access_token })).status, 200);
});

test('a recovery code signs in once; the second use fails', async () => {
  const user = await enrolledUser();
  const code = user.recovery[3];
  const first = await mfaStep(server, (await login(user)), code);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.user.id, user.id);
  const second = await mfaStep(server, (await login(user)), code);
  assertProblem(assert, second, 401, 'invalid-mfa-code');
  // Another recovery code still works, also typed in lower case.
  const other = await mfaStep(server, (await login(user)), user.recovery[4].toLowerCase());
  assert.equal(other.status, 200, other.text);
  const used = dbQuery(server, `SELECT count(*) AS n FROM recovery_codes WHERE user_id = ${sqlText(user.id)} AND used_at IS NOT NULL`);
  assert.equal(Number(used[0].n), 2);
});

test('DELETE /mfa/totp with a current code answers 204 and sign-in no longer asks for MFA', async () => {
  const user = await enrolledUser();
  const wrong = await server.api('DELETE', '/v1/auth/mfa/totp', { body: { code: wrongCode(user.secret) }, token: user.token });
  assertProblem(assert, wrong, 422, 'validation');
  assert.equal((await login(user)).json.mfa_required, true, 'still enrolled after a wrong code');

  const r = await server.api('DELETE', '/v1/auth/mfa/totp', { body: { code: codeAt(user.secret, user.enrolledStep + 1) }, token: user.token });
  assert.equal(r.status, 204, r.text);
  const l = await login(user);
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.mfa_required, undefined);
  assert.equal(typeof l.json.access_token, 'string');
  assert.equal(l.json.user.mfa_enabled, false);
  assert.equal(dbQuery(server, `SELECT mfa_enabled FROM users WHERE id = ${sqlText(user.id)}`).map((x) => Boolean(x.mfa_enabled))[0], false);
});

test('an administrator cannot remove their authenticator (403) and keeps MFA', async () => {
  const admin = await adminLogin(server);
  const r = await server.api('DELETE', '/v1/auth/mfa/totp', { body: { code: totp(DEMO.admin.totpSecret) }, token: admin.access_token });
  assertProblem(assert, r, 403, 'forbidden');
  const again = await post('/v1/auth/login', { identifier: DEMO.admin.email, password: DEMO.admin.password });
  assert.equal(again.json.mfa_required, true);
});
