// Secrets reach only their owner: the dev mailbox (sign-in and reset codes) is read only by an administrator
// whose sign-in passed a second factor, with codes masked in the list and one message opened on purpose
// (audited); support cannot take an account over through it; it does not exist unless KIOREX_SENDER=dev.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, assertProblem, dbQuery, sqlText, DEMO,
  readOutbox, codeIn, sleep, signWithServerKey,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const SIX_DIGITS = /\b\d{6}\b/;
const jwtClaims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** The newest stored message to `to`, straight from the database (what the routes must not leak). */
async function storedMessageTo(to) {
  for (let i = 0; i < 100; i++) {
    const rows = dbQuery(server, `SELECT id, body FROM dev_outbox WHERE lower(recipient) = ${sqlText(to.toLowerCase())} ORDER BY created_at DESC, id DESC LIMIT 1`);
    if (rows.length) return rows[0];
    await sleep(50);
  }
  throw new Error(`no message to ${to}`);
}

test('support cannot take a patient over: forgot-password works, but the mailbox with the code is refused', async () => {
  const support = await newSupportUser(server);
  const patient = await newVerifiedUser(server, { name: 'Pat Target' });
  const countSessions = () => Number(dbQuery(server, `SELECT count(*) AS n FROM sessions WHERE user_id = ${sqlText(patient.id)}`)[0].n);
  const sessionsBefore = countSessions();
  const forgot = await server.api('POST', '/v1/auth/forgot-password', { body: { identifier: patient.email } });
  assert.equal(forgot.status, 202, forgot.text);
  const stored = await storedMessageTo(patient.email);
  assert.match(stored.body, SIX_DIGITS, 'the reset code was sent');
  const code = stored.body.match(SIX_DIGITS)[0];

  // The step that leaked: reading the code. Refused on the list and on the one message, without any data.
  const list = await server.api('GET', `/v1/admin/dev-outbox?to=${encodeURIComponent(patient.email)}`, { token: support.token });
  assertProblem(assert, list, 403, 'forbidden');
  assert.doesNotMatch(list.text, new RegExp(code));
  const one = await server.api('GET', `/v1/admin/dev-outbox/${stored.id}`, { token: support.token });
  assertProblem(assert, one, 403, 'forbidden');
  assert.doesNotMatch(one.text, new RegExp(code));

  // Nothing else changed: the patient's password still signs in, no session was made for support's benefit.
  await passwordLogin(server, patient.email, patient.password);
  assert.equal(countSessions(), sessionsBefore + 1, 'only the patient\'s own sign-in above');
});

test('support cannot read the admin\'s reset code either', async () => {
  const support = await newSupportUser(server);
  const forgot = await server.api('POST', '/v1/auth/forgot-password', { body: { identifier: DEMO.admin.email } });
  assert.equal(forgot.status, 202);
  const stored = await storedMessageTo(DEMO.admin.email);
  assertProblem(assert, await server.api('GET', `/v1/admin/dev-outbox?to=${encodeURIComponent(DEMO.admin.email)}`, { token: support.token }), 403, 'forbidden');
  assertProblem(assert, await server.api('GET', `/v1/admin/dev-outbox/${stored.id}`, { token: support.token }), 403, 'forbidden');
});

test('patients and doctors get 403 on both mailbox routes', async () => {
  const patient = await passwordLogin(server, DEMO.patient.email, DEMO.patient.password);
  const doctor = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  const stored = await storedMessageTo(DEMO.admin.email).catch(() => ({ id: 'msg_x' }));
  for (const who of [patient, doctor]) {
    assertProblem(assert, await server.api('GET', '/v1/admin/dev-outbox', { token: who.token }), 403, 'forbidden');
    assertProblem(assert, await server.api('GET', `/v1/admin/dev-outbox/${stored.id}`, { token: who.token }), 403, 'forbidden');
  }
  assertProblem(assert, await server.api('GET', '/v1/admin/dev-outbox'), 401);
});

test('the admin\'s list masks codes in subject and text; opening one message shows it and is audited', async () => {
  const user = await newVerifiedUser(server);
  const since = Date.now();
  assert.equal((await server.api('POST', '/v1/auth/otp/request', { body: { identifier: user.email, purpose: 'login' } })).status, 202);
  const stored = await storedMessageTo(user.email);
  await sleep(50);
  const list = await server.api('GET', `/v1/admin/dev-outbox?to=${encodeURIComponent(user.email)}&limit=10`, { token: server.adminToken });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.length >= 2, 'the verification and the sign-in code');
  for (const m of list.json.items) {
    assert.doesNotMatch(m.text, SIX_DIGITS, m.text);
    assert.doesNotMatch(m.subject, SIX_DIGITS, m.subject);
    assert.match(`${m.subject}\n${m.text}`, /\*{6}/, 'the code\'s place is shown masked');
  }
  const listed = list.json.items.find((m) => m.id === stored.id);
  assert.ok(listed, 'the new message is listed');
  assert.equal(listed.to, user.email);

  const opened = await server.api('GET', `/v1/admin/dev-outbox/${stored.id}`, { token: server.adminToken });
  assert.equal(opened.status, 200, opened.text);
  assert.equal(opened.json.text, stored.body);
  assert.equal(opened.json.id, stored.id);
  const code = codeIn(opened.json);
  assert.match(code, /^\d{6}$/);
  const admin = jwtClaims(server.adminToken).sub;
  const audit = dbQuery(server, `SELECT actor_id, actor_role, resource, outcome, details FROM audit_log WHERE action = 'notify.dev_outbox.open' AND resource = ${sqlText(`dev_outbox:${stored.id}`)}`);
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actor_id, admin);
  assert.equal(audit[0].actor_role, 'admin');
  assert.equal(audit[0].outcome, 'success');
  assert.doesNotMatch(JSON.stringify(audit[0]), new RegExp(code), 'the audit record does not copy the secret');
  // The code was for a sign-in; it still works for its owner (reading it as admin does not spend it).
  const signIn = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: user.email, code, purpose: 'login' } });
  assert.equal(signIn.status, 200, signIn.text);
  assert.ok(Date.parse(opened.json.created_at) >= since - 1000);

  assertProblem(assert, await server.api('GET', '/v1/admin/dev-outbox/msg_00000000000000000000000000', { token: server.adminToken }), 404, 'not-found');
  assertProblem(assert, await server.api('GET', `/v1/admin/dev-outbox/${'x'.repeat(300)}`, { token: server.adminToken }), 404, 'not-found');
});

test('an admin token whose sign-in passed no second factor is refused (403 mfa-required), with no data', async () => {
  const claims = jwtClaims(server.adminToken);
  assert.ok(claims.amr.includes('mfa'), `the admin's own token records the second factor: ${JSON.stringify(claims.amr)}`);
  const now = Math.floor(Date.now() / 1000);
  // The same session and role, validly signed, but without "mfa" in amr (as a token from before amr, or a
  // sign-in by password alone, would be).
  for (const amr of [undefined, ['pwd']]) {
    const { amr: _drop, ...rest } = claims;
    const token = signWithServerKey(server, { ...rest, ...(amr ? { amr } : {}), iat: now, exp: now + 300 });
    assert.equal((await server.api('GET', '/v1/auth/me', { token })).status, 200, 'the token itself is valid');
    const list = await server.api('GET', '/v1/admin/dev-outbox', { token });
    assertProblem(assert, list, 403, 'mfa-required');
    assert.equal(list.json.items, undefined);
    const id = dbQuery(server, 'SELECT id FROM dev_outbox LIMIT 1')[0].id;
    assertProblem(assert, await server.api('GET', `/v1/admin/dev-outbox/${id}`, { token }), 403, 'mfa-required');
  }
  // A refreshed admin token keeps the record of the second factor.
  const session = await adminLogin(server);
  const refreshed = await server.api('POST', '/v1/auth/refresh', { body: { refresh_token: session.refresh_token } });
  assert.equal(refreshed.status, 200, refreshed.text);
  assert.ok(jwtClaims(refreshed.json.access_token).amr.includes('mfa'));
  assert.equal((await server.api('GET', '/v1/admin/dev-outbox?limit=1', { token: refreshed.json.access_token })).status, 200);
});

test('a password-only token records no second factor', async () => {
  const patient = await passwordLogin(server, DEMO.patient.email, DEMO.patient.password);
  assert.deepEqual(jwtClaims(patient.token).amr, ['pwd']);
});

test('with KIOREX_SENDER=real the mailbox routes answer 404 problem+json, even over stored messages', async () => {
  const real = await startServer({ env: { KIOREX_SENDER: 'real' } });
  try {
    // A message left from a time the server ran with the dev mailbox.
    dbQuery(real, `INSERT INTO dev_outbox (id, channel, recipient, subject, body, created_at) VALUES ('msg_left', 'email', 'x@example.org', 'Code 123456', 'Your code is 123456', ${Date.now()})`);
    const admin = await adminLogin(real);
    for (const path of ['/v1/admin/dev-outbox', '/v1/admin/dev-outbox?to=x%40example.org', '/v1/admin/dev-outbox/msg_left']) {
      const r = await real.api('GET', path, { token: admin.access_token });
      assertProblem(assert, r, 404, 'not-found');
      assert.doesNotMatch(r.text, /123456/);
    }
  } finally {
    await real.stop();
  }
});

test('a readOutbox helper still finds codes by opening the message', async () => {
  const user = await newVerifiedUser(server);
  const since = Date.now() - 10;
  await server.api('POST', '/v1/auth/forgot-password', { body: { identifier: user.email } });
  const m = await readOutbox(server, user.email, { since });
  assert.match(codeIn(m), /^\d{6}$/);
});
