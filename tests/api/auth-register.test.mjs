// Sign-up: POST /v1/auth/register, the verification code in the dev outbox, verify-otp, and what must not happen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, readOutbox, codeIn, unique, assertProblem, dbQuery, sqlText, sleep,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const strongPassword = () => `Regi-${randomBytes(6).toString('hex')}-x`;
const randomPhone = () => `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function register(body) {
  return server.api('POST', '/v1/auth/register', { body });
}
const login = (identifier, password) => server.api('POST', '/v1/auth/login', { body: { identifier, password } });

test('register answers 202, the code arrives in the dev outbox, and verify-otp signs the user in', async () => {
  const email = unique('reg');
  const password = strongPassword();
  const since = Date.now() - 1000;
  const r = await register({ name: 'Meera Iyer', email, password });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { status: 'verification_sent', channel: 'email' });

  const msg = await readOutbox(server, email, { since });
  assert.ok(msg, 'a verification message was stored');
  assert.equal(msg.channel, 'email');
  assert.equal(msg.to, email);
  const code = codeIn(msg);
  assert.match(code ?? '', /^\d{6}$/);
  assert.match(msg.text, /Meera Iyer/);

  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code, purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  assert.equal(typeof v.json.access_token, 'string');
  assert.equal(typeof v.json.refresh_token, 'string');
  assert.equal(v.json.token_type, 'Bearer');
  assert.ok(v.json.expires_in > 0);
  assert.equal(v.json.user.email, email);
  assert.equal(v.json.user.email_verified, true);
  assert.equal(v.json.user.role, 'patient');
  assert.equal(v.json.user.name, 'Meera Iyer');
  assert.equal(v.json.user.provider_verification, undefined, 'patients have no provider verification');

  const me = await server.api('GET', '/v1/auth/me', { token: v.json.access_token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.id, v.json.user.id);
  assert.equal(me.json.email_verified, true);

  // The password chosen at sign-up now works.
  const l = await login(email, password);
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.user.id, v.json.user.id);
  // And the code was single-use.
  const again = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code, purpose: 'verify_contact' } });
  assertProblem(assert, again, 401, 'invalid-otp');
});

test('validation lists every bad field at once (email, password, name, role) with 422', async () => {
  const r = await register({ email: 'not-an-email', password: 'short', role: 'admin' });
  assertProblem(assert, r, 422, 'validation');
  const fields = (r.json.errors ?? []).map((e) => e.field).sort();
  assert.deepEqual(fields, ['email', 'name', 'password', 'role'], `all four bad fields are listed: ${r.text}`);
});

test('each invalid registration field is refused with 422 naming it', async () => {
  const email = unique('val');
  const cases = [
    [{ name: 'A B', email: 'not-an-email', password: strongPassword() }, 'email'],
    [{ name: 'A B', email, password: 'short' }, 'password'],
    [{ name: 'A B', email, password: 'password123' }, 'password'],
    [{ email, password: strongPassword() }, 'name'],
    [{ name: 'A B', email, password: strongPassword(), role: 'admin' }, 'role'],
    [{ name: 'A B', password: strongPassword() }, 'email'],
  ];
  for (const [body, field] of cases) {
    const r = await register(body);
    assertProblem(assert, r, 422, 'validation');
    assert.ok(Array.isArray(r.json.errors), r.text);
    assert.ok(r.json.errors.some((e) => e.field === field && e.message), `${JSON.stringify(body)} → ${r.text}`);
  }
  const common = await register({ name: 'A B', email, password: 'password123' });
  assert.match(common.json.errors.find((e) => e.field === 'password').message, /common/i);
  const short = await register({ name: 'A B', email, password: 'short' });
  assert.match(short.json.errors.find((e) => e.field === 'password').message, /10/);
});

test('a refused registration writes nothing: no message, no account, login stays 401', async () => {
  const email = unique('nothing');
  const since = Date.now() - 1000;
  for (const body of [
    { name: 'Ravi', email, password: 'password123' },
    { email, password: strongPassword() },
    { name: 'Ravi', email, password: strongPassword(), role: 'admin' },
  ]) {
    const r = await register(body);
    assert.equal(r.status, 422, r.text);
  }
  assert.equal(await readOutbox(server, email, { since, timeoutMs: 600 }), null, 'no message was queued');
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 0, 'no account row');
  const l = await login(email, 'password123');
  assertProblem(assert, l, 401, 'invalid-credentials');
});

test('a duplicate email gets the same 202, creates no second account, and warns the owner', async () => {
  const email = unique('dup');
  const original = strongPassword();
  const first = await register({ name: 'First Owner', email, password: original });
  assert.equal(first.status, 202);
  const msg = await readOutbox(server, email, { since: Date.now() - 2000 });
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code: codeIn(msg), purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);

  const fresh = await register({ name: 'Someone New', email: unique('new'), password: strongPassword() });
  const since = Date.now();
  const intruder = strongPassword();
  const dup = await register({ name: 'Intruder', email: email.toUpperCase(), password: intruder });
  assert.equal(dup.status, fresh.status);
  assert.equal(dup.text, fresh.text, 'byte-identical answer to a new registration');
  assert.equal(dup.headers.get('content-type'), fresh.headers.get('content-type'));

  const rows = dbQuery(server, `SELECT id, name FROM users WHERE lower(email) = ${sqlText(email)}`);
  assert.equal(rows.length, 1, 'still one account');
  assert.equal(rows[0].name, 'First Owner');

  assert.equal((await login(email, original)).status, 200, 'the original password still works');
  assertProblem(assert, await login(email, intruder), 401, 'invalid-credentials');

  const warning = await readOutbox(server, email, { since });
  assert.ok(warning, 'the owner got a message');
  assert.match(warning.subject, /someone tried/i);
  assert.match(warning.text, /First Owner/);
  assert.equal(codeIn(warning), undefined, 'the warning carries no code');
});

test('a provider (doctor) registers with provider_verification pending', async () => {
  const email = unique('doc');
  const since = Date.now() - 1000;
  const r = await register({ name: 'Dr. Kavya Rao', email, password: strongPassword(), role: 'doctor' });
  assert.equal(r.status, 202, r.text);
  const msg = await readOutbox(server, email, { since });
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code: codeIn(msg), purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.user.role, 'doctor');
  assert.equal(v.json.user.provider_verification, 'pending');
  const me = await server.api('GET', '/v1/auth/me', { token: v.json.access_token });
  assert.equal(me.json.provider_verification, 'pending');
});

test('a phone-only registration sends the code by SMS and verifies the phone', async () => {
  const phone = randomPhone();
  const password = strongPassword();
  const since = Date.now() - 1000;
  const r = await register({ name: 'Phone Person', phone: phone.replace(/^(\+91)(\d{5})/, '$1 $2 '), password });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { status: 'verification_sent', channel: 'sms' });
  const msg = await readOutbox(server, phone, { since });
  assert.ok(msg, 'an SMS was stored for the normalised number');
  assert.equal(msg.channel, 'sms');
  assert.equal(msg.to, phone);
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: phone, code: codeIn(msg), purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.user.phone, phone);
  assert.equal(v.json.user.phone_verified, true);
  assert.equal(v.json.user.email, null);
  assert.equal((await login(phone, password)).status, 200);
});

test('login before verifying the contact is refused with 403 unverified', async () => {
  const email = unique('unv');
  const password = strongPassword();
  assert.equal((await register({ name: 'Not Yet', email, password })).status, 202);
  const r = await login(email, password);
  assertProblem(assert, r, 403, 'unverified');
  assert.equal(r.json.access_token, undefined);
  // A wrong password still says 401 (no hint that the account exists).
  assertProblem(assert, await login(email, `${password}x`), 401, 'invalid-credentials');
});

test('malformed JSON is a 400 problem and writes nothing', async () => {
  const email = unique('malformed');
  const r = await server.api('POST', '/v1/auth/register', {
    raw: `{"name":"X","email":"${email}","password":"Abcdefgh-123",`,
    headers: { 'content-type': 'application/json' },
  });
  assertProblem(assert, r, 400, 'bad-request');
  const arr = await server.api('POST', '/v1/auth/register', { raw: '[1,2]', headers: { 'content-type': 'application/json' } });
  assertProblem(assert, arr, 400, 'bad-request');
  await sleep(100);
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 0);
});

test('a body that is not JSON by content type is refused with 415', async () => {
  const email = unique('ctype');
  const r = await server.api('POST', '/v1/auth/register', {
    raw: JSON.stringify({ name: 'X Y', email, password: strongPassword() }),
    headers: { 'content-type': 'text/plain' },
  });
  assertProblem(assert, r, 415, 'unsupported-media-type');
  const form = await server.api('POST', '/v1/auth/register', {
    raw: `name=X&email=${encodeURIComponent(email)}&password=Abcdefgh-123`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assertProblem(assert, form, 415, 'unsupported-media-type');
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE email = ${sqlText(email)}`).length, 0);
});
