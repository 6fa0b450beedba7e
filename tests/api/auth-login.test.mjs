// Sign-in: passwords, the "remember this device" cookie, the admin's second factor, and access-token checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, totpFor, DEMO, assertProblem, unique, totp, totpStep, mfaStep, signWithServerKey,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const login = (body) => server.api('POST', '/v1/auth/login', { body });
const cookieNamed = (res, name) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const jwtPart = (token, i) => JSON.parse(Buffer.from(token.split('.')[i], 'base64url').toString('utf8'));

test('the demo patient signs in and GET /v1/auth/me returns the same account', async () => {
  const r = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.token_type, 'Bearer');
  assert.equal(r.json.expires_in, 900);
  assert.match(r.json.refresh_token, /^rt_/);
  assert.equal(r.json.user.email, DEMO.patient.email);
  assert.equal(r.json.user.role, 'patient');
  assert.equal(r.json.mfa_required, undefined);
  const claims = jwtPart(r.json.access_token, 1);
  assert.equal(claims.sub, r.json.user.id);
  assert.equal(claims.role, 'patient');
  assert.equal(claims.exp - claims.iat, 900);

  const me = await server.api('GET', '/v1/auth/me', { token: r.json.access_token });
  assert.equal(me.status, 200, me.text);
  assert.deepEqual(me.json, r.json.user);
  // Identifiers are case-insensitive.
  const upper = await login({ identifier: DEMO.patient.email.toUpperCase(), password: DEMO.patient.password });
  assert.equal(upper.status, 200, upper.text);
  assert.equal(upper.json.user.id, r.json.user.id);
});

test('a wrong password and an unknown account get the identical answer', async () => {
  const wrong = await login({ identifier: DEMO.patient.email, password: 'Not-The-Password-1' });
  const unknown = await login({ identifier: unique('ghost'), password: 'Not-The-Password-1' });
  assertProblem(assert, wrong, 401, 'invalid-credentials');
  assertProblem(assert, unknown, 401, 'invalid-credentials');
  for (const k of ['type', 'title', 'status', 'detail']) assert.equal(wrong.json[k], unknown.json[k], k);
  assert.deepEqual(Object.keys(wrong.json).sort(), Object.keys(unknown.json).sort());
  assert.equal(wrong.headers.get('set-cookie'), null);
  assert.equal(unknown.headers.get('set-cookie'), null);
  // The same for an unknown phone number.
  const phone = await login({ identifier: '+919000000001', password: 'Not-The-Password-1' });
  assert.equal(phone.json.detail, wrong.json.detail);
});

test('remember_device sets the refresh cookie with a Max-Age of about 30 days; without it, a session cookie', async () => {
  const remembered = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password, remember_device: true });
  assert.equal(remembered.status, 200, remembered.text);
  const rc = cookieNamed(remembered, 'kiorex_refresh');
  assert.ok(rc, 'kiorex_refresh cookie set');
  assert.ok(rc.startsWith(`kiorex_refresh=${remembered.json.refresh_token};`), rc);
  assert.match(rc, /HttpOnly/);
  assert.match(rc, /SameSite=Strict/);
  assert.match(rc, /Path=\/v1\/auth/);
  const maxAge = Number(rc.match(/Max-Age=(\d+)/)?.[1]);
  assert.ok(Math.abs(maxAge - 30 * 86400) <= 60, `Max-Age ${maxAge} ≈ 30 days`);
  const csrf = cookieNamed(remembered, 'kiorex_csrf');
  assert.ok(csrf && !/HttpOnly/.test(csrf), 'the CSRF cookie is readable by the page');

  const plain = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  const pc = cookieNamed(plain, 'kiorex_refresh');
  assert.ok(pc, 'the cookie is set without remember_device too');
  assert.doesNotMatch(pc, /Max-Age/i);
  assert.doesNotMatch(pc, /Expires/i);
});

test('the admin password alone only yields an MFA challenge; a correct TOTP gives admin tokens', async () => {
  const r1 = await login({ identifier: DEMO.admin.email, password: DEMO.admin.password });
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.json.mfa_required, true);
  assert.equal(typeof r1.json.mfa_token, 'string');
  assert.equal(r1.json.access_token, undefined);
  assert.equal(r1.json.refresh_token, undefined);
  // No session cookie yet: only the challenge's client secret, HttpOnly and sent only to the second step.
  const cookies = r1.headers.getSetCookie();
  assert.equal(cookies.length, 1, cookies.join(' | '));
  assert.match(cookies[0], /^kiorex_mfa=[A-Za-z0-9_-]{20,}; Path=\/v1\/auth\/login\/mfa; HttpOnly; SameSite=Strict; Max-Age=300/);
  // The challenge token is not an access token.
  assertProblem(assert, await server.api('GET', '/v1/auth/me', { token: r1.json.mfa_token }), 401);

  const r2 = await mfaStep(server, r1, await totpFor(server, DEMO.admin.totpSecret));
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.json.user.role, 'admin');
  assert.equal(jwtPart(r2.json.access_token, 1).role, 'admin');
  assert.equal(jwtPart(r2.json.access_token, 1).scope, 'full');
  const me = await server.api('GET', '/v1/auth/me', { token: r2.json.access_token });
  assert.equal(me.json.role, 'admin');
  const outbox = await server.api('GET', '/v1/admin/dev-outbox?limit=1', { token: r2.json.access_token });
  assert.equal(outbox.status, 200, outbox.text);
});

test('a wrong TOTP code is 401; a code already used is 401 too', async () => {
  const challenge = () => login({ identifier: DEMO.admin.email, password: DEMO.admin.password });
  // A code that is valid for no step near now.
  const now = totpStep();
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(DEMO.admin.totpSecret, (now + d) * 30000 + 1000)));
  let wrongCode = '000000';
  for (let i = 0; near.has(wrongCode); i++) wrongCode = String(123456 + i).padStart(6, '0');
  const wrong = await mfaStep(server, await challenge(), wrongCode);
  assertProblem(assert, wrong, 401, 'invalid-mfa-code');
  assert.equal(wrong.json.access_token, undefined);

  const code = await totpFor(server, DEMO.admin.totpSecret);
  const ok = await mfaStep(server, await challenge(), code);
  assert.equal(ok.status, 200, ok.text);
  const replay = await mfaStep(server, await challenge(), code);
  assertProblem(assert, replay, 401, 'invalid-mfa-code');
});

test('a garbage or altered mfa_token is 401', async () => {
  const garbage = await server.api('POST', '/v1/auth/login/mfa', { body: { mfa_token: 'not-a-token', code: '123456' } });
  assertProblem(assert, garbage, 401, 'mfa-token-invalid');
  const r1 = await login({ identifier: DEMO.admin.email, password: DEMO.admin.password });
  const [h, p, s] = r1.json.mfa_token.split('.');
  // Re-signed claims with a later expiry under the same signature: must not verify.
  const claims = jwtPart(r1.json.mfa_token, 1);
  const forgedPayload = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url');
  const forged = await mfaStep(server, r1, '123456', { mfaToken: `${h}.${forgedPayload}.${s}` });
  assertProblem(assert, forged, 401, 'mfa-token-invalid');
  // An access token is not an MFA challenge (other audience).
  const patient = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  const wrongAud = await server.api('POST', '/v1/auth/login/mfa', { body: { mfa_token: patient.json.access_token, code: '123456' } });
  assertProblem(assert, wrongAud, 401, 'mfa-token-invalid');
  assert.ok(p);
});

test('an expired mfa_token (validly signed with the server key) is 401', async () => {
  const r1 = await login({ identifier: DEMO.admin.email, password: DEMO.admin.password });
  const claims = jwtPart(r1.json.mfa_token, 1);
  const now = Math.floor(Date.now() / 1000);
  const fresh = signWithServerKey(server, { ...claims, iat: now, exp: now + 300 });
  const expired = signWithServerKey(server, { ...claims, iat: now - 900, exp: now - 600 });
  // The control: the same claims signed the same way but not expired reach the code check.
  const control = await mfaStep(server, r1, '000000', { mfaToken: fresh });
  assertProblem(assert, control, 401, 'invalid-mfa-code');
  const r = await mfaStep(server, r1, '000000', { mfaToken: expired });
  assertProblem(assert, r, 401, 'mfa-token-invalid');
});

test('an access token with one altered signature character is refused on /me', async () => {
  const r = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  const token = r.json.access_token;
  assert.equal((await server.api('GET', '/v1/auth/me', { token })).status, 200);
  const [h, p, s] = token.split('.');
  // Change a character in the middle of the signature (the last one can carry unused bits).
  const i = 10;
  const flipped = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const bad = await server.api('GET', '/v1/auth/me', { token: `${h}.${p}.${flipped}` });
  assertProblem(assert, bad, 401, 'unauthorized');
  // A payload change (role escalation) under the original signature is refused as well.
  const claims = jwtPart(token, 1);
  const admin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
  const escalated = await server.api('GET', '/v1/admin/dev-outbox', { token: `${h}.${admin}.${s}` });
  assertProblem(assert, escalated, 401, 'unauthorized');
  // alg "none" is never accepted.
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  assertProblem(assert, await server.api('GET', '/v1/auth/me', { token: `${none}.${p}.` }), 401, 'unauthorized');
});

test('an expired access token (validly signed) is 401 on /me', async () => {
  const r = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  const claims = jwtPart(r.json.access_token, 1);
  const now = Math.floor(Date.now() / 1000);
  const control = signWithServerKey(server, { ...claims, iat: now, exp: now + 60 });
  assert.equal((await server.api('GET', '/v1/auth/me', { token: control })).status, 200, 'a token signed this way works');
  const expired = signWithServerKey(server, { ...claims, iat: now - 1000, exp: now - 100 });
  assertProblem(assert, await server.api('GET', '/v1/auth/me', { token: expired }), 401, 'unauthorized');
  const otherIssuer = signWithServerKey(server, { ...claims, iss: 'someone-else', iat: now, exp: now + 60 });
  assertProblem(assert, await server.api('GET', '/v1/auth/me', { token: otherIssuer }), 401, 'unauthorized');
});

test('no token, or an Authorization header that is not Bearer, gives a 401 problem', async () => {
  assertProblem(assert, await server.api('GET', '/v1/auth/me'), 401, 'unauthorized');
  const basic = await server.api('GET', '/v1/auth/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
  assertProblem(assert, basic, 401, 'unauthorized');
  const emptyBearer = await server.api('GET', '/v1/auth/me', { headers: { authorization: 'Bearer ' } });
  assertProblem(assert, emptyBearer, 401, 'unauthorized');
});

test('a patient calling the admin dev outbox gets a 403 problem', async () => {
  const r = await login({ identifier: DEMO.patient.email, password: DEMO.patient.password });
  const res = await server.api('GET', '/v1/admin/dev-outbox', { token: r.json.access_token });
  assertProblem(assert, res, 403, 'forbidden');
  assert.equal(res.json.items, undefined);
  const doctor = await login({ identifier: DEMO.doctor.email, password: DEMO.doctor.password });
  assertProblem(assert, await server.api('GET', '/v1/admin/dev-outbox', { token: doctor.json.access_token }), 403, 'forbidden');
});

