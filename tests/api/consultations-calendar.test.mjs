// Consultations, "Add to calendar" and "how do I get there": a clinic booking carries the clinic's address and an
// OpenStreetMap directions link; GET /bookings/{id}/calendar.ics gives its parties an RFC 5545 file (parsed here
// with ical.js) with a stable UID, SEQUENCE growing on reschedule, STATUS:CANCELLED after a cancel, UTC times,
// folded lines and escaped text (a doctor's name with a comma and a semicolon does not break the file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, adminLogin, newVerifiedUser, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { doctorWithSlots, firstFreeSlot, bookSlot, letters, DAY_MS } from './booking-helpers.mjs';

let server, doctor, A, B;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  doctor = await doctorWithSlots(server, { video: null, clinic: 90000, name: `Dr Ray, Jr; ${letters(5)}` });
  const patient = async (name) => ({ ...(await newVerifiedUser(server, { role: 'patient', name })), name });
  [A, B] = await Promise.all([patient(`Asha ${letters(5)}`), patient(`Bina ${letters(5)}`)]);
});
after(async () => {
  await server?.stop();
});

async function calendar(who, id) {
  return server.api('GET', `/v1/consultations/bookings/${id}/calendar.ics`, { token: who?.token });
}

function eventOf(r) {
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="kiorex-bkg_.*\.ics"/);
  for (const line of r.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line over 75 octets: ${line}`);
  assert.ok(r.text.endsWith('END:VCALENDAR\r\n'));
  const cal = new ICAL.Component(ICAL.parse(r.text));
  const events = cal.getAllSubcomponents('vevent');
  assert.equal(events.length, 1);
  return events[0];
}

test('a clinic booking shows the address and a directions link; its calendar file is valid and escaped', async () => {
  const slot = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.now() + 2 * DAY_MS });
  const b = await bookSlot(server, A, doctor.id, slot);
  const got = await server.api('GET', `/v1/consultations/bookings/${b.id}`, { token: A.token });
  assert.equal(got.status, 200);
  for (const loc of [b.location, got.json.location]) {
    assert.equal(loc.name, 'Test Clinic');
    assert.equal(loc.address.line1, '1 Main Road');
    assert.equal(loc.address_line, '1 Main Road, 110001 New Delhi, DL, IN');
    assert.equal(loc.lat, 28.61);
    assert.match(loc.directions_url, /^https:\/\/www\.openstreetmap\.org\/\?mlat=28\.610000&mlon=77\.210000/);
  }

  const ev = eventOf(await calendar(A, b.id));
  assert.equal(ev.getFirstPropertyValue('uid'), `${b.id}@kiorex`);
  assert.equal(ev.getFirstPropertyValue('summary'), `Clinic consultation with ${doctor.name}`);
  assert.equal(ev.getFirstPropertyValue('location'), 'Test Clinic, 1 Main Road, 110001 New Delhi, DL, IN');
  assert.equal(ev.getFirstPropertyValue('status'), 'CONFIRMED');
  const start = ev.getFirstPropertyValue('dtstart');
  assert.equal(start.zone.tzid, 'UTC');
  assert.equal(start.toJSDate().getTime(), Date.parse(b.start));
  assert.equal(ev.getFirstPropertyValue('dtend').toJSDate().getTime(), Date.parse(b.end));
  assert.doesNotMatch((await calendar(A, b.id)).text, /itchy rash/, 'the reason for the visit stays out of calendars');

  // The doctor's copy names the patient.
  assert.equal(eventOf(await calendar(doctor, b.id)).getFirstPropertyValue('summary'), `Clinic consultation with ${A.name}`);
});

test('the calendar file follows the booking: same UID, higher SEQUENCE after a reschedule, CANCELLED after a cancel', async () => {
  const first = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.now() + 3 * DAY_MS });
  const b = await bookSlot(server, A, doctor.id, first);
  const before = eventOf(await calendar(A, b.id));
  const next = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.parse(first.start) + DAY_MS });
  const moved = await server.api('PUT', `/v1/consultations/bookings/${b.id}/reschedule`, { token: A.token, body: { start: next.start } });
  assert.equal(moved.status, 200, moved.text);
  const after = eventOf(await calendar(A, b.id));
  assert.equal(after.getFirstPropertyValue('uid'), before.getFirstPropertyValue('uid'));
  assert.ok(after.getFirstPropertyValue('sequence') > before.getFirstPropertyValue('sequence'));
  assert.equal(after.getFirstPropertyValue('dtstart').toJSDate().getTime(), Date.parse(next.start));

  const cancelled = await server.api('PUT', `/v1/consultations/bookings/${b.id}/cancel`, { token: A.token, body: {} });
  assert.equal(cancelled.status, 200, cancelled.text);
  const gone = eventOf(await calendar(A, b.id));
  assert.equal(gone.getFirstPropertyValue('uid'), `${b.id}@kiorex`);
  assert.equal(gone.getFirstPropertyValue('status'), 'CANCELLED');
  assert.ok(gone.getFirstPropertyValue('sequence') > after.getFirstPropertyValue('sequence'));
});

test('only the booking\'s parties get its calendar file', async () => {
  const slot = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.now() + 5 * DAY_MS });
  const b = await bookSlot(server, A, doctor.id, slot);
  assertProblem(assert, await calendar(B, b.id), 404, 'not-found');
  assert.equal((await calendar(null, b.id)).status, 401);
  assertProblem(assert, await calendar(A, 'bkg_nonsense'), 404, 'not-found');
  assertProblem(assert, await calendar(A, '..%2F..'), 404, 'not-found');
});

test('a finished consultation offers its free follow-up until follow_up_days after it ended, and no longer once booked', async () => {
  const P = { ...(await newVerifiedUser(server, { role: 'patient', name: `Farah ${letters(5)}` })) };
  const s0 = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.now() + 6 * DAY_MS });
  const first = await bookSlot(server, P, doctor.id, s0);
  assert.equal(first.follow_up_until, null, 'not before the consultation took place');
  const ended = Date.now() - 2 * DAY_MS;
  dbQuery(server, `UPDATE bookings SET status = 'completed', slot_start = ${ended - 15 * 60000}, slot_end = ${ended}, started_at = ${ended - 15 * 60000}, ended_at = ${ended}, duration_seconds = 900 WHERE id = ${sqlText(first.id)}`);
  const done = (await server.api('GET', `/v1/consultations/bookings/${first.id}`, { token: P.token })).json;
  assert.equal(Date.parse(done.follow_up_until), Math.floor(ended / 1000) * 1000 + 7 * DAY_MS);
  const s1 = await firstFreeSlot(server, doctor.id, { type: 'clinic', afterMs: Date.now() + DAY_MS });
  const follow = await bookSlot(server, P, doctor.id, s1);
  assert.equal(follow.follow_up_of, first.id);
  assert.equal(follow.follow_up_until, null, 'a follow-up has no follow-up of its own');
  const after = (await server.api('GET', `/v1/consultations/bookings/${first.id}`, { token: P.token })).json;
  assert.equal(after.follow_up_until, null, 'one follow-up per consultation');
});
