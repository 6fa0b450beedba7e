// The data export (GET /v1/users/{id}/export) holds what the person entered or received in their
// consultations, under the consultations module's part: bookings with their reasons, the plan of the notes
// (not the doctor's working parts), prescriptions, chat both ways, ratings with comments; nothing of another
// patient; a doctor's export holds their practice and none of their patients' data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, assertProblem } from './harness.mjs';
import { MIN, videoDoctor, patient } from './visit-helpers.mjs';
import { call, ok, consultationMarkers, wholeConsultation } from './rights-helpers.mjs';

let server, doctor, P, Q, mP, mQ, visitP;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  doctor = await videoDoctor(server);
  P = await patient(server, 'Esha Exporter');
  Q = await patient(server, 'Other Patient');
  mP = consultationMarkers();
  mQ = consultationMarkers();
  visitP = await wholeConsultation(server, doctor, P, mP);
  await wholeConsultation(server, doctor, Q, mQ, { shiftMs: -11 * MIN });
});
after(async () => {
  await server?.stop();
});

const exportOf = async (who, id = 'me') => (await ok(call(server, who, 'GET', `/v1/users/${id}/export`))).json;

test('a patient\'s export holds their booking reason, the plan of the notes, the prescription, the chat and the rating', async () => {
  const doc = await exportOf(P);
  const c = doc.consultations;
  assert.ok(c && typeof c === 'object', `the export has a consultations member: ${Object.keys(doc)}`);

  assert.equal(c.bookings.length, 1);
  const b = c.bookings[0];
  assert.equal(b.id, visitP.booking.id);
  assert.equal(b.reason, mP.reason);
  assert.equal(b.status, 'completed');
  assert.equal(b.doctor.id, doctor.id);

  assert.deepEqual(c.notes.map((n) => [n.booking_id, n.plan]), [[visitP.booking.id, mP.plan]]);
  assert.equal(c.prescriptions.length, 1);
  assert.equal(c.prescriptions[0].id, visitP.prescription.id);
  assert.equal(c.prescriptions[0].content.items[0].medicine, mP.medicine);
  assert.equal(c.prescriptions[0].content.advice, mP.advice);
  assert.deepEqual(c.chat.map((x) => [x.from, x.text]), [['patient', `Doctor, ${mP.chatByPatient}`], ['doctor', `Patient, ${mP.chatByDoctor}`]]);
  assert.deepEqual(c.ratings.map((r) => [r.booking_id, r.stars, r.comment]), [[visitP.booking.id, 5, mP.comment]]);
  assert.equal(c.practice, null, 'a patient has no practice');

  // The users module's own parts are still there, and the sign-in sessions with them.
  for (const member of ['exported_at', 'account', 'profile', 'medical_history', 'family', 'emergency_contacts', 'consents', 'access_log']) {
    assert.ok(member in doc, `${member} is in the export`);
  }
  assert.ok(doc.sign_in.sessions.length >= 1, 'the sessions are exported');
  assert.ok(doc.sign_in.sessions.every((s) => 'ip' in s && 'created_at' in s));
});

test('the doctor\'s working parts of the notes are not in the patient\'s export, and nothing of another patient is', async () => {
  const text = JSON.stringify(await exportOf(P));
  for (const k of ['subjective', 'objective', 'assessment']) assert.ok(!text.includes(mP[k]), `the ${k} is the doctor's`);
  for (const [k, v] of Object.entries(mQ)) assert.ok(!text.includes(v), `the other patient's ${k} is not in it`);
  assert.ok(!text.includes(Q.email) && !text.includes(Q.id), 'the other patient is not named');
  // The other patient's export holds their own.
  const other = await exportOf(Q);
  assert.equal(other.consultations.bookings[0].reason, mQ.reason);
  assert.ok(!JSON.stringify(other).includes(mP.reason));
});

test('a doctor\'s export holds their practice and none of their patients\' consultations', async () => {
  const doc = await exportOf(doctor);
  const text = JSON.stringify(doc);
  assert.equal(doc.consultations.practice.profile.user_id, doctor.id);
  assert.ok(Array.isArray(doc.consultations.practice.schedule.weekly_hours) && doc.consultations.practice.schedule.weekly_hours.length > 0);
  assert.deepEqual(doc.consultations.bookings, []);
  for (const m of [mP, mQ]) for (const [k, v] of Object.entries(m)) assert.ok(!text.includes(v), `a patient's ${k} is not in the doctor's export`);
});

test('the export is the person\'s own: another patient and the doctor get 404; the PDF holds the same document', async () => {
  assertProblem(assert, await call(server, Q, 'GET', `/v1/users/${P.id}/export`), 404, 'not-found');
  const byDoctor = await call(server, doctor, 'GET', `/v1/users/${P.id}/export`);
  assert.ok([403, 404].includes(byDoctor.status), byDoctor.text);
  const pdf = await call(server, P, 'GET', '/v1/users/me/export?format=pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.ok(pdf.text.startsWith('%PDF-'));
});
