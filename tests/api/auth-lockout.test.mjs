// Lockout is not a weapon: wrong passwords from a stranger's address lock that address out of the account, not
// the owner; a slower per-account ceiling stops guessing spread over many addresses, and even then the owner
// signs in with a one-time code. The owner is told once per window that attempts were blocked.
// Requests from other addresses leave from 127.0.0.x source addresses (the server trusts no forwarding header).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  startServer, newVerifiedUser, assertProblem, dbQuery, sqlText, sleep, codeIn, openOutboxMessage,
} from './harness.mjs';

const servers = [];
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});
async function serverWith(env) {
  const s = await startServer({ env });
  servers.push(s);
  return s;
}

/** One JSON POST to `server` whose connection leaves from `localAddress` (e.g. '127.0.0.2'). */
function postFrom(server, localAddress, path, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request({
      host: '127.0.0.1', port: server.port, path, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), connection: 'close' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch {}
        resolve({ status: res.statusCode, text, json, headers: { get: (n) => res.headers[n.toLowerCase()] ?? null } });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const loginFrom = (server, address, identifier, password) =>
  postFrom(server, address, '/v1/auth/login', { identifier, password });

const NOTICE = 'Kiorex blocked sign-in attempts to your account';
const notices = (server, to) =>
  dbQuery(server, `SELECT id FROM dev_outbox WHERE lower(recipient) = ${sqlText(to.toLowerCase())} AND subject = ${sqlText(NOTICE)}`);
async function waitForNotices(server, to, atLeast) {
  for (let i = 0; i < 100 && notices(server, to).length < atLeast; i++) await sleep(50);
  await sleep(300); // and a moment more, to see that no second one follows
  return notices(server, to);
}

/** Signs in with an emailed one-time code from `address`; returns the verify-otp answer. */
async function otpSignInFrom(server, address, identifier) {
  const since = Date.now() - 1;
  const req = await postFrom(server, address, '/v1/auth/otp/request', { identifier, purpose: 'login' });
  assert.equal(req.status, 202, req.text);
  let row;
  for (let i = 0; i < 100 && !row; i++) {
    row = dbQuery(server, `SELECT id FROM dev_outbox WHERE lower(recipient) = ${sqlText(identifier.toLowerCase())} AND created_at >= ${since} AND subject LIKE 'Your Kiorex code%' ORDER BY created_at DESC LIMIT 1`)[0];
    if (!row) await sleep(50);
  }
  const code = codeIn(await openOutboxMessage(server, row.id));
  return postFrom(server, address, '/v1/auth/verify-otp', { identifier, code, purpose: 'login' });
}

test('a stranger\'s ten wrong passwords lock the stranger\'s address only; the owner signs in from elsewhere', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: undefined }); // the default: 10
  const doctor = await newVerifiedUser(server, { role: 'doctor', name: 'Dr Clinic Day' });
  const stranger = '127.0.0.2';
  for (let i = 1; i <= 10; i++) {
    const r = await loginFrom(server, stranger, doctor.email, `Wrong-Password-${i}`);
    assertProblem(assert, r, 401, 'invalid-credentials');
  }
  const locked = await loginFrom(server, stranger, doctor.email, 'Wrong-Password-11');
  assertProblem(assert, locked, 429, 'rate-limited');
  assert.ok(Number(locked.headers.get('retry-after')) >= 1);
  // Even the right password waits at the stranger's address ...
  assertProblem(assert, await loginFrom(server, stranger, doctor.email, doctor.password), 429, 'rate-limited');
  // ... while the owner at another address signs in at once, with the password.
  const owner = await loginFrom(server, '127.0.0.1', doctor.email, doctor.password);
  assert.equal(owner.status, 200, owner.text);
  assert.equal(owner.json.user.id, doctor.id);
  const other = await loginFrom(server, '127.0.0.3', doctor.email, doctor.password);
  assert.equal(other.status, 200, other.text);

  // The owner is told, once for the window, however many attempts were blocked.
  for (let i = 0; i < 5; i++) assertProblem(assert, await loginFrom(server, stranger, doctor.email, `More-Guesses-${i}`), 429, 'rate-limited');
  const sent = await waitForNotices(server, doctor.email, 1);
  assert.equal(sent.length, 1, 'one notice');
  const notice = await openOutboxMessage(server, sent[0].id);
  assert.match(notice.text, /one-time code/);
});

test('an unknown account is limited per address the same way (no enumeration), and nobody is emailed', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: '3' });
  const ghost = `ghost.${Date.now()}@example.org`;
  for (let i = 1; i <= 3; i++) assertProblem(assert, await loginFrom(server, '127.0.0.2', ghost, `Wrong-${i}-password`), 401, 'invalid-credentials');
  assertProblem(assert, await loginFrom(server, '127.0.0.2', ghost, 'Wrong-4-password'), 429, 'rate-limited');
  assertProblem(assert, await loginFrom(server, '127.0.0.4', ghost, 'Wrong-5-password'), 401, 'invalid-credentials');
  assert.equal(notices(server, ghost).length, 0);
});

test('the owner signs in by one-time code from the very address whose password attempts are locked', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: '3' });
  const user = await newVerifiedUser(server);
  const shared = '127.0.0.5'; // e.g. a clinic's network, shared with whoever is guessing
  for (let i = 1; i <= 3; i++) await loginFrom(server, shared, user.email, `Wrong-${i}-password`);
  assertProblem(assert, await loginFrom(server, shared, user.email, user.password), 429, 'rate-limited');
  const signIn = await otpSignInFrom(server, shared, user.email);
  assert.equal(signIn.status, 200, signIn.text);
  assert.equal(signIn.json.user.id, user.id);
});

test('failures spread over many addresses hit the slower account ceiling; a one-time code still signs the owner in', async () => {
  // Per address 2 in 15 minutes; the account as a whole 20 failures in an hour.
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: '2' });
  const user = await newVerifiedUser(server);
  let failures = 0;
  for (let host = 10; failures < 20; host++) {
    for (let i = 0; i < 2; i++) {
      const r = await loginFrom(server, `127.0.0.${host}`, user.email, `Wrong-${host}-${i}-pw`);
      assertProblem(assert, r, 401, 'invalid-credentials');
      failures++;
    }
  }
  // Now the password is refused from any address, with a Retry-After within the hour.
  const everywhere = await loginFrom(server, '127.0.0.99', user.email, user.password);
  assertProblem(assert, everywhere, 429, 'rate-limited');
  assert.ok(Number(everywhere.headers.get('retry-after')) <= 3600);
  assert.match(everywhere.json.detail, /one-time code/);
  const signIn = await otpSignInFrom(server, '127.0.0.99', user.email);
  assert.equal(signIn.status, 200, signIn.text);
  assert.equal((await waitForNotices(server, user.email, 1)).length, 1);
  // A successful sign-in made no one else's counter go away: the ceiling still holds for the password.
  assertProblem(assert, await loginFrom(server, '127.0.0.98', user.email, user.password), 429, 'rate-limited');
});

test('right passwords do not count toward the account ceiling', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: '2' });
  const user = await newVerifiedUser(server);
  for (let i = 0; i < 25; i++) {
    const r = await loginFrom(server, `127.0.1.${i + 1}`, user.email, user.password);
    assert.equal(r.status, 200, `sign-in ${i}: ${r.text}`);
  }
});
