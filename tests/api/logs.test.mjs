// Secrets never reach the server log: run every sign-in flow with distinctive values (at debug level), then scan it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, readOutbox, codeIn, unique, totp, totpStep, DEMO, sleep, mfaStep,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const post = (path, body, token) => server.api('POST', path, { body, token });
const distinctive = (label) => `${label}-${randomBytes(6).toString('hex')}-Qx`;

/** Fails naming the secret kind and showing where it appeared. */
function assertAbsent(log, kind, value) {
  const isCode = /^\d{6}$/.test(value);
  const re = isCode
    ? new RegExp(`(?<![0-9A-Za-z])${value}(?![0-9A-Za-z])`)
    : new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = log.match(re);
  if (m) {
    const at = m.index;
    assert.fail(`${kind} ${value} appears in the server log: …${log.slice(Math.max(0, at - 200), at + 100)}…`);
  }
}

test('passwords, tokens, one-time codes, TOTP secrets and recovery codes never appear in the log', async () => {
  const secrets = [];
  const keep = (kind, value) => {
    assert.ok(value, `${kind} was produced`);
    secrets.push([kind, value]);
    return value;
  };
  const admin = await adminLogin(server);
  keep('admin access token', admin.access_token);
  keep('admin refresh token', admin.refresh_token);

  // Registration + verification.
  const email = unique('logs');
  const password = keep('password', distinctive('Reg-Pass'));
  let since = Date.now();
  assert.equal((await post('/v1/auth/register', { name: 'Log Watcher', email, password })).status, 202);
  const verifyCode = keep('verification code', codeIn(await readOutbox(server, email, { since })));
  const verified = await post('/v1/auth/verify-otp', { identifier: email, code: verifyCode, purpose: 'verify_contact' });
  assert.equal(verified.status, 200);
  keep('access token', verified.json.access_token);
  keep('refresh token', verified.json.refresh_token);

  // Wrong passwords and malformed bodies carrying a password.
  const wrongPassword = keep('wrong password', distinctive('Wrong-Pass'));
  assert.equal((await post('/v1/auth/login', { identifier: email, password: wrongPassword })).status, 401);
  const unknownPassword = keep('password for an unknown account', distinctive('Ghost-Pass'));
  assert.equal((await post('/v1/auth/login', { identifier: unique('ghost'), password: unknownPassword })).status, 401);
  const brokenBodyPassword = keep('password in a malformed body', distinctive('Broken-Body'));
  const broken = await server.api('POST', '/v1/auth/login', { raw: `{"identifier":"${email}","password":"${brokenBodyPassword}"`, headers: { 'content-type': 'application/json' } });
  assert.equal(broken.status, 400);
  const weakRegistration = keep('password of a refused registration', `${'x'.repeat(3)}${randomBytes(2).toString('hex')}`);
  assert.equal((await post('/v1/auth/register', { name: 'W', email: unique('weak'), password: weakRegistration })).status, 422);

  // Password sign-in and refresh.
  const signedIn = await post('/v1/auth/login', { identifier: email, password, remember_device: true });
  assert.equal(signedIn.status, 200);
  keep('access token', signedIn.json.access_token);
  keep('refresh token', signedIn.json.refresh_token);
  const refreshed = await post('/v1/auth/refresh', { refresh_token: signedIn.json.refresh_token });
  assert.equal(refreshed.status, 200);
  keep('refresh token', refreshed.json.refresh_token);
  keep('access token', refreshed.json.access_token);
  // Reuse of the spent one (logged as a security event).
  assert.equal((await post('/v1/auth/refresh', { refresh_token: signedIn.json.refresh_token })).status, 401);

  // Passwordless sign-in.
  since = Date.now();
  assert.equal((await post('/v1/auth/otp/request', { identifier: email, purpose: 'login' })).status, 202);
  const loginCode = keep('login code', codeIn(await readOutbox(server, email, { since })));
  const otpLogin = await post('/v1/auth/verify-otp', { identifier: email, code: loginCode, purpose: 'login' });
  assert.equal(otpLogin.status, 200);
  keep('access token', otpLogin.json.access_token);

  // Password reset.
  since = Date.now();
  assert.equal((await post('/v1/auth/forgot-password', { identifier: email })).status, 202);
  const resetCode = keep('reset code', codeIn(await readOutbox(server, email, { since })));
  const newPassword = keep('new password', distinctive('New-Pass'));
  assert.equal((await post('/v1/auth/reset-password', { identifier: email, code: resetCode, new_password: newPassword })).status, 200);

  // Authenticator enrolment and sign-in with TOTP and with a recovery code.
  const session = await post('/v1/auth/login', { identifier: email, password: newPassword });
  const token = keep('access token', session.json.access_token);
  const setup = await post('/v1/auth/mfa/totp/setup', undefined, token);
  assert.equal(setup.status, 200);
  const secret = keep('TOTP secret', setup.json.secret);
  const step = totpStep();
  const enrolCode = keep('TOTP code', totp(secret, step * 30000 + 1000));
  const confirm = await post('/v1/auth/mfa/totp/confirm', { code: enrolCode }, token);
  assert.equal(confirm.status, 200);
  for (const c of confirm.json.recovery_codes) keep('recovery code', c);
  const challenge = await post('/v1/auth/login', { identifier: email, password: newPassword });
  keep('mfa token', challenge.json.mfa_token);
  const mfaCode = keep('TOTP code', totp(secret, (step + 1) * 30000 + 1000));
  const mfa = await mfaStep(server, challenge, mfaCode);
  assert.equal(mfa.status, 200, mfa.text);
  keep('access token', mfa.json.access_token);
  const challenge2 = await post('/v1/auth/login', { identifier: email, password: newPassword });
  const recovery = await mfaStep(server, challenge2, confirm.json.recovery_codes[0]);
  assert.equal(recovery.status, 200, recovery.text);
  keep('refresh token', recovery.json.refresh_token);
  // A wrong recovery code attempt.
  const challenge3 = await post('/v1/auth/login', { identifier: email, password: newPassword });
  const wrongRecovery = keep('wrong recovery code', `ZZZZ-${randomBytes(3).toString('hex').toUpperCase()}`);
  assert.equal((await mfaStep(server, challenge3, wrongRecovery)).status, 401);
  assert.equal((await post('/v1/auth/logout', undefined, recovery.json.access_token)).status, 204);

  // The demo admin's authenticator secret and password.
  keep('admin TOTP secret', DEMO.admin.totpSecret);
  keep('admin password', DEMO.admin.password);

  await sleep(300); // let the outbox consumer log its deliveries
  const log = server.log();
  assert.ok(log.length > 1000, 'the debug log has content');
  assert.match(log, /"event":"http\.request"/);
  assert.match(log, /"event":"dev_outbox\.stored"/);
  for (const [kind, value] of secrets) assertAbsent(log, kind, value);
  // The recipient is masked in the delivery log.
  assert.ok(!log.includes(email), 'the full email address is not logged');
});
