// Refresh limits follow the sign-in session, not the address (issue 12, "sessions that survive normal use"):
// many people behind one address keep their sessions; one session refreshing in a loop is slowed down; a
// generous per-address ceiling still stops one address from trying refresh tokens it was never given.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO, assertProblem, passwordLogin, dbQuery } from './harness.mjs';
import { createHash } from 'node:crypto';

const servers = [];
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});
async function serverWith(env) {
  const s = await startServer({ env });
  servers.push(s);
  return s;
}

function assertRateLimited(res) {
  assertProblem(assert, res, 429, 'rate-limited');
  const retry = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 900, `Retry-After: ${res.headers.get('retry-after')}`);
}

/** A signed-in session that refreshes itself: `next()` rotates and returns the response. */
async function session(server, who = DEMO.patient) {
  let token = (await passwordLogin(server, who.email, who.password)).refresh_token;
  return {
    get token() {
      return token;
    },
    async next() {
      const r = await server.api('POST', '/v1/auth/refresh', { body: { refresh_token: token } });
      if (r.status === 200) token = r.json.refresh_token;
      return r;
    },
  };
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

test('with the default limits, 100 refreshes from one address across five sessions are all answered', async () => {
  // The old limit was 50 refreshes per address in 15 minutes (KIOREX_RATE_LOGIN_PER_15MIN x 5), whoever asked.
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: undefined });
  const people = [];
  for (let i = 0; i < 5; i++) people.push(await session(server, i % 2 ? DEMO.doctor : DEMO.patient));
  for (let round = 1; round <= 20; round++) {
    for (const [i, p] of people.entries()) {
      const r = await p.next();
      assert.equal(r.status, 200, `session ${i}, refresh ${round}: ${r.text}`);
      assert.ok(r.json.access_token);
    }
  }
});

test('one session refreshing too often gets 429 with Retry-After; its token stays valid and others are unaffected', async () => {
  const server = await serverWith({ KIOREX_RATE_REFRESH_SESSION: '5' });
  const busy = await session(server);
  const calm = await session(server);
  for (let i = 1; i <= 5; i++) assert.equal((await busy.next()).status, 200, `refresh ${i}`);
  const refused = await busy.next();
  assertRateLimited(refused);
  // Nothing was written for the refusal: the presented refresh token is not spent and the session not ended.
  const rows = dbQuery(server, `SELECT t.used_at, s.revoked_at FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                                 WHERE t.token_hash = '${sha256(busy.token)}'`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].used_at, null);
  assert.equal(rows[0].revoked_at, null);
  // Another session behind the same address refreshes as usual.
  const other = await calm.next();
  assert.equal(other.status, 200, other.text);
});

test('the per-address ceiling counts refresh tokens that belong to no session', async () => {
  const server = await serverWith({ KIOREX_RATE_REFRESH_IP: '4' });
  const person = await session(server);
  for (let i = 1; i <= 4; i++) {
    const guess = await server.api('POST', '/v1/auth/refresh', { body: { refresh_token: `rt_guessed-${i}` } });
    assertProblem(assert, guess, 401, 'invalid-refresh-token');
  }
  assertRateLimited(await server.api('POST', '/v1/auth/refresh', { body: { refresh_token: 'rt_guessed-5' } }));
  assertRateLimited(await person.next());
});

test('a refresh refused for its session does not use up the address ceiling', async () => {
  const server = await serverWith({ KIOREX_RATE_REFRESH_SESSION: '2', KIOREX_RATE_REFRESH_IP: '6' });
  const busy = await session(server);
  for (let i = 1; i <= 2; i++) assert.equal((await busy.next()).status, 200);
  for (let i = 0; i < 5; i++) assertRateLimited(await busy.next());
  // 2 counted against the address so far: four more refreshes of other sessions still pass.
  const others = [await session(server), await session(server)];
  for (const p of others) for (let i = 0; i < 2; i++) assert.equal((await p.next()).status, 200);
  assertRateLimited(await others[0].next());
});
