// Consultation service, SOAP notes: GET/PUT /v1/consultations/{id}/notes — the doctor writes (while in progress
// or within 24 h after the end, If-Match after the first PUT) and reads all four parts; the patient or guardian
// reads only the plan; sealed with the patient's data key; every read and write audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, assertProblem, dbQuery, sqlText, databaseText, markersIn } from './harness.mjs';
import { rid, ifMatch, names } from './users-helpers.mjs';
import { videoDoctor, patient, bookedVisit, startedVisit, startVisit, endVisit, endedAgo, auditRecords } from './visit-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const N = (id) => `/v1/consultations/${id}/notes`;
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const notesRow = (id) => dbQuery(server, `SELECT data_sealed, version, patient_id, doctor_id FROM consultation_notes WHERE booking_id = ${sqlText(id)}`)[0];

function soap(marker) {
  return {
    subjective: `Itchy rash for two weeks (${marker}-S)`,
    objective: `Erythematous papules on both forearms (${marker}-O)`,
    assessment: `Contact dermatitis (${marker}-A)`,
    plan: `Cetirizine at night, avoid the new soap (${marker}-P)`,
  };
}

test('the doctor writes and rewrites the notes with If-Match; the patient reads the plan only', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);
  const marker = rid('soap');

  assertProblem(assert, await call(doctor, 'GET', N(booking.id)), 404, 'not-found');
  assertProblem(assert, await call(P, 'GET', N(booking.id)), 404, 'not-found');
  // The first write needs no If-Match (a made-up one is refused).
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { body: soap(marker), headers: ifMatch(3) }), 412, 'precondition-failed');
  const first = await call(doctor, 'PUT', N(booking.id), { body: soap(marker) });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.headers.get('etag'), '"1"');
  assert.equal(first.json.version, 1);
  assert.equal(first.json.booking_id, booking.id);
  assert.deepEqual(
    { subjective: first.json.subjective, objective: first.json.objective, assessment: first.json.assessment, plan: first.json.plan },
    soap(marker));

  const doc = await call(doctor, 'GET', N(booking.id));
  assert.equal(doc.status, 200, doc.text);
  assert.deepEqual(doc.json, first.json);
  assert.equal(doc.headers.get('etag'), '"1"');

  const pat = await call(P, 'GET', N(booking.id));
  assert.equal(pat.status, 200, pat.text);
  assert.deepEqual(Object.keys(pat.json).sort(), ['booking_id', 'plan', 'updated_at']);
  assert.equal(pat.json.plan, soap(marker).plan);
  assert.equal(pat.headers.get('etag'), null);
  assert.ok(!pat.text.includes(`${marker}-S`) && !pat.text.includes(`${marker}-A`));

  // Later writes need the current ETag.
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { body: { plan: 'x' } }), 428, 'precondition-required');
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { body: { plan: 'x' }, headers: ifMatch(7) }), 412, 'precondition-failed');
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { body: { plan: 'x' }, headers: { 'if-match': 'garbage' } }), 412, 'precondition-failed');
  const second = await call(doctor, 'PUT', N(booking.id), { body: { ...soap(marker), plan: `Revised plan ${marker}`, objective: null }, headers: ifMatch(1) });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.version, 2);
  assert.equal(second.headers.get('etag'), '"2"');
  assert.equal(second.json.objective, '', 'a PUT replaces all four parts');
  assert.equal(second.json.created_at, first.json.created_at);
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { body: { plan: 'stale' }, headers: ifMatch(1) }), 412, 'precondition-failed');
  assert.equal((await call(P, 'GET', N(booking.id))).json.plan, `Revised plan ${marker}`);

  // Sealed with the patient's data key: no part is readable in the database.
  const row = notesRow(booking.id);
  assert.ok(row.data_sealed.startsWith('dk1.'));
  assert.equal(row.patient_id, P.id);
  assert.equal(Number(row.version), 2);
  assert.deepEqual(markersIn(databaseText(server), [`${marker}-S`, `${marker}-O`, `${marker}-A`, `Revised plan ${marker}`]), []);

  // Every read and write is audited about the patient.
  assert.equal(auditRecords(server, 'consultations.notes.write', P.id).length, 2);
  const reads = auditRecords(server, 'consultations.notes.read', P.id);
  assert.ok(reads.some((r) => r.actor_id === doctor.id) && reads.some((r) => r.actor_id === P.id));
  assert.ok(reads.every((r) => r.resource === `consultation_notes:${booking.id}` && r.outcome === 'success'));
});

test('bad notes are refused with 422 naming the fields, and nothing is written', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);
  const cases = [
    [{ subjective: 'x'.repeat(8001) }, 'subjective'],
    [{ plan: 42 }, 'plan'],
    [{ plan: 'bad\u0000text' }, 'plan'],
    [{ diagnosis: 'flu' }, 'diagnosis'],
  ];
  for (const [body, field] of cases) {
    const r = await call(doctor, 'PUT', N(booking.id), { body });
    assertProblem(assert, r, 422, 'validation');
    assert.ok(names(r, field), `${field} named in ${r.text}`);
  }
  assertProblem(assert, await call(doctor, 'PUT', N(booking.id), { raw: '[1,2]', headers: { 'content-type': 'application/json' } }), 400);
  assert.equal(notesRow(booking.id), undefined);
  // 8000 characters (of any script) are fine.
  const ok = await call(doctor, 'PUT', N(booking.id), { body: { assessment: 'अ'.repeat(8000) } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.assessment.length, 8000);
});

test('other doctors and patients learn nothing (404); the patient cannot write (403)', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const { booking } = await startedVisit(server, doctor, P);
  const w = await call(doctor, 'PUT', N(booking.id), { body: { plan: 'rest' } });
  assert.equal(w.status, 200, w.text);
  assertProblem(assert, await call(other, 'GET', N(booking.id)), 404, 'not-found');
  assertProblem(assert, await call(stranger, 'GET', N(booking.id)), 404, 'not-found');
  assertProblem(assert, await call(other, 'PUT', N(booking.id), { body: { plan: 'mine now' }, headers: ifMatch(1) }), 404, 'not-found');
  assertProblem(assert, await call(P, 'PUT', N(booking.id), { body: { plan: 'mine now' }, headers: ifMatch(1) }), 403);
  assertProblem(assert, await call(doctor, 'GET', N('bkg_00000000000000000000000000')), 404, 'not-found');
  assert.equal(Number(notesRow(booking.id).version), 1);
  assert.equal((await call(P, 'GET', N(booking.id))).json.plan, 'rest');
});

test('notes are writable while in progress and for 24 hours after the end, not before the start', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const b = await bookedVisit(server, doctor, P);
  assertProblem(assert, await call(doctor, 'PUT', N(b.id), { body: { plan: 'too early' } }), 409, 'notes-closed');
  assert.equal(notesRow(b.id), undefined);
  assert.equal((await startVisit(server, doctor, b.id)).status, 200);
  assert.equal((await endVisit(server, doctor, b.id)).status, 200);
  // Just after the end: still open (the doctor finishes the notes after the call).
  const r = await call(doctor, 'PUT', N(b.id), { body: { plan: 'written after the call' } });
  assert.equal(r.status, 200, r.text);
  endedAgo(server, b.id, 23 * 3600 * 1000);
  const r2 = await call(doctor, 'PUT', N(b.id), { body: { plan: 'still within a day' }, headers: ifMatch(1) });
  assert.equal(r2.status, 200, r2.text);
  endedAgo(server, b.id, 25 * 3600 * 1000);
  assertProblem(assert, await call(doctor, 'PUT', N(b.id), { body: { plan: 'too late' }, headers: ifMatch(2) }), 409, 'notes-closed');
  // Reading stays possible.
  assert.equal((await call(P, 'GET', N(b.id))).json.plan, 'still within a day');
});

test('a guardian reads the plan of their dependent', async () => {
  const doctor = await videoDoctor(server);
  const G = await patient(server, 'Gita Guardian');
  const dep = await call(G, 'POST', `/v1/users/${G.id}/family-members`, {
    body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;
  const { booking } = await startedVisit(server, doctor, G, { patient_id: depId });
  assert.equal((await call(doctor, 'PUT', N(booking.id), { body: { subjective: 'fever', plan: 'paracetamol syrup' } })).status, 200);
  const r = await call(G, 'GET', N(booking.id));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['booking_id', 'plan', 'updated_at']);
  assert.equal(r.json.plan, 'paracetamol syrup');
  assert.equal(notesRow(booking.id).patient_id, depId);
  assert.ok(auditRecords(server, 'consultations.notes.read', depId).some((a) => a.actor_id === G.id));
});
