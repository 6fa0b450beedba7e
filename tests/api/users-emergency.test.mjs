// User service, emergency contacts: /v1/users/{id}/emergency-contacts — create, list, put (If-Match), delete,
// validation, and who may see or change them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, DEMO, assertProblem,
} from './harness.mjs';
import { rid, ifMatch, reason, fieldsOf, names } from './users-helpers.mjs';

let server, A, B, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  [A, B] = await Promise.all([person('Priya Contacts'), person('Bina Unrelated')]);
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
const E = (id, rest = '') => `/v1/users/${id}/emergency-contacts${rest}`;
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const RAHUL = { name: 'Rahul Sharma', relationship: 'spouse', phone: '+919812345678', email: 'rahul@example.org', notes: 'call after 6 pm', priority: 1 };

async function contacts(who, id = who.id) {
  const r = await call(who, 'GET', E(id));
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.items), r.text);
  return r.json.items;
}
async function add(who, body, id = who.id) {
  const r = await call(who, 'POST', E(id), { body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('create answers 201 with the contact (version 1), the list shows it, `me` works, unauthenticated is 401', async () => {
  const u = await person('Contact Maker');
  assert.deepEqual(await contacts(u), []);
  const c = await add(u, RAHUL);
  assert.match(c.id, /^emc_/);
  for (const [k, v] of Object.entries(RAHUL)) assert.deepEqual(c[k], v, `${k}: ${JSON.stringify(c)}`);
  assert.equal(c.version, 1);
  const minimal = await add(u, { name: 'Neha Friend', relationship: 'other', phone: '+14155550123', priority: 2 }, 'me');
  assert.equal(minimal.email, null, 'email is optional');
  assert.equal(minimal.priority, 2);
  const items = await contacts(u, 'me');
  assert.deepEqual(new Set(items.map((x) => x.id)), new Set([c.id, minimal.id]));
  assert.deepEqual(items.find((x) => x.id === c.id), c);
  assertProblem(assert, await server.api('GET', E(u.id)), 401);
  assertProblem(assert, await server.api('POST', E(u.id), { body: RAHUL }), 401);
  assert.equal((await contacts(u)).length, 2);
});

test('PUT needs If-Match: 428 without, 412 stale; with the current version it saves and bumps it', async () => {
  const u = await person('Contact Editor');
  const c = await add(u, RAHUL);
  const change = { ...RAHUL, phone: '+919812300000', notes: 'moved to Mumbai', priority: 3 };
  assertProblem(assert, await call(u, 'PUT', E(u.id, `/${c.id}`), { body: change }), 428, 'precondition-required');
  assertProblem(assert, await call(u, 'PUT', E(u.id, `/${c.id}`), { body: change, headers: ifMatch(2) }), 412, 'precondition-failed');
  assert.deepEqual((await contacts(u))[0], c, 'refused PUTs wrote nothing');
  const r = await call(u, 'PUT', E(u.id, `/${c.id}`), { body: change, headers: ifMatch(1) });
  assert.equal(r.status, 200, r.text);
  for (const [k, v] of Object.entries(change)) assert.deepEqual(r.json[k], v, k);
  assert.equal(r.json.id, c.id);
  assert.equal(r.json.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.deepEqual((await contacts(u))[0], r.json);
  assertProblem(assert, await call(u, 'PUT', E(u.id, `/${c.id}`), { body: { ...change, priority: 9 }, headers: ifMatch(1) }), 412, 'precondition-failed');
  const [r1, r2] = await Promise.all([
    call(u, 'PUT', E(u.id, `/${c.id}`), { body: { ...change, priority: 4 }, headers: ifMatch(2) }),
    call(u, 'PUT', E(u.id, `/${c.id}`), { body: { ...change, priority: 5 }, headers: ifMatch(2) }),
  ]);
  assert.deepEqual([r1.status, r2.status].sort(), [200, 412], `${r1.text} | ${r2.text}`);
  assert.equal((await contacts(u))[0].version, 3);
});

test('invalid contacts are refused with 422 naming each field, on create and on update; nothing is written', async () => {
  const u = await person('Contact Validator');
  const all = await call(u, 'POST', E(u.id), { body: { name: '', relationship: 'spouse', phone: '98123', email: 'bad', priority: 11, shoe_size: 9 } });
  assertProblem(assert, all, 422, 'validation');
  for (const f of ['name', 'phone', 'email', 'priority', 'shoe_size']) assert.ok(names(all, f), `${f}: ${all.text}`);
  const cases = [
    [{ ...RAHUL, name: undefined }, 'name'],
    [{ ...RAHUL, name: 'x'.repeat(121) }, 'name'],
    [{ ...RAHUL, phone: undefined }, 'phone'],
    [{ ...RAHUL, phone: '09812345678' }, 'phone'],
    [{ ...RAHUL, phone: '+91 abc' }, 'phone'],
    [{ ...RAHUL, email: 'rahul@' }, 'email'],
    [{ ...RAHUL, priority: 0 }, 'priority'],
    [{ ...RAHUL, priority: 11 }, 'priority'],
    [{ ...RAHUL, priority: 'high' }, 'priority'],
  ];
  for (const [body, field] of cases) {
    const r = await call(u, 'POST', E(u.id), { body });
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.ok(names(r, field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  for (const raw of ['{"name":"Rahul"', '[]']) {
    assertProblem(assert, await call(u, 'POST', E(u.id), { raw, headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
  }
  assert.deepEqual(await contacts(u), [], 'nothing was created');

  const c = await add(u, { ...RAHUL, name: 'x'.repeat(120), priority: 10 });
  assert.equal(c.name.length, 120);
  const bad = await call(u, 'PUT', E(u.id, `/${c.id}`), { body: { ...RAHUL, phone: 'call me', priority: 0 }, headers: ifMatch(1) });
  assertProblem(assert, bad, 422, 'validation');
  assert.ok(names(bad, 'phone') && names(bad, 'priority'), bad.text);
  const malformed = await call(u, 'PUT', E(u.id, `/${c.id}`), { raw: '{"priority":', headers: { 'content-type': 'application/json', ...ifMatch(1) } });
  assertProblem(assert, malformed, 400, 'bad-request');
  assert.deepEqual(await contacts(u), [c], 'the refused updates wrote nothing');
});

test('DELETE answers 204; the contact is gone from the list and further PUT/DELETE are 404', async () => {
  const u = await person('Contact Deleter');
  const keep = await add(u, RAHUL);
  const gone = await add(u, { ...RAHUL, name: 'Old Neighbour', priority: 5 });
  const d = await call(u, 'DELETE', E(u.id, `/${gone.id}`));
  assert.equal(d.status, 204, d.text);
  assert.equal(d.text, '');
  assert.deepEqual((await contacts(u)).map((x) => x.id), [keep.id]);
  assertProblem(assert, await call(u, 'PUT', E(u.id, `/${gone.id}`), { body: RAHUL, headers: ifMatch(1) }), 404, 'not-found');
  assertProblem(assert, await call(u, 'DELETE', E(u.id, `/${gone.id}`)), 404, 'not-found');
  assertProblem(assert, await call(u, 'DELETE', E(u.id, '/emc_doesnotexist')), 404, 'not-found');
});

test('another person\'s contacts: 404 for an unrelated patient and a doctor without care, on every route and by id', async () => {
  const c = await add(A, RAHUL);
  const mine = await add(B, { ...RAHUL, name: 'Bina Brother' });
  for (const who of [B, doctor]) {
    assertProblem(assert, await call(who, 'GET', E(A.id)), 404, 'not-found');
    assertProblem(assert, await call(who, 'POST', E(A.id), { body: { ...RAHUL, name: 'Planted' } }), 404, 'not-found');
    assertProblem(assert, await call(who, 'POST', E(A.id), { body: { name: '' } }), 404, 'not-found');
    assertProblem(assert, await call(who, 'PUT', E(A.id, `/${c.id}`), { body: { ...RAHUL, name: 'Hijacked' }, headers: ifMatch(1) }), 404, 'not-found');
    assertProblem(assert, await call(who, 'PUT', E(A.id, `/${c.id}`), { body: { ...RAHUL, name: 'Hijacked' }, headers: ifMatch(7) }), 404, 'not-found');
    assertProblem(assert, await call(who, 'DELETE', E(A.id, `/${c.id}`)), 404, 'not-found');
  }
  assertProblem(assert, await call(B, 'PUT', E(B.id, `/${c.id}`), { body: { ...RAHUL, name: 'Via My Path' }, headers: ifMatch(1) }), 404, 'not-found');
  assertProblem(assert, await call(B, 'DELETE', E(B.id, `/${c.id}`)), 404, 'not-found');
  const now = await contacts(A);
  assert.deepEqual(now.find((x) => x.id === c.id), c, 'A\'s contact is untouched');
  assert.ok(!now.some((x) => x.name === 'Planted'));
  assert.deepEqual((await contacts(B)).map((x) => x.id), [mine.id]);
});

test('support and admin: 403 reason-required without a reason; with one they read (audited) and cannot write', async () => {
  const c = await add(A, { ...RAHUL, name: 'Audited Contact' });
  const before = await contacts(A);
  assertProblem(assert, await call(support, 'GET', E(A.id)), 403, 'reason-required');
  assertProblem(assert, await call(admin, 'GET', E(A.id)), 403, 'reason-required');
  const why = `ticket ${randomBytes(3).toString('hex')}: could not reach the contact`;
  const sId = rid('bg-emc-support');
  const s = await call(support, 'GET', E(A.id), { headers: reason(why, sId) });
  assert.equal(s.status, 200, s.text);
  assert.deepEqual(s.json.items, before);
  const aId = rid('bg-emc-admin');
  const a = await call(admin, 'GET', E(A.id), { headers: reason('incident 31', aId) });
  assert.equal(a.status, 200, a.text);
  for (const who of [support, admin]) {
    assert.equal((await call(who, 'POST', E(A.id), { body: { ...RAHUL, name: 'Staff Added' }, headers: reason(why) })).status, 403);
    assert.equal((await call(who, 'PUT', E(A.id, `/${c.id}`), { body: { ...RAHUL, name: 'Staff Edit' }, headers: { ...reason(why), ...ifMatch(1) } })).status, 403);
    assert.equal((await call(who, 'DELETE', E(A.id, `/${c.id}`), { headers: reason(why) })).status, 403);
  }
  assert.deepEqual(await contacts(A), before, 'staff wrote nothing');
  const log = (await call(A, 'GET', `/v1/users/${A.id}/access-log?limit=100`)).json.items;
  const sh = log.find((i) => i.request_id === sId);
  assert.ok(sh, 'the support read is logged');
  assert.deepEqual([sh.actor.id, sh.actor.role, sh.actor.name, sh.reason, sh.what, sh.action, sh.basis], [support.id, 'support', 'Sam Support', why, 'emergency_contacts', 'read', 'break_glass']);
  const ah = log.find((i) => i.request_id === aId);
  assert.ok(ah, 'the admin read is logged');
  assert.deepEqual([ah.actor.id, ah.actor.role, ah.reason, ah.basis], [admin.id, 'admin', 'incident 31', 'break_glass']);
});
