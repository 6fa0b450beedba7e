// The home pages' extra reads: GET /v1/admin/providers/counts (admin queue counts that match the queue),
// GET /v1/admin/providers/{id} (the reviewer's full profile preview) and GET /v1/prescriptions (a person's latest
// prescriptions: a patient's own and their dependents', a doctor's issued ones; never anyone else's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { adminToken, submittedDoctor } from './consultations-helpers.mjs';
import { videoDoctor, patient, startedVisit, auditRecords } from './visit-helpers.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await adminToken(server);
});
after(async () => {
  await server?.stop();
});

const call = (token, path) => server.api('GET', path, { token });
const RX_BODY = { items: [{ medicine: 'Paracetamol', strength: '500 mg', dose: '1 tablet', frequency: 'twice daily', duration: '3 days' }] };

const pendingDoctor = (name, overrides) => submittedDoctor(server, name, overrides);

/** Every provider id with `status`, walking the queue's pages. */
async function queueIds(status) {
  const ids = [];
  let cursor = null;
  do {
    const r = await call(admin, `/v1/admin/providers?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.json.items.map((i) => i.user_id));
    cursor = r.json.next_cursor;
  } while (cursor);
  return ids;
}

test('provider counts match the queue of each status and follow a new submission', async () => {
  const before = await call(admin, '/v1/admin/providers/counts');
  assert.equal(before.status, 200, before.text);
  assert.deepEqual(Object.keys(before.json).sort(), ['draft', 'pending', 'rejected', 'verified']);
  for (const status of ['pending', 'verified', 'rejected', 'draft'])
    assert.equal(before.json[status], (await queueIds(status)).length, `${status} count = queue length`);
  await pendingDoctor('Dr Counted Pending');
  const afterOne = await call(admin, '/v1/admin/providers/counts');
  assert.equal(afterOne.json.pending, before.json.pending + 1);
});

test('provider counts and preview: admins only, no query parameters, unknown id 404', async () => {
  const doc = await pendingDoctor('Dr Not Allowed To Peek');
  const P = await patient(server);
  for (const path of ['/v1/admin/providers/counts', `/v1/admin/providers/${doc.id}`]) {
    assertProblem(assert, await call(null, path), 401);
    assertProblem(assert, await call(doc.token, path), 403);
    assertProblem(assert, await call(P.token, path), 403);
  }
  assertProblem(assert, await call(admin, '/v1/admin/providers/counts?status=pending'), 422, 'validation');
  assertProblem(assert, await call(admin, '/v1/admin/providers/usr_nobody'), 404, 'not-found');
  assertProblem(assert, await call(admin, `/v1/admin/providers/${'x'.repeat(5000)}`), 404, 'not-found');
  assertProblem(assert, await call(admin, `/v1/admin/providers/${P.id}`), 404, 'not-found');
});

test('the provider preview shows the reviewer the whole profile: registration, qualifications, specialties, clinics', async () => {
  const doc = await pendingDoctor('Dr Preview Full');
  const r = await call(admin, `/v1/admin/providers/${doc.id}`);
  assert.equal(r.status, 200, r.text);
  const me = (await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token })).json;
  assert.equal(r.json.status, 'pending');
  assert.equal(r.json.name, 'Dr Preview Full');
  assert.equal(r.json.email, doc.email);
  for (const k of ['registration', 'qualifications', 'specialties', 'locations', 'languages', 'bio', 'consultation_types', 'experience_years'])
    assert.deepEqual(r.json[k], me[k], k);
  assert.ok(r.json.locations.length >= 1, 'the complete profile has a clinic');
});

test('latest prescriptions: the patient sees theirs and their dependent\'s, the doctor the ones they issued, nobody else\'s', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const G = await patient(server, 'Gita Guardian Rx');
  const stranger = await patient(server, 'Sam Stranger Rx');
  const dep = await server.api('POST', `/v1/users/${G.id}/family-members`, {
    token: G.token,
    body: { kind: 'dependent', name: 'Aarav Child Rx', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;

  const own = await startedVisit(server, doctor, G);
  const first = await server.api('POST', `/v1/consultations/${own.booking.id}/prescription`, { token: doctor.token, body: RX_BODY });
  assert.equal(first.status, 201, first.text);
  const child = await startedVisit(server, other, G, { patient_id: depId });
  const second = await server.api('POST', `/v1/consultations/${child.booking.id}/prescription`, { token: other.token, body: RX_BODY });
  assert.equal(second.status, 201, second.text);
  // Issued one after the other; make the order certain.
  dbQuery(server, `UPDATE prescriptions SET issued_at = issued_at + 1000 WHERE id = ${sqlText(second.json.id)}`);

  const mine = await call(G.token, '/v1/prescriptions');
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.items.map((i) => i.id), [second.json.id, first.json.id], 'newest first');
  assert.equal(mine.json.items[0].patient.name, 'Aarav Child Rx');
  assert.equal(mine.json.items[1].doctor.id, doctor.id);
  assert.equal(mine.json.items[1].booking_id, own.booking.id);
  assert.ok(!('items' in mine.json.items[0]) && !JSON.stringify(mine.json).includes('Paracetamol'), 'no medicines in the list');
  assert.deepEqual((await call(G.token, '/v1/prescriptions?limit=1')).json.items.map((i) => i.id), [second.json.id]);

  const issuedByDoctor = await call(doctor.token, '/v1/prescriptions');
  assert.deepEqual(issuedByDoctor.json.items.map((i) => i.id), [first.json.id]);
  assert.deepEqual((await call(stranger.token, '/v1/prescriptions')).json.items, []);
  assert.ok(auditRecords(server, 'consultations.prescription.list', depId).length >= 1, 'the list read is audited');
});

test('latest prescriptions: bad limits and unknown parameters are 422, anonymous 401, admin 403', async () => {
  const P = await patient(server);
  for (const q of ['limit=0', 'limit=21', 'limit=abc', 'limit=1.5', 'limit=', 'cursor=x'])
    assertProblem(assert, await call(P.token, `/v1/prescriptions?${q}`), 422, 'validation');
  assertProblem(assert, await call(null, '/v1/prescriptions'), 401);
  assertProblem(assert, await call(admin, '/v1/prescriptions'), 403);
});
