// Consultation service, ratings: POST /v1/consultations/{id}/rating (the patient or guardian, once per completed
// consultation) updates the doctor's rating summary in the same transaction; GET …/rating for the participants;
// the public profile shows the summary and the latest comments with first names only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { names } from './users-helpers.mjs';
import { MIN, videoDoctor, patient, startedVisit, completedVisit } from './visit-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const rate = (who, id, body) => call(who, 'POST', `/v1/consultations/${id}/rating`, { body });
const summary = (doctorId) => dbQuery(server, `SELECT rating_count, rating_sum, rating_avg FROM doctors WHERE user_id = ${sqlText(doctorId)}`)[0];
const ratingRows = (id) => dbQuery(server, `SELECT * FROM ratings WHERE booking_id = ${sqlText(id)}`);

test('the patient rates a completed consultation once; the doctor\'s summary and public profile follow', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server, 'Priya Sharma');
  const Q = await patient(server, 'Kiran Rao');
  const first = await completedVisit(server, doctor, P);
  const r = await rate(P, first.booking.id, { stars: 5, comment: 'Very patient and clear.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.booking_id, first.booking.id);
  assert.equal(r.json.stars, 5);
  assert.equal(r.json.comment, 'Very patient and clear.');
  assert.ok(Math.abs(Date.parse(r.json.created_at) - Date.now()) < 10000);
  assert.deepEqual(summary(doctor.id), { rating_count: 1, rating_sum: 5, rating_avg: 5 });

  // Once only.
  assertProblem(assert, await rate(P, first.booking.id, { stars: 1 }), 409, 'already-rated');
  assert.equal(ratingRows(first.booking.id).length, 1);
  assert.equal(summary(doctor.id).rating_count, 1);

  // A second consultation of the same doctor (its slot moved so it can start now), rated 2 without comment.
  const second = await completedVisit(server, doctor, Q, { shiftMs: -11 * MIN });
  const r2 = await rate(Q, second.booking.id, { stars: 2 });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.comment, null);
  assert.deepEqual(summary(doctor.id), { rating_count: 2, rating_sum: 7, rating_avg: 3.5 });

  // Both participants read the rating.
  for (const who of [P, doctor]) {
    const g = await call(who, 'GET', `/v1/consultations/${first.booking.id}/rating`);
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json, r.json);
  }
  const prof = await server.api('GET', `/v1/consultations/doctors/${doctor.id}`);
  assert.equal(prof.status, 200, prof.text);
  assert.deepEqual(prof.json.rating, { average: 3.5, raw_average: 3.5, count: 2, score: 3.9167 });
  assert.deepEqual(prof.json.comments.map((c) => [c.first_name, c.stars, c.comment]), [['Priya', 5, 'Very patient and clear.']]);
  assert.ok(!prof.text.includes('Sharma'));
});

test('bad ratings are refused with 422 naming the field, and nothing changes', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await completedVisit(server, doctor, P);
  const cases = [
    [{}, 'stars'], [{ stars: 0 }, 'stars'], [{ stars: 6 }, 'stars'], [{ stars: '5' }, 'stars'], [{ stars: 4.5 }, 'stars'],
    [{ stars: 4, comment: 'x'.repeat(1001) }, 'comment'], [{ stars: 4, comment: 9 }, 'comment'], [{ stars: 4, tip: 100 }, 'tip'],
  ];
  for (const [body, field] of cases) {
    const r = await rate(P, booking.id, body);
    assertProblem(assert, r, 422, 'validation');
    assert.ok(names(r, field), `${field} named in ${r.text}`);
  }
  assertProblem(assert, await call(P, 'POST', `/v1/consultations/${booking.id}/rating`, { raw: '5', headers: { 'content-type': 'application/json' } }), 400);
  assert.deepEqual(ratingRows(booking.id), []);
  assert.deepEqual(summary(doctor.id), { rating_count: 0, rating_sum: 0, rating_avg: 0 });
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${booking.id}/rating`), 404, 'not-found');
  const ok = await rate(P, booking.id, { stars: 4, comment: 'x'.repeat(1000) });
  assert.equal(ok.status, 201, ok.text);
});

test('only the patient side of a completed consultation rates; others learn nothing', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const { booking } = await startedVisit(server, doctor, P);
  assertProblem(assert, await rate(P, booking.id, { stars: 5 }), 409, 'not-completed');
  assert.equal((await call(doctor, 'POST', `/v1/consultations/${booking.id}/end`)).status, 200);
  assertProblem(assert, await rate(stranger, booking.id, { stars: 1, comment: 'never met' }), 404, 'not-found');
  assertProblem(assert, await rate(stranger, 'bkg_00000000000000000000000000', { stars: 1 }), 404, 'not-found');
  assertProblem(assert, await rate(doctor, booking.id, { stars: 5 }), 403);
  assertProblem(assert, await call(other, 'GET', `/v1/consultations/${booking.id}/rating`), 404, 'not-found');
  assert.deepEqual(ratingRows(booking.id), []);
  assert.equal(summary(doctor.id).rating_count, 0);
  const ok = await rate(P, booking.id, { stars: 3 });
  assert.equal(ok.status, 201, ok.text);
  assertProblem(assert, await call(stranger, 'GET', `/v1/consultations/${booking.id}/rating`), 404, 'not-found');
});

test('a guardian rates the consultation of their dependent', async () => {
  const doctor = await videoDoctor(server);
  const G = await patient(server, 'Gita Guardian');
  const dep = await call(G, 'POST', `/v1/users/${G.id}/family-members`, {
    body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;
  const { booking } = await completedVisit(server, doctor, G, { patient_id: depId });
  const r = await rate(G, booking.id, { stars: 4, comment: 'Kind with children.' });
  assert.equal(r.status, 201, r.text);
  const [row] = ratingRows(booking.id);
  assert.equal(row.patient_id, depId);
  assert.equal(row.rated_by, G.id);
  assert.equal(row.doctor_id, doctor.id);
});
