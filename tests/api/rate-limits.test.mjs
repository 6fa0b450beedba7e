// Rate limits with the server's own defaults and with small configured limits.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO, assertProblem, unique, passwordLogin, dbQuery } from './harness.mjs';
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
  assert.ok(Number.isInteger(retry) && retry >= 1, `Retry-After: ${res.headers.get('retry-after')}`);
  return retry;
}

test('default login limit: the 11th wrong password for one account in 15 minutes is 429 with Retry-After', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: undefined });
  const attempt = (identifier, password) => server.api('POST', '/v1/auth/login', { body: { identifier, password } });
  for (let i = 1; i <= 10; i++) {
    const r = await attempt(DEMO.patient.email, `Wrong-Password-${i}`);
    assert.equal(r.status, 401, `attempt ${i}: ${r.text}`);
  }
  const eleventh = await attempt(DEMO.patient.email, 'Wrong-Password-11');
  const retry = assertRateLimited(eleventh);
  assert.ok(retry <= 900, `Retry-After ${retry} is within the 15-minute window`);
  // The lock-out is per account: even the right password waits, another account does not.
  assertRateLimited(await attempt(DEMO.patient.email, DEMO.patient.password));
  const doctor = await attempt(DEMO.doctor.email, DEMO.doctor.password);
  assert.equal(doctor.status, 200, doctor.text);
});

test('default login limit also applies to unknown accounts (no enumeration by rate limit)', async () => {
  const server = await serverWith({ KIOREX_RATE_LOGIN_PER_15MIN: undefined });
  const ghost = unique('ghost');
  for (let i = 1; i <= 10; i++) {
    const r = await server.api('POST', '/v1/auth/login', { body: { identifier: ghost, password: `Wrong-${i}-password` } });
    assert.equal(r.status, 401, `attempt ${i}: ${r.text}`);
  }
  assertRateLimited(await server.api('POST', '/v1/auth/login', { body: { identifier: ghost, password: 'Wrong-11-password' } }));
});

test('KIOREX_RATE_IP_PER_MIN=30: the 31st request from one address is 429; /healthz stays exempt', async () => {
  const server = await serverWith({ KIOREX_RATE_IP_PER_MIN: '30' });
  for (let i = 1; i <= 30; i++) {
    const r = await server.api('GET', '/v1/meta');
    assert.equal(r.status, 200, `request ${i}: ${r.text}`);
  }
  const r31 = await server.api('GET', '/v1/meta');
  assertRateLimited(r31);
  assert.ok(Number(r31.headers.get('retry-after')) <= 60);
  // Every route counts, not only /v1/meta.
  assertRateLimited(await server.api('GET', '/readyz'));
  // A client cannot pick another address by claiming to be behind a proxy.
  assertRateLimited(await server.api('GET', '/v1/meta', { headers: { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' } }));
  for (let i = 0; i < 5; i++) {
    const h = await server.api('GET', '/healthz');
    assert.equal(h.status, 200, 'healthz is never rate limited');
  }
});

test('KIOREX_RATE_USER_PER_MIN=5: the 6th authenticated call of one user is 429, other users unaffected', async () => {
  const server = await serverWith({ KIOREX_RATE_USER_PER_MIN: '5' });
  const login = async (who) => (await server.api('POST', '/v1/auth/login', { body: { identifier: who.email, password: who.password } })).json.access_token;
  const token = await login(DEMO.patient);
  for (let i = 1; i <= 5; i++) {
    const r = await server.api('GET', '/v1/auth/me', { token });
    assert.equal(r.status, 200, `call ${i}: ${r.text}`);
  }
  assertRateLimited(await server.api('GET', '/v1/auth/me', { token }));
  // Per user, not per token: a new session of the same user is limited too; another user is not.
  assertRateLimited(await server.api('GET', '/v1/auth/me', { token: await login(DEMO.patient) }));
  const doctor = await server.api('GET', '/v1/auth/me', { token: await login(DEMO.doctor) });
  assert.equal(doctor.status, 200, doctor.text);
});

// ---- Refresh limits follow the sign-in session, not the address (issue 12, "sessions that survive normal use"):
// many people behind one address keep their sessions; one session refreshing in a loop is slowed down; a
// generous per-address ceiling still stops one address from trying refresh tokens it was never given.

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
