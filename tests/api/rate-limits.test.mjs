// Rate limits with the server's own defaults and with small configured limits.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO, assertProblem, unique } from './harness.mjs';

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
