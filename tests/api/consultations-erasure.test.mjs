// Consultation service, a patient's GDPR erasure (DELETE /v1/users/me): upcoming bookings are cancelled and
// their slots offered again, public rating comments disappear (the stars stay in the doctor's average), and
// the person is told what was kept. Another patient's bookings and ratings are untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, dbQuery, sqlText } from './harness.mjs';
import { firstFreeSlot, bookSlot, getSlots } from './booking-helpers.mjs';
import { MIN, videoDoctor, patient, completedVisit } from './visit-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const statusOf = (id) => dbQuery(server, `SELECT status FROM bookings WHERE id = ${sqlText(id)}`)[0].status;

test('erasing a patient cancels their upcoming bookings, removes their rating comments and says what was kept', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server, 'Erin Erased');
  const Q = await patient(server, 'Kept Patient');

  const visit = await completedVisit(server, doctor, P);
  const rated = await call(P, 'POST', `/v1/consultations/${visit.booking.id}/rating`, { body: { stars: 4, comment: 'Erin says thanks' } });
  assert.equal(rated.status, 201, rated.text);
  const other = await completedVisit(server, doctor, Q, { shiftMs: -11 * MIN }); // moved so it can start now too
  assert.equal((await call(Q, 'POST', `/v1/consultations/${other.booking.id}/rating`, { body: { stars: 2, comment: 'Kept comment' } })).status, 201);

  // An upcoming booking a day ahead, and another patient's upcoming booking.
  const tomorrow = new Date(Date.now() + 26 * 3600 * 1000).toISOString().slice(0, 10);
  const slot = await firstFreeSlot(server, doctor.id, { type: 'video', fromDate: tomorrow, timeZone: 'UTC' });
  const upcoming = await bookSlot(server, P, doctor.id, slot, { reason: 'follow up on the rash' });
  const slotQ = await firstFreeSlot(server, doctor.id, { type: 'video', fromDate: tomorrow, timeZone: 'UTC' });
  const upcomingQ = await bookSlot(server, Q, doctor.id, slotQ);
  const offered = async (start) => (await getSlots(server, doctor.id, { from: tomorrow, to: tomorrow })).json.items.some((s) => s.start === start);
  assert.equal(await offered(upcoming.start), false, 'a booked slot is not offered');

  const erase = await call(P, 'DELETE', '/v1/users/me', { body: { confirm: 'DELETE' } });
  assert.equal(erase.status, 200, erase.text);
  const kept = erase.json.kept.find((k) => k.what === 'consultation records');
  assert.ok(kept, `the person is told about their consultation records: ${erase.text}`);
  assert.match(kept.why, /can no longer be read/);

  // The doctor sees the upcoming booking cancelled; its slot is offered again; the completed one stays.
  const seen = await call(doctor, 'GET', `/v1/consultations/bookings/${upcoming.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json.status, 'cancelled');
  assert.equal(await offered(upcoming.start), true, 'the freed slot is offered again');
  assert.equal(statusOf(visit.booking.id), 'completed');
  const cancelled = dbQuery(server, `SELECT aggregate_id FROM outbox_events WHERE type = 'booking.cancelled' AND aggregate_id = ${sqlText(upcoming.id)}`);
  assert.equal(cancelled.length, 1, 'booking.cancelled was published');

  // The comment is gone from the table and the public profile; the stars still count.
  assert.equal(dbQuery(server, `SELECT comment FROM ratings WHERE booking_id = ${sqlText(visit.booking.id)}`)[0].comment, null);
  const profile = await server.api('GET', `/v1/consultations/doctors/${doctor.id}`);
  assert.equal(profile.status, 200, profile.text);
  assert.ok(!profile.text.includes('Erin says thanks'));
  assert.deepEqual(profile.json.rating, { average: 3, raw_average: 3, count: 2, score: 3.8333 });

  // The other patient is untouched.
  assert.equal(statusOf(upcomingQ.id), 'confirmed');
  assert.equal(dbQuery(server, `SELECT comment FROM ratings WHERE booking_id = ${sqlText(other.booking.id)}`)[0].comment, 'Kept comment');
});
