// Provider verification (admin): the queue (GET /v1/admin/providers, oldest submission first, by status, cursor
// pages) and the decision (POST /v1/admin/providers/{id}/verify): audited, provider.verified / provider.rejected
// in the outbox with ids only, the doctor told by email, the account's provider status in step, search and the
// public profile following the decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, newVerifiedUser, assertProblem, dbQuery, sqlText, readOutbox, sleep } from './harness.mjs';
import { completeProfile, newDoctor, adminToken, fieldsOf, uniqueWord, ifMatch } from './consultations-helpers.mjs';

let server, admin, patient;
before(async () => {
  server = await startServer();
  admin = await adminToken(server);
  patient = await newVerifiedUser(server, { name: 'Pat Patient' });
});
after(async () => {
  await server?.stop();
});

const QUEUE = '/v1/admin/providers';
const verify = (id, body, token = admin) => server.api('POST', `${QUEUE}/${id}/verify`, { token, body });
const queue = (query = '', token = admin) => server.api('GET', `${QUEUE}${query}`, { token });

/** A doctor with a submitted (pending) profile; `overrides` go into the profile. */
async function pendingDoctor(name, overrides = {}) {
  const doc = await newDoctor(server, { name });
  const put = await server.api('PUT', '/v1/consultations/doctors/me', { token: doc.token, body: completeProfile(overrides) });
  assert.equal(put.status, 201, put.text);
  const s = await server.api('POST', '/v1/consultations/doctors/me/submit', { token: doc.token });
  assert.equal(s.status, 200, s.text);
  return { ...doc, submitted_at: s.json.submitted_at, registration: s.json.registration };
}
async function allWith(status) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const r = await queue(`?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return items;
}
const allPending = () => allWith('pending');
/** The decision message sent to `to` (the newest one about the doctor profile), waiting for it to arrive. */
async function decisionMail(to) {
  for (let i = 0; i < 100; i++) {
    const m = await readOutbox(server, to, { timeoutMs: 5000 });
    if (m && /doctor profile/i.test(m.subject)) return m;
    await sleep(50);
  }
  return null;
}
const events = (id) =>
  dbQuery(server, `SELECT type, payload FROM outbox_events WHERE aggregate_id = ${sqlText(id)} AND type LIKE 'provider.%' ORDER BY created_at`);

test('only admins: anonymous 401, a doctor or a patient 403, and nothing changes', async () => {
  const doc = await pendingDoctor('Dr Kept Pending');
  assertProblem(assert, await server.api('GET', QUEUE), 401);
  assertProblem(assert, await queue('', doc.token), 403);
  assertProblem(assert, await queue('', patient.token), 403);
  assertProblem(assert, await server.api('POST', `${QUEUE}/${doc.id}/verify`, { body: { decision: 'approve' } }), 401);
  assertProblem(assert, await verify(doc.id, { decision: 'approve' }, doc.token), 403);
  assertProblem(assert, await verify(doc.id, { decision: 'approve' }, patient.token), 403);
  const me = await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token });
  assert.equal(me.json.status, 'pending');
  assert.equal(events(doc.id).length, 0);
});

test('the queue lists pending doctors oldest submission first with what an admin checks, in cursor pages', async () => {
  const a = await pendingDoctor('Dr Queue First');
  await sleep(5);
  const b = await pendingDoctor('Dr Queue Second', { specialties: ['cardiology'] });
  await sleep(5);
  const c = await pendingDoctor('Dr Queue Third');
  const items = await allPending();
  const ours = items.filter((i) => [a.id, b.id, c.id].includes(i.user_id));
  assert.deepEqual(ours.map((i) => i.user_id), [a.id, b.id, c.id], 'oldest first');
  const times = items.map((i) => Date.parse(i.submitted_at));
  assert.deepEqual(times, [...times].sort((x, y) => x - y), 'the whole queue is in submission order');
  const item = ours[1];
  assert.equal(item.kind, 'doctor');
  assert.equal(item.name, 'Dr Queue Second');
  assert.equal(item.email, b.email);
  assert.deepEqual(item.specialties, ['cardiology']);
  assert.deepEqual(item.registration, b.registration);
  assert.equal(item.status, 'pending');
  assert.equal(item.submitted_at, b.submitted_at);
  assert.ok(item.qualifications.length >= 1);
  // Pages of one, without repeats or gaps.
  const paged = [];
  let cursor = null;
  for (let i = 0; i < 200; i++) {
    const r = await queue(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= 1);
    paged.push(...r.json.items.map((x) => x.user_id));
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(paged, items.map((i) => i.user_id), 'status defaults to pending; pages add up to the list');
  // Drafts are their own list; bad parameters are 422.
  const draft = await newDoctor(server, { name: 'Dr Still Drafting' });
  await server.api('PUT', '/v1/consultations/doctors/me', { token: draft.token, body: { gender: 'male' } });
  const drafts = await queue('?status=draft&limit=100');
  assert.ok(drafts.json.items.some((i) => i.user_id === draft.id && i.status === 'draft' && i.submitted_at === null));
  assert.ok(!(await allPending()).some((i) => i.user_id === draft.id));
  for (const q of ['?status=approved', '?limit=0', '?limit=101', '?cursor=bogus', '?sort=name']) {
    const r = await queue(q);
    assertProblem(assert, r, 422, 'validation');
  }
});

test('approve: verified, audited, provider.verified in the outbox (ids only), the doctor emailed, searchable and public', async () => {
  const word = uniqueWord();
  const doc = await pendingDoctor('Dr Approved Person', { conditions: [word] });
  assert.equal((await server.api('GET', `/v1/consultations/doctors?q=${word}`)).json.total, 0, 'not searchable while pending');
  const since = Date.now() - 1000;
  const r = await verify(doc.id, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user_id, doc.id);
  assert.equal(r.json.status, 'verified');
  assert.equal(r.json.rejection_reason, null);
  assert.ok(Date.parse(r.json.verified_at) >= since, r.json.verified_at);
  assertProblem(assert, await verify(doc.id, { decision: 'approve' }), 409, 'conflict');
  assertProblem(assert, await verify(doc.id, { decision: 'reject', reason: 'changed my mind' }), 409, 'conflict');

  const me = await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token });
  assert.equal(me.json.status, 'verified');
  assert.equal(me.json.verified_at, r.json.verified_at);
  assert.equal((await server.api('GET', '/v1/auth/me', { token: doc.token })).json.provider_verification, 'verified');
  const found = await server.api('GET', `/v1/consultations/doctors?q=${word}`);
  assert.deepEqual(found.json.items.map((i) => i.id), [doc.id]);
  assert.equal((await server.api('GET', `/v1/consultations/doctors/${doc.id}`)).status, 200);
  assert.ok(!(await allPending()).some((i) => i.user_id === doc.id), 'left the queue');
  assert.ok((await allWith('verified')).some((i) => i.user_id === doc.id && i.status === 'verified'));

  const adminId = (await server.api('GET', '/v1/auth/me', { token: admin })).json.id;
  const audit = dbQuery(server, `SELECT action, actor_id, actor_role, outcome FROM audit_log WHERE subject_id = ${sqlText(doc.id)} AND action = 'provider.verified'`);
  assert.deepEqual(audit, [{ action: 'provider.verified', actor_id: adminId, actor_role: 'admin', outcome: 'success' }]);
  const ev = events(doc.id);
  assert.deepEqual(ev.map((e) => e.type), ['provider.verified']);
  const payload = JSON.parse(ev[0].payload);
  assert.equal(payload.doctor_id, doc.id);
  for (const secret of [doc.email, 'Approved', word]) assert.ok(!ev[0].payload.includes(secret), `payload carries no ${secret}`);
  const mail = await decisionMail(doc.email);
  assert.ok(mail, 'the doctor is told');
  assert.match(mail.subject, /verified/i);
  assert.match(mail.text, /verified/);
});

test('reject: a reason is required; the doctor sees it, is told, fixes the profile and submits again', async () => {
  const doc = await pendingDoctor('Dr Rejected Once');
  let r = await verify(doc.id, { decision: 'reject' });
  assertProblem(assert, r, 422, 'validation');
  assert.deepEqual(fieldsOf(r), ['reason']);
  for (const body of [{ decision: 'maybe' }, { decision: 'reject', reason: 'no' }, { decision: 'approve', extra: 1 }, {}]) {
    assertProblem(assert, await verify(doc.id, body), 422, 'validation');
  }
  assert.equal((await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token })).json.status, 'pending', 'nothing written');
  assert.equal(events(doc.id).length, 0);

  const reason = 'The registration number does not match the council register; please check it.';
  r = await verify(doc.id, { decision: 'reject', reason });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { user_id: doc.id, status: 'rejected', rejection_reason: reason, verified_at: null });
  const me = await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token });
  assert.equal(me.json.status, 'rejected');
  assert.equal(me.json.rejection_reason, reason);
  assert.equal((await server.api('GET', '/v1/auth/me', { token: doc.token })).json.provider_verification, 'rejected');
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${doc.id}`), 404);
  assert.deepEqual(events(doc.id).map((e) => e.type), ['provider.rejected']);
  assert.ok(!events(doc.id)[0].payload.includes('register'), 'the reason stays out of the event');
  const mail = await decisionMail(doc.email);
  assert.ok(mail && mail.text.includes(reason), JSON.stringify(mail));
  assert.ok(dbQuery(server, `SELECT 1 FROM audit_log WHERE subject_id = ${sqlText(doc.id)} AND action = 'provider.rejected'`).length === 1);

  // Fix and submit again: pending, the reason cleared; then approved.
  r = await server.api('PUT', '/v1/consultations/doctors/me', {
    token: doc.token, body: { registration: { number: 'DMC/204981', council: 'Delhi Medical Council' } }, headers: ifMatch(me.json.version),
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'rejected', 'editing alone does not resubmit');
  r = await server.api('POST', '/v1/consultations/doctors/me/submit', { token: doc.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'pending');
  assert.equal(r.json.rejection_reason, null);
  assert.equal((await verify(doc.id, { decision: 'approve' })).status, 200);
});

test('unknown ids are 404; a draft cannot be decided on (409)', async () => {
  assertProblem(assert, await verify('usr_00000000000000000000000000', { decision: 'approve' }), 404, 'not-found');
  assertProblem(assert, await verify(patient.id, { decision: 'approve' }), 404, 'not-found');
  const draft = await newDoctor(server, { name: 'Dr Draft Only' });
  await server.api('PUT', '/v1/consultations/doctors/me', { token: draft.token, body: completeProfile() });
  assertProblem(assert, await verify(draft.id, { decision: 'approve' }), 409, 'conflict');
  assert.equal((await server.api('GET', '/v1/consultations/doctors/me', { token: draft.token })).json.status, 'draft');
});
