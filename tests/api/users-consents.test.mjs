// User service, consents: /v1/users/{id}/consents — append-only grants and withdrawals with the text version and
// the request id, the current state, validation, and who may see or change them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, DEMO, assertProblem,
} from './harness.mjs';
import { rid, reason, fieldsOf } from './users-helpers.mjs';

let server, A, B, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  [A, B] = await Promise.all([person('Priya Consents'), person('Bina Unrelated')]);
  doctor = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  support = await newSupportUser(server, { name: 'Sam Support' });
  admin = { token: server.adminToken };
  admin.id = (await server.api('GET', '/v1/auth/me', { token: admin.token })).json.id;
});
after(async () => {
  await server?.stop();
});

async function person(name) {
  const u = await newVerifiedUser(server, { name });
  return { ...u, name };
}
const C = (id) => `/v1/users/${id}/consents`;
const names = (res, field) => fieldsOf(res).some((f) => f === field || f.startsWith(`${field}.`));
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const PURPOSES = ['data_sharing_providers', 'marketing', 'research'];

async function consents(who, id = who.id) {
  const r = await call(who, 'GET', C(id));
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.current, 'object', r.text);
  assert.ok(Array.isArray(r.json.history), r.text);
  return r.json;
}
async function setConsent(who, body, requestId, id = who.id) {
  const r = await call(who, 'PUT', C(id), { body, headers: requestId ? { 'x-request-id': requestId } : {} });
  assert.equal(r.status, 200, r.text);
  return r;
}

test('a grant and a withdrawal are both kept in history with text_version and request_id; current is the latest', async () => {
  const u = await person('Consent Giver');
  const start = await consents(u);
  assert.deepEqual(start.history, [], 'a new account has no consent records');
  for (const p of PURPOSES) assert.ok(!start.current[p]?.granted, `${p} is not granted by default: ${JSON.stringify(start.current)}`);

  const grantId = rid('consent-grant');
  const g = await setConsent(u, { purpose: 'research', granted: true, text_version: '2026-01' }, grantId);
  assert.equal(g.json.current.research.granted, true);
  assert.equal(g.json.current.research.text_version, '2026-01');
  assert.ok(!Number.isNaN(Date.parse(g.json.current.research.at)), g.text);
  assert.ok(Array.isArray(g.json.history), 'the answer has the same shape as GET');

  const withdrawId = rid('consent-withdraw');
  const w = await setConsent(u, { purpose: 'research', granted: false, text_version: '2026-02' }, withdrawId);
  assert.equal(w.json.current.research.granted, false, 'current reflects the withdrawal');
  assert.equal(w.json.current.research.text_version, '2026-02');

  const now = await consents(u, 'me');
  assert.deepEqual(now.current, w.json.current);
  const research = now.history.filter((h) => h.purpose === 'research');
  assert.equal(research.length, 2, `both records are kept: ${JSON.stringify(now.history)}`);
  const grant = research.find((h) => h.request_id === grantId);
  const withdrawal = research.find((h) => h.request_id === withdrawId);
  assert.ok(grant && withdrawal, `the rows carry the request ids: ${JSON.stringify(research)}`);
  assert.deepEqual([grant.granted, grant.text_version], [true, '2026-01']);
  assert.deepEqual([withdrawal.granted, withdrawal.text_version], [false, '2026-02']);
  assert.ok(Date.parse(withdrawal.at) >= Date.parse(grant.at));
  assert.equal(now.history.length, 2, 'no other rows appeared');
  for (const p of ['marketing', 'data_sharing_providers']) assert.ok(!now.current[p]?.granted, `${p} untouched`);
});

test('purposes are independent; granting again appends another row', async () => {
  const u = await person('Many Purposes');
  await setConsent(u, { purpose: 'data_sharing_providers', granted: true, text_version: '2026-01' });
  await setConsent(u, { purpose: 'marketing', granted: true, text_version: '2026-01' });
  await setConsent(u, { purpose: 'marketing', granted: false, text_version: '2026-01' });
  await setConsent(u, { purpose: 'marketing', granted: true, text_version: '2026-03' });
  const now = await consents(u);
  assert.equal(now.current.data_sharing_providers.granted, true);
  assert.equal(now.current.marketing.granted, true);
  assert.equal(now.current.marketing.text_version, '2026-03');
  assert.ok(!now.current.research?.granted);
  assert.equal(now.history.length, 4);
  assert.equal(now.history.filter((h) => h.purpose === 'marketing').length, 3);
  assert.ok(now.history.every((h) => typeof h.request_id === 'string' && h.request_id), JSON.stringify(now.history));
  assert.equal(new Set(now.history.map((h) => h.request_id)).size, 4, 'each row has its own request');
});

test('a bad purpose and other bad fields are 422 naming them; malformed JSON is 400; nothing is recorded', async () => {
  const u = await person('Consent Validator');
  await setConsent(u, { purpose: 'marketing', granted: true, text_version: '2026-01' });
  const before = await consents(u);
  const bad = await call(u, 'PUT', C(u.id), { body: { purpose: 'selling_data', granted: true, text_version: '2026-01' } });
  assertProblem(assert, bad, 422, 'validation');
  assert.ok(names(bad, 'purpose'), bad.text);
  const cases = [
    [{ granted: true, text_version: '2026-01' }, 'purpose'],
    [{ purpose: 'research', text_version: '2026-01' }, 'granted'],
    [{ purpose: 'research', granted: 'yes', text_version: '2026-01' }, 'granted'],
    [{ purpose: 'research', granted: true }, 'text_version'],
    [{ purpose: 'research', granted: true, text_version: '' }, 'text_version'],
    [{ purpose: 'research', granted: true, text_version: '2026-01', extra: 1 }, 'extra'],
  ];
  for (const [body, field] of cases) {
    const r = await call(u, 'PUT', C(u.id), { body });
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.ok(names(r, field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  for (const raw of ['{"purpose":"research",', '[]']) {
    assertProblem(assert, await call(u, 'PUT', C(u.id), { raw, headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
  }
  assert.deepEqual(await consents(u), before, 'nothing was recorded');
});

test('another person\'s consents: 404 for an unrelated patient and a doctor; nothing recorded', async () => {
  await setConsent(A, { purpose: 'research', granted: true, text_version: '2026-01' });
  const before = await consents(A);
  for (const who of [B, doctor]) {
    assertProblem(assert, await call(who, 'GET', C(A.id)), 404, 'not-found');
    assertProblem(assert, await call(who, 'PUT', C(A.id), { body: { purpose: 'research', granted: false, text_version: '2026-01' } }), 404, 'not-found');
    assertProblem(assert, await call(who, 'PUT', C(A.id), { body: { purpose: 'nonsense' } }), 404, 'not-found');
  }
  assert.deepEqual(await consents(A), before);
  assert.deepEqual((await consents(B)).history, [], 'B\'s own consents are untouched too');
});

test('support and admin: 403 reason-required without a reason; with one they read (audited) and cannot change consent', async () => {
  const before = await consents(A);
  assertProblem(assert, await call(support, 'GET', C(A.id)), 403, 'reason-required');
  assertProblem(assert, await call(admin, 'GET', C(A.id)), 403, 'reason-required');
  const why = `ticket ${randomBytes(3).toString('hex')}: marketing e-mails keep coming`;
  const sId = rid('bg-consents');
  const s = await call(support, 'GET', C(A.id), { headers: reason(why, sId) });
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.json, before);
  const a = await call(admin, 'GET', C(A.id), { headers: reason('regulator query 8') });
  assert.equal(a.status, 200, a.text);
  for (const who of [support, admin]) {
    const w = await call(who, 'PUT', C(A.id), { body: { purpose: 'marketing', granted: true, text_version: '2026-01' }, headers: reason(why) });
    assert.equal(w.status, 403, w.text);
  }
  assert.deepEqual(await consents(A), before, 'staff recorded nothing');
  const log = (await call(A, 'GET', `/v1/users/${A.id}/access-log?limit=100`)).json.items;
  const hit = log.find((i) => i.request_id === sId);
  assert.ok(hit, 'the break-glass read is logged');
  assert.deepEqual([hit.actor.id, hit.actor.role, hit.actor.name, hit.reason, hit.what, hit.action, hit.basis], [support.id, 'support', 'Sam Support', why, 'consents', 'read', 'break_glass']);
});
