// The MFA challenge (mfa_token from the first sign-in step) opens one session, once, and only for the client
// that received it (the kiorex_mfa cookie set beside it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, newMfaUser, totp, assertProblem, dbQuery, sqlText, mfaStep, mfaCookie,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const post = (path, body, token) => server.api('POST', path, { body, token });
const codeAt = (secret, step) => totp(secret, step * 30000 + 1000);
const login = (user) => post('/v1/auth/login', { identifier: user.email, password: user.password });


const enrolledUser = async () => { const u = await newMfaUser(server); return { ...u, step: u.enrolledStep }; };

const sessionsOf = (user, since) =>
  Number(dbQuery(server, `SELECT count(*) AS n FROM sessions WHERE user_id = ${sqlText(user.id)} AND created_at >= ${since}`)[0].n);
const usedRecoveryCodes = (user) =>
  Number(dbQuery(server, `SELECT count(*) AS n FROM recovery_codes WHERE user_id = ${sqlText(user.id)} AND used_at IS NOT NULL`)[0].n);

test('after a successful second step the same mfa_token with the next valid code is refused', async () => {
  const user = await enrolledUser();
  const since = Date.now();
  const first = await login(user);
  assert.equal(first.json.mfa_required, true);
  const ok = await mfaStep(server, first, codeAt(user.secret, user.step + 1));
  assert.equal(ok.status, 200, ok.text);
  assert.ok(ok.json.access_token);
  // The cookie is cleared once used.
  assert.ok(ok.headers.getSetCookie().some((c) => /^kiorex_mfa=; .*Max-Age=0/.test(c)));

  // The attacker's replay: the same challenge and cookie, a fresh valid TOTP code, then a recovery code.
  const replay = await mfaStep(server, first, codeAt(user.secret, user.step + 2));
  assertProblem(assert, replay, 401, 'mfa-token-invalid');
  assert.equal(replay.json.access_token, undefined);
  const replay2 = await mfaStep(server, first, user.recovery[0]);
  assertProblem(assert, replay2, 401, 'mfa-token-invalid');
  assert.equal(sessionsOf(user, since), 1, 'one session from one challenge');
  assert.equal(usedRecoveryCodes(user), 0, 'a refused replay spends no recovery code');
});

test('two racing uses of one challenge give one session; the loser\'s code is not spent', async () => {
  for (let round = 0; round < 3; round++) {
    const user = await enrolledUser();
    const since = Date.now();
    const first = await login(user);
    const [a, b] = await Promise.all([
      mfaStep(server, first, codeAt(user.secret, user.step + 1)),
      mfaStep(server, first, user.recovery[0]),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 401], `round ${round}: ${a.text} | ${b.text}`);
    const loser = a.status === 401 ? a : b;
    assertProblem(assert, loser, 401, 'mfa-token-invalid');
    assert.equal(sessionsOf(user, since), 1, `round ${round}: one session`);
    // The recovery code is spent only if it won.
    assert.equal(usedRecoveryCodes(user), b.status === 200 ? 1 : 0, `round ${round}`);
  }
});

test('a challenge presented by another client (without its cookie, or with another challenge\'s) is refused', async () => {
  const user = await enrolledUser();
  const since = Date.now();
  const first = await login(user);
  const other = await login(user);
  const code = codeAt(user.secret, user.step + 1);
  const noCookie = await mfaStep(server, first, code, { headers: {} });
  assertProblem(assert, noCookie, 401, 'mfa-token-invalid');
  const wrongCookie = await mfaStep(server, first, code, { headers: mfaCookie(other) });
  assertProblem(assert, wrongCookie, 401, 'mfa-token-invalid');
  const forgedCookie = await mfaStep(server, first, code, { headers: { cookie: 'kiorex_mfa=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
  assertProblem(assert, forgedCookie, 401, 'mfa-token-invalid');
  assert.equal(sessionsOf(user, since), 0);
  // The refusals spent neither the challenge nor the code: the client that received it signs in with both.
  const ok = await mfaStep(server, first, code);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(sessionsOf(user, since), 1);
});

test('a wrong code leaves the challenge usable for the right one', async () => {
  const user = await enrolledUser();
  const first = await login(user);
  assertProblem(assert, await mfaStep(server, first, 'ZZZZ-ZZZZ-ZZ'), 401, 'invalid-mfa-code');
  const ok = await mfaStep(server, first, codeAt(user.secret, user.step + 1));
  assert.equal(ok.status, 200, ok.text);
});
