// Consultations, free slots: GET /v1/consultations/doctors/{id}/slots — UTC instants with the doctor's local
// time across daylight-saving changes (America/New_York, Europe/London) and in Asia/Kolkata (none); breaks,
// types and locations; booked and past slots never offered; at most 31 days; bad parameters 422; only
// verified doctors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, newVerifiedUser, assertProblem } from './harness.mjs';
import { fieldsOf } from './users-helpers.mjs';
import {
  newVerifiedDoctor, setWeeklyHours, everyDay, getSlots, bookSlot, localDate, addDays,
} from './booking-helpers.mjs';

let server, patient;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  patient = await newVerifiedUser(server, { name: 'Sara Slots' });
});
after(async () => {
  await server?.stop();
});

// Daylight-saving changes ahead of any plausible test date (spring forward, fall back).
const TRANSITIONS = {
  'America/New_York': [['2027-03-14', '2027-11-07'], ['2028-03-12', '2028-11-05'], ['2029-03-11', '2029-11-04'], ['2030-03-10', '2030-11-03']],
  'Europe/London': [['2027-03-28', '2027-10-31'], ['2028-03-26', '2028-10-29'], ['2029-03-25', '2029-10-28'], ['2030-03-31', '2030-10-27']],
};
const nextTransitions = (zone) => {
  const soon = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  const pair = TRANSITIONS[zone].find(([spring]) => spring > soon);
  assert.ok(pair, 'the table of transitions needs newer years');
  return pair;
};
const iso = (d, hhmm) => `${d}T${hhmm}:00Z`;
const local = (items) => items.map((s) => `${s.local_date} ${s.local_start}-${s.local_end}`);
const starts = (items) => items.map((s) => s.start);

async function doctorIn(timeZone, slotMinutes, ranges, options = {}) {
  const doc = await newVerifiedDoctor(server, { timeZone, slotMinutes, ...options });
  await setWeeklyHours(server, doc, ranges);
  return doc;
}
async function slots(doc, from, to = from, type) {
  const r = await getSlots(server, doc.id, { from, to, type });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('New York: the spring-forward gap gives no slots; the fall-back overlap uses the first occurrence', async () => {
  const [spring, autumn] = nextTransitions('America/New_York');
  const doc = await doctorIn('America/New_York', 30, everyDay('00:00', '04:00'));
  const s = await slots(doc, spring);
  assert.equal(s.time_zone, 'America/New_York');
  assert.deepEqual(s.items.map((x) => x.local_start), ['00:00', '00:30', '01:00', '01:30', '03:00', '03:30'], '02:00 and 02:30 do not exist');
  assert.deepEqual(starts(s.items), ['05:00', '05:30', '06:00', '06:30', '07:00', '07:30'].map((t) => iso(spring, t)));
  assert.equal(s.items[3].local_end, '03:00', '01:30 EST + 30 real minutes is 03:00 EDT');
  assert.ok(s.items.every((x) => Date.parse(x.end) - Date.parse(x.start) === 30 * 60000 && x.local_date === spring));

  const a = await slots(doc, autumn);
  assert.deepEqual(a.items.map((x) => x.local_start), ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
  assert.deepEqual(starts(a.items), ['04:00', '04:30', '05:00', '05:30', '07:00', '07:30', '08:00', '08:30'].map((t) => iso(autumn, t)),
    '01:00 and 01:30 are EDT (the first occurrence); 02:00 is EST');
  assert.equal(a.items[3].local_end, '01:00', 'the slot ends in the repeated hour');

  // The whole transition week: 09:00 local is 14:00Z before the change and 13:00Z from it on.
  const doc2 = await doctorIn('America/New_York', 15, everyDay('09:00', '09:15'));
  const week = await slots(doc2, addDays(spring, -6), addDays(spring, 7));
  assert.equal(week.items.length, 14);
  for (const x of week.items) {
    assert.equal(x.local_start, '09:00');
    assert.equal(x.start, iso(x.local_date, x.local_date < spring ? '14:00' : '13:00'), JSON.stringify(x));
  }
  const fall = await slots(doc2, addDays(autumn, -3), addDays(autumn, 3));
  for (const x of fall.items) assert.equal(x.start, iso(x.local_date, x.local_date < autumn ? '13:00' : '14:00'), JSON.stringify(x));
});

test('London: the same rules on its own dates', async () => {
  const [spring, autumn] = nextTransitions('Europe/London');
  const doc = await doctorIn('Europe/London', 60, everyDay('00:00', '03:00'));
  const s = await slots(doc, spring);
  assert.deepEqual(local(s.items), [`${spring} 00:00-02:00`, `${spring} 02:00-03:00`], '01:00 does not exist');
  assert.deepEqual(starts(s.items), [iso(spring, '00:00'), iso(spring, '01:00')]);
  const a = await slots(doc, autumn);
  assert.deepEqual(a.items.map((x) => x.local_start), ['00:00', '01:00', '02:00']);
  assert.deepEqual(starts(a.items), [iso(addDays(autumn, -1), '23:00'), iso(autumn, '00:00'), iso(autumn, '02:00')]);
  const week = await slots(await doctorIn('Europe/London', 30, everyDay('09:00', '09:30')), addDays(spring, -3), addDays(spring, 3));
  for (const x of week.items) assert.equal(x.start, iso(x.local_date, x.local_date < spring ? '09:00' : '08:00'));
});

test('Kolkata has no transitions: 09:00 is 03:30Z on every date, breaks are gaps, types and locations are kept', async () => {
  const doc = await newVerifiedDoctor(server, { timeZone: 'Asia/Kolkata', slotMinutes: 30, clinic: 80000 });
  await setWeeklyHours(server, doc, [
    ...everyDay('09:00', '11:00'),
    ...everyDay('14:00', '15:00', 'clinic', doc.locationId),
  ]);
  for (const zone of ['America/New_York', 'Europe/London']) {
    for (const d of nextTransitions(zone)) {
      const s = await slots(doc, d);
      assert.deepEqual(s.items.map((x) => x.local_start), ['09:00', '09:30', '10:00', '10:30', '14:00', '14:30'], 'the 11:00-14:00 break has none');
      assert.equal(s.items[0].start, iso(d, '03:30'));
      assert.deepEqual(s.items.map((x) => x.type), ['video', 'video', 'video', 'video', 'clinic', 'clinic']);
      assert.deepEqual(s.items.map((x) => x.location_id), [null, null, null, null, doc.locationId, doc.locationId]);
    }
  }
  const d = addDays(localDate(Date.now(), 'Asia/Kolkata'), 3);
  assert.equal((await slots(doc, d, d, 'clinic')).items.length, 2);
  assert.equal((await slots(doc, d, d, 'video')).items.length, 4);
  // 31 days is the most one call lists.
  assert.equal((await slots(doc, d, addDays(d, 30), 'clinic')).items.length, 62);
});

test('booked and past slots are never offered; a cancelled booking frees its slot', async () => {
  const tz = 'Asia/Kolkata';
  const doc = await doctorIn(tz, 15, everyDay('00:00', '24:00'));
  const today = localDate(Date.now(), tz);
  const now = Date.now();
  const todays = (await slots(doc, today, addDays(today, 1))).items;
  assert.ok(todays.length > 0);
  assert.ok(todays.every((x) => Date.parse(x.start) > now + 5 * 60000), 'nothing starting within 5 minutes or earlier');
  assert.ok(Date.parse(todays[0].start) <= now + 20 * 60000, 'the first slot is the next quarter hour after now + 5 min');
  const target = todays[3];
  const b = await bookSlot(server, patient, doc.id, target);
  const after = (await slots(doc, today, addDays(today, 1))).items;
  assert.ok(!after.some((x) => x.start === target.start), 'the booked slot is gone');
  assert.equal(after.length, todays.length - 1);
  const cancel = await server.api('PUT', `/v1/consultations/bookings/${b.id}/cancel`, { token: patient.token, body: { reason: 'plans changed' } });
  if (Date.parse(target.start) - Date.now() > 125 * 60000) {
    assert.equal(cancel.status, 200, cancel.text);
    assert.ok((await slots(doc, today, addDays(today, 1))).items.some((x) => x.start === target.start), 'free again');
  } else {
    assertProblem(assert, cancel, 409, 'window-closed');
  }
});

test('bad parameters are 422 naming the field; unknown and unverified doctors are 404', async () => {
  const doc = await doctorIn('Asia/Kolkata', 15, everyDay('09:00', '10:00'));
  const d = addDays(localDate(Date.now(), 'Asia/Kolkata'), 1);
  for (const [q, field] of [
    [`from=${d}&to=${addDays(d, 31)}`, 'to'],
    [`from=${d}&to=${addDays(d, -1)}`, 'to'],
    ['from=2026-02-30', 'from'],
    ['to=tomorrow', 'to'],
    [`from=${d}&type=phone`, 'type'],
  ]) {
    const r = await server.api('GET', `/v1/consultations/doctors/${doc.id}/slots?${q}`);
    assertProblem(assert, r, 422, 'validation');
    assert.ok(fieldsOf(r).includes(field), `${q} names ${field}: ${r.text}`);
  }
  // Without dates: a week from today.
  const week = await server.api('GET', `/v1/consultations/doctors/${doc.id}/slots`);
  assert.equal(week.status, 200, week.text);
  assert.ok(week.json.items.length >= 24 && week.json.items.length <= 28, week.text);
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/usr_01hzx3k8q2d5e7f9g1h3j5k7m9/slots`), 404, 'not-found');
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${patient.id}/slots`), 404, 'not-found');
  assertProblem(assert, await server.api('GET', '/v1/consultations/doctors/nobody/slots'), 404, 'not-found');
  // A doctor with a schedule but not verified (never submitted) offers nothing publicly.
  const draft = await newVerifiedUser(server, { role: 'doctor', name: 'Dr Draft' });
  const put = await server.api('PUT', '/v1/consultations/doctors/me', {
    token: draft.token,
    body: { gender: 'male', specialties: ['cardiology'], languages: ['en'], consultation_types: { video: { fee: { amount: 1000, currency: 'INR' } } }, time_zone: 'Asia/Kolkata' },
  });
  assert.ok(put.status === 201 || put.status === 200, put.text);
  await setWeeklyHours(server, draft, everyDay('09:00', '10:00'));
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${draft.id}/slots`), 404, 'not-found');
});
