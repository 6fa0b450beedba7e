// One-time codes: passwordless sign-in, attempt lock-out, single use, forgot/reset password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminLogin, newVerifiedUser, readOutbox, codeIn, unique, assertProblem, dbQuery, sqlText,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const post = (path, body) => server.api('POST', path, { body });
const login = (identifier, password) => post('/v1/auth/login', { identifier, password });
const otherCode = (code) => String((Number(code) + 1) % 1000000).padStart(6, '0');

async function requestCode(identifier, purpose) {
  const since = Date.now();
  const r = await post('/v1/auth/otp/request', { identifier, purpose });
  assert.equal(r.status, 202, r.text);
  const msg = await readOutbox(server, identifier, { since });
  assert.ok(msg, `a ${purpose} code was sent to ${identifier}`);
  return codeIn(msg);
}

test('passwordless sign-in: request a code, then verify-otp with purpose login gives tokens', async () => {
  const user = await newVerifiedUser(server);
  const since = Date.now();
  const r = await post('/v1/auth/otp/request', { identifier: user.email, purpose: 'login' });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { status: 'accepted' });
  const msg = await readOutbox(server, user.email, { since });
  assert.match(msg.text, /sign in/);
  const v = await post('/v1/auth/verify-otp', { identifier: user.email, code: codeIn(msg), purpose: 'login' });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.user.id, user.id);
  assert.match(v.json.refresh_token, /^rt_/);
  const me = await server.api('GET', '/v1/auth/me', { token: v.json.access_token });
  assert.equal(me.json.id, user.id);
});

test('a login code works once', async () => {
  const user = await newVerifiedUser(server);
  const code = await requestCode(user.email, 'login');
  const first = await post('/v1/auth/verify-otp', { identifier: user.email, code, purpose: 'login' });
  assert.equal(first.status, 200, first.text);
  const second = await post('/v1/auth/verify-otp', { identifier: user.email, code, purpose: 'login' });
  assertProblem(assert, second, 401, 'invalid-otp');
  assert.equal(second.json.access_token, undefined);
});

test('a code is bound to its purpose: a login code does not verify a reset', async () => {
  const user = await newVerifiedUser(server);
  const code = await requestCode(user.email, 'login');
  const reset = await post('/v1/auth/reset-password', { identifier: user.email, code, new_password: 'Another-Strong-Pass-1' });
  assertProblem(assert, reset, 401, 'invalid-otp');
  assert.equal((await login(user.email, user.password)).status, 200, 'the password is unchanged');
});

test('five wrong codes lock the code: even the right one is refused with otp-locked', async () => {
  const user = await newVerifiedUser(server);
  const code = await requestCode(user.email, 'login');
  const wrong = otherCode(code);
  const types = [];
  for (let i = 0; i < 5; i++) {
    const r = await post('/v1/auth/verify-otp', { identifier: user.email, code: wrong, purpose: 'login' });
    assert.equal(r.status, 401, r.text);
    types.push(r.json.type.split('/').pop());
  }
  assert.deepEqual(types.slice(0, 4), ['invalid-otp', 'invalid-otp', 'invalid-otp', 'invalid-otp']);
  assert.equal(types[4], 'otp-locked');
  const right = await post('/v1/auth/verify-otp', { identifier: user.email, code, purpose: 'login' });
  assertProblem(assert, right, 401, 'otp-locked');
  assert.equal(right.json.access_token, undefined);
  // A new code starts afresh.
  const fresh = await requestCode(user.email, 'login');
  const ok = await post('/v1/auth/verify-otp', { identifier: user.email, code: fresh, purpose: 'login' });
  assert.equal(ok.status, 200, ok.text);
});

test('a malformed code is a 422 naming the field', async () => {
  const r = await post('/v1/auth/verify-otp', { identifier: unique(), code: '12ab56', purpose: 'login' });
  assertProblem(assert, r, 422, 'validation');
  assert.ok(r.json.errors.some((e) => e.field === 'code'), r.text);
  const p = await post('/v1/auth/otp/request', { identifier: unique(), purpose: 'steal' });
  assertProblem(assert, p, 422, 'validation');
  assert.ok(p.json.errors.some((e) => e.field === 'purpose'), p.text);
});

test('OTP requests and forgot-password for an unknown account answer like a real one and send nothing', async () => {
  const user = await newVerifiedUser(server);
  const ghost = unique('ghost');
  const since = Date.now();
  const real = await post('/v1/auth/forgot-password', { identifier: user.email });
  const fake = await post('/v1/auth/forgot-password', { identifier: ghost });
  assert.equal(real.status, 202);
  assert.equal(fake.status, real.status);
  assert.equal(fake.text, real.text);
  const realOtp = await post('/v1/auth/otp/request', { identifier: user.email, purpose: 'login' });
  const fakeOtp = await post('/v1/auth/otp/request', { identifier: ghost, purpose: 'login' });
  assert.equal(fakeOtp.status, 202);
  assert.equal(fakeOtp.text, realOtp.text);
  assert.ok(await readOutbox(server, user.email, { since }), 'the real account got a message');
  assert.equal(await readOutbox(server, ghost, { since, timeoutMs: 500 }), null, 'nothing for the unknown one');
  assert.equal(dbQuery(server, `SELECT id FROM otp_codes WHERE identifier = ${sqlText(ghost)}`).length, 0);
});

test('password reset: the code sets a new password, the old one stops working, older sessions cannot refresh', async () => {
  const user = await newVerifiedUser(server);
  const oldSession = user.tokens;
  const since = Date.now();
  assert.equal((await post('/v1/auth/forgot-password', { identifier: user.email })).status, 202);
  const msg = await readOutbox(server, user.email, { since });
  assert.match(msg.text, /reset your password/);
  const newPassword = 'Fresh-Reset-Pass-2026';
  const r = await post('/v1/auth/reset-password', { identifier: user.email, code: codeIn(msg), new_password: newPassword });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { status: 'password_reset' });

  assertProblem(assert, await login(user.email, user.password), 401, 'invalid-credentials');
  const fresh = await login(user.email, newPassword);
  assert.equal(fresh.status, 200, fresh.text);
  assert.equal(fresh.json.user.id, user.id);

  const refresh = await post('/v1/auth/refresh', { refresh_token: oldSession.refresh_token });
  assertProblem(assert, refresh, 401, 'invalid-refresh-token');
  const oldAccess = await server.api('GET', '/v1/auth/me', { token: oldSession.access_token });
  assertProblem(assert, oldAccess, 401, 'unauthorized');
  // The code was spent.
  const again = await post('/v1/auth/reset-password', { identifier: user.email, code: codeIn(msg), new_password: 'Yet-Another-Pass-77' });
  assertProblem(assert, again, 401, 'invalid-otp');
  assert.equal((await login(user.email, newPassword)).status, 200);
});

test('a weak new password is refused with 422 and the reset code stays usable', async () => {
  const user = await newVerifiedUser(server);
  const since = Date.now();
  await post('/v1/auth/forgot-password', { identifier: user.email });
  const code = codeIn(await readOutbox(server, user.email, { since }));
  for (const weak of ['password123', 'short']) {
    const r = await post('/v1/auth/reset-password', { identifier: user.email, code, new_password: weak });
    assertProblem(assert, r, 422, 'validation');
    assert.ok(r.json.errors.some((e) => e.field === 'new_password'), r.text);
  }
  assert.equal((await login(user.email, user.password)).status, 200, 'the password is unchanged');
  const ok = await post('/v1/auth/reset-password', { identifier: user.email, code, new_password: 'Strong-Enough-Pass-9' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await login(user.email, 'Strong-Enough-Pass-9')).status, 200);
});

test('a wrong reset code is refused and changes nothing', async () => {
  const user = await newVerifiedUser(server);
  const since = Date.now();
  await post('/v1/auth/forgot-password', { identifier: user.email });
  const code = codeIn(await readOutbox(server, user.email, { since }));
  const r = await post('/v1/auth/reset-password', { identifier: user.email, code: otherCode(code), new_password: 'Hijack-Attempt-Pass-1' });
  assertProblem(assert, r, 401, 'invalid-otp');
  assertProblem(assert, await login(user.email, 'Hijack-Attempt-Pass-1'), 401, 'invalid-credentials');
  assert.equal((await login(user.email, user.password)).status, 200);
  assert.equal((await post('/v1/auth/refresh', { refresh_token: user.tokens.refresh_token })).status, 200, 'sessions survive');
});

test('reset-password does not reveal whether an account exists (weak password, unknown vs real account)', async () => {
  const user = await newVerifiedUser(server);
  const ghost = unique('ghost');
  const body = (identifier) => ({ identifier, code: '000000', new_password: 'short' });
  const real = await post('/v1/auth/reset-password', body(user.email));
  const fake = await post('/v1/auth/reset-password', body(ghost));
  assert.equal(fake.status, real.status, `real account: ${real.text}\nunknown account: ${fake.text}`);
  assert.equal(fake.json.type, real.json.type);
  assert.deepEqual(fake.json.errors, real.json.errors);
});
