// User service, family: dependents managed by a guardian, link requests to other accounts (pending → accept or
// decline), what a linked account may read (and not write), and how either side ends a link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, readOutbox, unique, DEMO, assertProblem,
} from './harness.mjs';
import { rid, ifMatch, reason, fieldsOf, names } from './users-helpers.mjs';

let server, U, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  U = await person('Uma Unrelated');
  doctor = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  support = await newSupportUser(server, { name: 'Sam Support' });
  admin = { token: server.adminToken };
});
after(async () => {
  await server?.stop();
});

async function person(name) {
  const u = await newVerifiedUser(server, { name });
  return { ...u, name };
}
const F = (id, rest = '') => `/v1/users/${id}/family-members${rest}`;
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });

async function family(who, id = who.id) {
  const r = await call(who, 'GET', F(id));
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.items), r.text);
  return r.json.items;
}
async function addDependent(guardian, body = {}) {
  const r = await call(guardian, 'POST', F(guardian.id), {
    body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male', ...body },
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json?.member?.id ?? r.json?.id;
  assert.match(id ?? '', /^usr_/, `the answer names the dependent: ${r.text}`);
  assert.notEqual(id, guardian.id);
  return id;
}
async function requestLink(from, to, relationship = 'spouse') {
  const r = await call(from, 'POST', F(from.id), { body: { kind: 'linked', email: to.email, relationship } });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { status: 'pending' });
  const incoming = (await family(to)).find((i) => i.member?.id === from.id && i.direction === 'incoming');
  assert.ok(incoming, `${to.name} sees the request as incoming`);
  return incoming.link_id;
}
async function linkedPair(a, b) {
  const link = await requestLink(a, b);
  const ok = await call(b, 'POST', F(b.id, `/${link}/accept`));
  assert.equal(ok.status, 200, ok.text);
  return link;
}
async function profileOf(who, id) {
  const r = await call(who, 'GET', `/v1/users/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}
async function accessLog(who, id) {
  const r = await call(who, 'GET', `/v1/users/${id}/access-log?limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

test('a guardian creates a dependent and reads and writes the dependent\'s profile and history', async () => {
  const G = await person('Gita Guardian');
  const dep = await addDependent(G);

  const items = await family(G);
  const item = items.find((i) => i.member?.id === dep);
  assert.ok(item, `the dependent is listed: ${JSON.stringify(items)}`);
  assert.match(item.link_id, /^fam_/);
  assert.deepEqual([item.member.name, item.relationship, item.kind, item.status, item.direction], ['Aarav Sharma', 'child', 'dependent', 'active', 'outgoing']);
  assert.ok(!Number.isNaN(Date.parse(item.created_at)));

  const p = await profileOf(G, dep);
  assert.equal(p.id, dep);
  assert.equal(p.name, 'Aarav Sharma');
  assert.equal(p.is_dependent, true);
  assert.equal(p.date_of_birth, '2019-02-03');
  assert.equal(p.sex, 'male');
  const head = await call(G, 'GET', `/v1/users/${dep}`);
  assert.equal(head.headers.get('etag'), `"${p.version}"`);
  const put = await call(G, 'PUT', `/v1/users/${dep}`, { body: { blood_group: 'O+', height_cm: 110 }, headers: ifMatch(p.version) });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.blood_group, 'O+');
  assert.equal((await profileOf(G, dep)).height_cm, 110);

  const h = await call(G, 'POST', `/v1/users/${dep}/medical-history`, { body: { kind: 'immunization', title: 'MMR', details: { dose_number: 1, lot: 'MMR-77' } } });
  assert.equal(h.status, 201, h.text);
  assert.deepEqual(h.json.recorded_by, { id: G.id, role: 'patient' }, 'recorded by the guardian');
  const hp = await call(G, 'PUT', `/v1/users/${dep}/medical-history/${h.json.id}`, { body: { kind: 'immunization', title: 'MMR (first dose)', details: { dose_number: 1, lot: 'MMR-77' } }, headers: ifMatch(1) });
  assert.equal(hp.status, 200, hp.text);
  const list = await call(G, 'GET', `/v1/users/${dep}/medical-history`);
  assert.deepEqual(list.json.items.map((e) => e.title), ['MMR (first dose)']);
  const ec = await call(G, 'POST', `/v1/users/${dep}/emergency-contacts`, { body: { name: 'Gita Guardian', relationship: 'parent', phone: '+919800000001', priority: 1 } });
  assert.equal(ec.status, 201, ec.text);

  // The guardian's own data is not the dependent's.
  assert.deepEqual((await call(G, 'GET', `/v1/users/${G.id}/medical-history`)).json.items, []);
  // Others see nothing of the dependent.
  for (const who of [U, doctor]) {
    assertProblem(assert, await call(who, 'GET', `/v1/users/${dep}`), 404, 'not-found');
    assertProblem(assert, await call(who, 'GET', `/v1/users/${dep}/medical-history`), 404, 'not-found');
    assertProblem(assert, await call(who, 'PUT', `/v1/users/${dep}`, { body: { name: 'Taken' }, headers: ifMatch(put.json.version) }), 404, 'not-found');
  }
  assertProblem(assert, await call(support, 'GET', `/v1/users/${dep}`), 403, 'reason-required');
  // The guardian's read is in the dependent's access log with basis "guardian".
  const requestId = rid('guardian-read');
  assert.equal((await call(G, 'GET', `/v1/users/${dep}`, { headers: { 'x-request-id': requestId } })).status, 200);
  const hit = (await accessLog(G, dep)).find((i) => i.request_id === requestId);
  assert.ok(hit, 'the guardian read is logged');
  assert.deepEqual([hit.actor.id, hit.actor.role, hit.actor.name, hit.basis, hit.what], [G.id, 'patient', 'Gita Guardian', 'guardian', 'profile']);
});

test('invalid dependents and link requests are refused with 422 naming the fields; nothing is created', async () => {
  const G = await person('Careful Guardian');
  const before = await family(G);
  const cases = [
    [{ kind: 'dependent', relationship: 'child' }, 'name'],
    [{ kind: 'dependent', name: '', relationship: 'child' }, 'name'],
    [{ kind: 'dependent', name: 'x'.repeat(121), relationship: 'child' }, 'name'],
    [{ kind: 'dependent', name: 'Kid', relationship: 'cousin' }, 'relationship'],
    [{ kind: 'dependent', name: 'Kid', relationship: 'child', date_of_birth: '2999-01-01' }, 'date_of_birth'],
    [{ kind: 'dependent', name: 'Kid', relationship: 'child', sex: 'boy' }, 'sex'],
    [{ kind: 'friend', name: 'Kid', relationship: 'child' }, 'kind'],
    [{ name: 'Kid', relationship: 'child' }, 'kind'],
    [{ kind: 'linked', relationship: 'spouse' }, 'email'],
    [{ kind: 'linked', email: 'not-an-email', relationship: 'spouse' }, 'email'],
    [{ kind: 'linked', phone: '12345', relationship: 'spouse' }, 'phone'],
    [{ kind: 'linked', email: unique('fam'), relationship: 'neighbour' }, 'relationship'],
  ];
  for (const [body, field] of cases) {
    const r = await call(G, 'POST', F(G.id), { body });
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.ok(names(r, field) || (field === 'email' && names(r, 'phone')), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  const all = await call(G, 'POST', F(G.id), { body: { kind: 'dependent', name: '', relationship: 'cousin', sex: 'boy', date_of_birth: '1990-02-30' } });
  assertProblem(assert, all, 422, 'validation');
  for (const f of ['name', 'relationship', 'sex', 'date_of_birth']) assert.ok(names(all, f), `${f}: ${all.text}`);
  for (const raw of ['{"kind":"dependent","name":', '"dependent"']) {
    assertProblem(assert, await call(G, 'POST', F(G.id), { raw, headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
  }
  assert.deepEqual(await family(G), before, 'nothing was created');
});

test('a link request answers 202 pending alike for an existing and an unknown address; nothing opens before acceptance', async () => {
  const A = await person('Arjun Requester');
  const B = await person('Bela Invitee');
  const bEntry = await call(B, 'POST', `/v1/users/${B.id}/medical-history`, { body: { kind: 'condition', title: 'Asthma' } });
  assert.equal(bEntry.status, 201);
  const since = Date.now() - 1000;
  const existing = await call(A, 'POST', F(A.id), { body: { kind: 'linked', email: B.email, relationship: 'spouse' } });
  const ghostEmail = unique('ghost');
  const ghost = await call(A, 'POST', F(A.id), { body: { kind: 'linked', email: ghostEmail, relationship: 'spouse' } });
  assert.equal(existing.status, 202, existing.text);
  assert.deepEqual(existing.json, { status: 'pending' });
  assert.equal(ghost.status, existing.status);
  assert.equal(ghost.text, existing.text, 'byte-identical answers');
  assert.equal(ghost.headers.get('content-type'), existing.headers.get('content-type'));
  const told = await readOutbox(server, B.email, { since });
  assert.ok(told, 'the invited person is told by e-mail');

  // Before acceptance: nothing of B for A.
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}`), 404, 'not-found');
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}/medical-history`), 404, 'not-found');

  const incoming = (await family(B)).find((i) => i.member?.id === A.id);
  assert.ok(incoming, 'B sees the request');
  assert.deepEqual([incoming.member.name, incoming.kind, incoming.status, incoming.direction, incoming.relationship],
    ['Arjun Requester', 'linked', 'pending', 'incoming', 'spouse']);
  assert.match(incoming.link_id, /^fam_/);

  // The requester cannot accept their own request, and a third person cannot accept it for B.
  const self = await call(A, 'POST', F(A.id, `/${incoming.link_id}/accept`));
  assert.ok(self.status >= 400 && self.status < 500, `the requester cannot accept: ${self.status} ${self.text}`);
  assertProblem(assert, await call(A, 'POST', F(B.id, `/${incoming.link_id}/accept`)), 404, 'not-found');
  assertProblem(assert, await call(U, 'POST', F(B.id, `/${incoming.link_id}/accept`)), 404, 'not-found');
  assertProblem(assert, await call(U, 'POST', F(U.id, `/${incoming.link_id}/accept`)), 404, 'not-found');
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}`), 404, 'not-found');
  assert.equal((await family(B)).find((i) => i.link_id === incoming.link_id).status, 'pending');
});

test('a link request by phone: the invitee is told by SMS; an unknown number gets the identical 202', async () => {
  const A = await person('Phone Requester');
  const phone = `+9196${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const password = `Str0ng-${randomBytes(6).toString('hex')}`;
  let since = Date.now() - 1000;
  assert.equal((await server.api('POST', '/v1/auth/register', { body: { name: 'Phone Invitee', phone, password } })).status, 202);
  const code = (await readOutbox(server, phone, { since }))?.text.match(/\b(\d{6})\b/)?.[1];
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: phone, code, purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  const P = { id: v.json.user.id, token: v.json.access_token };

  since = Date.now();
  const known = await call(A, 'POST', F(A.id), { body: { kind: 'linked', phone, relationship: 'sibling' } });
  const unknown = await call(A, 'POST', F(A.id), { body: { kind: 'linked', phone: '+919699999999', relationship: 'sibling' } });
  assert.equal(known.status, 202, known.text);
  assert.equal(unknown.status, 202, unknown.text);
  assert.equal(unknown.text, known.text);
  const sms = await readOutbox(server, phone, { since });
  assert.ok(sms, 'the invitee got an SMS');
  assert.equal(sms.channel, 'sms');
  const incoming = (await family(P)).find((i) => i.member?.id === A.id);
  assert.ok(incoming, 'the phone user sees the request');
  assert.deepEqual([incoming.status, incoming.direction, incoming.relationship], ['pending', 'incoming', 'sibling']);
});

test('after acceptance the requester reads profile, history and emergency contacts, but writes nothing (403)', async () => {
  const A = await person('Anil Linked');
  const B = await person('Bhavna Linked');
  const entry = (await call(B, 'POST', `/v1/users/${B.id}/medical-history`, { body: { kind: 'allergy', title: 'Latex', details: { reaction: 'itch', severity: 'mild' } } })).json;
  assert.equal((await call(B, 'POST', `/v1/users/${B.id}/emergency-contacts`, { body: { name: 'Bhavna Mother', relationship: 'parent', phone: '+919800000002', priority: 1 } })).status, 201);
  const link = await linkedPair(A, B);

  const bItem = (await family(B)).find((i) => i.link_id === link);
  assert.deepEqual([bItem.status, bItem.direction, bItem.member.id], ['active', 'incoming', A.id]);
  const aItem = (await family(A)).find((i) => i.link_id === link);
  assert.ok(aItem, 'the requester lists the link');
  assert.deepEqual([aItem.status, aItem.direction, aItem.kind, aItem.member.id, aItem.member.name], ['active', 'outgoing', 'linked', B.id, 'Bhavna Linked']);

  const requestId = rid('linked-read');
  const p = await call(A, 'GET', `/v1/users/${B.id}`, { headers: { 'x-request-id': requestId } });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.name, 'Bhavna Linked');
  const h = await call(A, 'GET', `/v1/users/${B.id}/medical-history`);
  assert.equal(h.status, 200, h.text);
  assert.deepEqual(h.json.items.map((e) => e.id), [entry.id]);
  assert.equal((await call(A, 'GET', `/v1/users/${B.id}/medical-history/${entry.id}`)).status, 200);
  const ec = await call(A, 'GET', `/v1/users/${B.id}/emergency-contacts`);
  assert.equal(ec.status, 200, ec.text);
  assert.deepEqual(ec.json.items.map((c) => c.name), ['Bhavna Mother']);

  const denied = [
    await call(A, 'PUT', `/v1/users/${B.id}`, { body: { name: 'Renamed' }, headers: ifMatch(p.json.version) }),
    await call(A, 'POST', `/v1/users/${B.id}/medical-history`, { body: { kind: 'condition', title: 'Written by A' } }),
    await call(A, 'PUT', `/v1/users/${B.id}/medical-history/${entry.id}`, { body: { kind: 'allergy', title: 'Changed by A' }, headers: ifMatch(1) }),
    await call(A, 'DELETE', `/v1/users/${B.id}/medical-history/${entry.id}`),
    await call(A, 'POST', `/v1/users/${B.id}/emergency-contacts`, { body: { name: 'By A', relationship: 'other', phone: '+919800000003', priority: 2 } }),
    await call(A, 'PUT', `/v1/users/${B.id}/consents`, { body: { purpose: 'research', granted: true, text_version: '2026-01' } }),
    await call(A, 'POST', F(B.id), { body: { kind: 'dependent', name: 'Sneaky Kid', relationship: 'child' } }),
  ];
  for (const r of denied) assert.equal(r.status, 403, `${r.status} ${r.text}`);
  // Linked accounts do not read consents, the access log or the export.
  for (const path of ['consents', 'access-log', 'export', 'family-members']) {
    const r = await call(A, 'GET', `/v1/users/${B.id}/${path}`);
    assert.equal(r.status, 403, `${path}: ${r.status} ${r.text}`);
  }
  const after = await profileOf(B, B.id);
  assert.equal(after.name, 'Bhavna Linked');
  assert.equal(after.version, p.json.version);
  assert.deepEqual((await call(B, 'GET', `/v1/users/${B.id}/medical-history`)).json.items, h.json.items);
  assert.equal((await call(B, 'GET', `/v1/users/${B.id}/emergency-contacts`)).json.items.length, 1);

  const hit = (await accessLog(B, B.id)).find((i) => i.request_id === requestId);
  assert.ok(hit, 'the linked read is in B\'s access log');
  assert.deepEqual([hit.actor.id, hit.actor.name, hit.basis, hit.what], [A.id, 'Anil Linked', 'linked', 'profile']);
});

test('the invitee declines: 200, the requester still sees nothing', async () => {
  const A = await person('Asking Declined');
  const B = await person('Busy Decliner');
  const link = await requestLink(A, B, 'sibling');
  const d = await call(B, 'POST', F(B.id, `/${link}/decline`));
  assert.equal(d.status, 200, d.text);
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}`), 404, 'not-found');
  const mine = (await family(B)).find((i) => i.link_id === link);
  assert.ok(!mine || mine.status === 'declined', JSON.stringify(mine));
  const theirs = (await family(A)).find((i) => i.link_id === link);
  assert.ok(!theirs || theirs.status === 'declined', JSON.stringify(theirs));
  // A declined request cannot be accepted later by the requester.
  const late = await call(A, 'POST', F(A.id, `/${link}/accept`));
  assert.ok(late.status >= 400, `${late.status} ${late.text}`);
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}`), 404, 'not-found');
});

test('either side ends a link with DELETE 204, and access ends with it', async () => {
  // The invitee ends it.
  const A = await person('Ex Requester');
  const B = await person('Ex Invitee');
  const link1 = await linkedPair(A, B);
  assert.equal((await call(A, 'GET', `/v1/users/${B.id}`)).status, 200);
  assertProblem(assert, await call(U, 'DELETE', F(B.id, `/${link1}`)), 404, 'not-found');
  assert.equal((await call(A, 'GET', `/v1/users/${B.id}`)).status, 200, 'a stranger could not end it');
  const d1 = await call(B, 'DELETE', F(B.id, `/${link1}`));
  assert.equal(d1.status, 204, d1.text);
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}`), 404, 'not-found');
  assertProblem(assert, await call(A, 'GET', `/v1/users/${B.id}/medical-history`), 404, 'not-found');
  assert.ok(!(await family(B)).some((i) => i.link_id === link1 && i.status === 'active'));
  assert.ok(!(await family(A)).some((i) => i.link_id === link1 && i.status === 'active'));

  // The requester ends it.
  const C = await person('Chetan Requester');
  const D = await person('Divya Invitee');
  const link2 = await linkedPair(C, D);
  assert.equal((await call(C, 'GET', `/v1/users/${D.id}`)).status, 200);
  const d2 = await call(C, 'DELETE', F(C.id, `/${link2}`));
  assert.equal(d2.status, 204, d2.text);
  assertProblem(assert, await call(C, 'GET', `/v1/users/${D.id}`), 404, 'not-found');
  assertProblem(assert, await call(C, 'DELETE', F(C.id, `/${link2}`)), 404, 'not-found');
});

test('a guardian removing a dependent ends management; the dependent\'s data stays with the dependent', async () => {
  const G = await person('Former Guardian');
  const dep = await addDependent(G, { name: 'Ira Grownup', relationship: 'grandchild', date_of_birth: '2008-05-05', sex: 'female' });
  const e = await call(G, 'POST', `/v1/users/${dep}/medical-history`, { body: { kind: 'condition', title: 'Eczema' } });
  assert.equal(e.status, 201);
  const link = (await family(G)).find((i) => i.member?.id === dep).link_id;
  const d = await call(G, 'DELETE', F(G.id, `/${link}`));
  assert.equal(d.status, 204, d.text);
  assertProblem(assert, await call(G, 'GET', `/v1/users/${dep}`), 404, 'not-found');
  assertProblem(assert, await call(G, 'GET', `/v1/users/${dep}/medical-history`), 404, 'not-found');
  assert.ok(!(await family(G)).some((i) => i.member?.id === dep && i.status === 'active'));
  const why = reason('dependent asked about their records');
  const p = await call(admin, 'GET', `/v1/users/${dep}`, { headers: why });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.name, 'Ira Grownup');
  const h = await call(admin, 'GET', `/v1/users/${dep}/medical-history`, { headers: why });
  assert.equal(h.status, 200, h.text);
  assert.deepEqual(h.json.items.map((x) => x.title), ['Eczema']);
});

test('family lists of others: 404 for unrelated and doctor, 403 for support without a reason, 200 with one (audited)', async () => {
  const G = await person('Listed Guardian');
  const dep = await addDependent(G, { name: 'Kabir Listed' });
  const before = await family(G);
  const link = before.find((i) => i.member?.id === dep).link_id;
  for (const who of [U, doctor]) {
    assertProblem(assert, await call(who, 'GET', F(G.id)), 404, 'not-found');
    assertProblem(assert, await call(who, 'POST', F(G.id), { body: { kind: 'dependent', name: 'Planted Kid', relationship: 'child' } }), 404, 'not-found');
    assertProblem(assert, await call(who, 'POST', F(G.id), { body: { kind: 'linked', email: who.email ?? unique('x'), relationship: 'spouse' } }), 404, 'not-found');
    assertProblem(assert, await call(who, 'DELETE', F(G.id, `/${link}`)), 404, 'not-found');
  }
  assertProblem(assert, await call(support, 'GET', F(G.id)), 403, 'reason-required');
  const why = `ticket ${randomBytes(3).toString('hex')}: family list`;
  const requestId = rid('bg-family');
  const r = await call(support, 'GET', F(G.id), { headers: reason(why, requestId) });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items, before);
  const w = await call(support, 'POST', F(G.id), { body: { kind: 'dependent', name: 'Support Kid', relationship: 'child' }, headers: reason(why) });
  assert.equal(w.status, 403, w.text);
  const x = await call(support, 'DELETE', F(G.id, `/${link}`), { headers: reason(why) });
  assert.equal(x.status, 403, x.text);
  assert.deepEqual(await family(G), before, 'nobody else changed the family');
  assert.equal((await call(G, 'GET', `/v1/users/${dep}`)).status, 200);
  const hit = (await accessLog(G, G.id)).find((i) => i.request_id === requestId);
  assert.ok(hit, 'the break-glass read of the family is logged');
  assert.deepEqual([hit.actor.id, hit.actor.role, hit.actor.name, hit.reason, hit.what, hit.basis], [support.id, 'support', 'Sam Support', why, 'family', 'break_glass']);
});
