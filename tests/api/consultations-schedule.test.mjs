// Consultations, the doctor's schedule: weekly hours (GET/PUT with If-Match), exceptions (leave whole day or
// part, extra hours), validation with nothing written, who may use the routes, and the availability table that
// search reads (doctor_availability_days, doctors.next_available_at) kept current by every change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, newVerifiedUser, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { fieldsOf } from './users-helpers.mjs';
import { newVerifiedDoctor, setWeeklyHours, everyDay, getSlots, localDate, addDays } from './booking-helpers.mjs';

let server, patient;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  patient = await newVerifiedUser(server, { name: 'Pia Patient' });
});
after(async () => {
  await server?.stop();
});

const S = '/v1/consultations/doctors/me/schedule';
const E = '/v1/consultations/doctors/me/exceptions';
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const availability = (id) => dbQuery(server, `SELECT local_date, free_slots FROM doctor_availability_days WHERE doctor_id = ${sqlText(id)} ORDER BY local_date`);
const nextAvailable = (id) => dbQuery(server, `SELECT next_available_at FROM doctors WHERE user_id = ${sqlText(id)}`)[0].next_available_at;

test('a first PUT may echo the empty schedule\'s ETag "0"', async () => {
  const doc = await newVerifiedDoctor(server, { timeZone: 'Asia/Kolkata', slotMinutes: 15 });
  const empty = await call(doc, 'GET', S);
  const put = await call(doc, 'PUT', S, { body: { weekly: everyDay('09:00', '12:00') }, headers: { 'if-match': empty.headers.get('etag') } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.version, 1);
});

test('the schedule starts empty (version 0); the first PUT needs no If-Match, later ones do; GET reads it back', async () => {
  const doc = await newVerifiedDoctor(server, { timeZone: 'Europe/London', slotMinutes: 30, clinic: 90000 });
  const empty = await call(doc, 'GET', S);
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.json, { time_zone: 'Europe/London', slot_minutes: 30, weekly: [], version: 0 });
  assert.equal(empty.headers.get('etag'), '"0"');

  const weekly = [
    { weekday: 3, start: '14:00', end: '17:30', type: 'clinic', location_id: doc.locationId },
    { weekday: 1, start: '09:00', end: '13:00', type: 'video', location_id: null },
    { weekday: 1, start: '14:00', end: '16:00', type: 'video' },
  ];
  const first = await call(doc, 'PUT', S, { body: { weekly } });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.headers.get('etag'), '"1"');
  assert.deepEqual(first.json, {
    time_zone: 'Europe/London', slot_minutes: 30, version: 1,
    weekly: [
      { weekday: 1, start: '09:00', end: '13:00', type: 'video', location_id: null },
      { weekday: 1, start: '14:00', end: '16:00', type: 'video', location_id: null },
      { weekday: 3, start: '14:00', end: '17:30', type: 'clinic', location_id: doc.locationId },
    ],
  });
  assert.deepEqual((await call(doc, 'GET', S)).json, first.json);

  assertProblem(assert, await call(doc, 'PUT', S, { body: { weekly: [] } }), 428, 'precondition-required');
  assertProblem(assert, await call(doc, 'PUT', S, { body: { weekly: [] }, headers: { 'if-match': '"7"' } }), 412, 'precondition-failed');
  assertProblem(assert, await call(doc, 'PUT', S, { body: { weekly: [] }, headers: { 'if-match': '"0"' } }), 412, 'precondition-failed');
  assert.equal((await call(doc, 'GET', S)).json.version, 1, 'refused PUTs change nothing');

  // The PUT may change the zone and the slot length; the profile shows them.
  const second = await call(doc, 'PUT', S, { body: { weekly: everyDay('08:00', '20:00'), time_zone: 'America/New_York', slot_minutes: 20 }, headers: { 'if-match': '"1"' } });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.version, 2);
  assert.equal(second.json.time_zone, 'America/New_York');
  assert.equal(second.json.weekly.length, 7);
  const profile = await call(doc, 'GET', '/v1/consultations/doctors/me');
  assert.equal(profile.json.time_zone, 'America/New_York');
  assert.equal(profile.json.slot_minutes, 20);
  const slots = await getSlots(server, doc.id, { from: addDays(localDate(Date.now(), 'America/New_York'), 1) });
  assert.equal(slots.status, 200, slots.text);
  assert.equal(slots.json.time_zone, 'America/New_York');
  assert.equal(slots.json.items[0].local_start, '08:00');
  assert.equal(Date.parse(slots.json.items[0].end) - Date.parse(slots.json.items[0].start), 20 * 60000);
});

test('invalid schedules are refused with 422 naming every field; nothing is written', async () => {
  const doc = await newVerifiedDoctor(server, { clinic: null });
  await setWeeklyHours(server, doc, [{ weekday: 2, start: '10:00', end: '12:00', type: 'video' }]);
  const before = (await call(doc, 'GET', S)).json;
  const rowsBefore = availability(doc.id);
  const cases = [
    [{ weekly: [{ weekday: 1, start: '09:00', end: '12:00', type: 'video' }, { weekday: 1, start: '11:30', end: '13:00', type: 'video' }] }, 'weekly'],
    [{ weekly: [{ weekday: 8, start: '09:00', end: '10:00', type: 'video' }] }, 'weekly[0].weekday'],
    [{ weekly: [{ weekday: 1, start: '10:00', end: '09:00', type: 'video' }] }, 'weekly[0].end'],
    [{ weekly: [{ weekday: 1, start: '9:00', end: '10:00', type: 'video' }] }, 'weekly[0].start'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '24:30', type: 'video' }] }, 'weekly[0].end'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '09:10', type: 'video' }] }, 'weekly[0].end'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '10:00', type: 'phone' }] }, 'weekly[0].type'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '10:00', type: 'clinic', location_id: null }] }, 'weekly[0].type'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '10:00', type: 'video', location_id: 'loc_01hzx3k8q2d5e7f9g1h3j5k7m9' }] }, 'weekly[0].location_id'],
    [{ weekly: [{ weekday: 1, start: '09:00', end: '10:00', type: 'video', colour: 'red' }] }, 'weekly[0].colour'],
    [{ weekly: 'mondays' }, 'weekly'],
    [{}, 'weekly'],
    [{ weekly: [], time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
    [{ weekly: [], slot_minutes: 7 }, 'slot_minutes'],
    [{ weekly: [], hours: 3 }, 'hours'],
  ];
  for (const [body, field] of cases) {
    const r = await call(doc, 'PUT', S, { body, headers: { 'if-match': '"1"' } });
    assertProblem(assert, r, 422, 'validation');
    assert.ok(fieldsOf(r).includes(field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  assertProblem(assert, await call(doc, 'PUT', S, { raw: '{"weekly":', headers: { 'content-type': 'application/json', 'if-match': '"1"' } }), 400);
  assert.deepEqual((await call(doc, 'GET', S)).json, before);
  assert.deepEqual(availability(doc.id), rowsBefore);
});

test('only doctors use their schedule; a doctor without a profile gets 404; anonymous 401', async () => {
  for (const [method, path] of [['GET', S], ['PUT', S], ['GET', E], ['POST', E]]) {
    assertProblem(assert, await call(patient, method, path, { body: method === 'GET' ? undefined : { weekly: [] } }), 403, 'forbidden');
    assertProblem(assert, await server.api(method, path, { body: method === 'GET' ? undefined : {} }), 401);
  }
  const bare = await newVerifiedUser(server, { role: 'doctor', name: 'Dr No Profile' });
  assertProblem(assert, await call(bare, 'GET', S), 404, 'not-found');
  assertProblem(assert, await call(bare, 'PUT', S, { body: { weekly: [] } }), 404, 'not-found');
  assertProblem(assert, await call(bare, 'POST', E, { body: { kind: 'leave', date: '2030-01-01' } }), 404, 'not-found');
});

test('exceptions: whole-day leave, partial leave and extra hours change the slots and the availability table', async () => {
  const tz = 'Asia/Kolkata';
  const doc = await newVerifiedDoctor(server, { timeZone: tz, slotMinutes: 30 });
  const d1 = addDays(localDate(Date.now(), tz), 2);
  const d2 = addDays(d1, 1);
  const d3 = addDays(d1, 2);
  // 09:00-12:00 on the weekdays of d1 and d2 only: 6 slots each; d3 has no hours.
  const wd = (d) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  await setWeeklyHours(server, doc, [wd(d1), wd(d2)].map((weekday) => ({ weekday, start: '09:00', end: '12:00', type: 'video' })));
  const count = async (d) => (await getSlots(server, doc.id, { from: d, to: d })).json.items.length;
  assert.equal(await count(d1), 6);
  assert.equal(await count(d3), 0);
  const rows = () => Object.fromEntries(availability(doc.id).map((r) => [r.local_date, Number(r.free_slots)]));
  assert.equal(rows()[d1], 6);
  assert.equal(rows()[d3], undefined);
  assert.ok(Object.keys(rows()).every((d) => d >= localDate(Date.now(), tz) && d <= addDays(localDate(Date.now(), tz), 27)), 'the next 28 local days only');

  const leave = await call(doc, 'POST', E, { body: { kind: 'leave', date: d1, note: 'conference' } });
  assert.equal(leave.status, 201, leave.text);
  assert.match(leave.json.id, /^exc_/);
  assert.deepEqual({ ...leave.json, id: undefined }, { id: undefined, kind: 'leave', date: d1, start: null, end: null, type: null, location_id: null, note: 'conference' });
  assert.equal(await count(d1), 0, 'a whole-day leave blocks the day');
  assert.equal(rows()[d1], undefined, 'and the availability table follows in the same transaction');

  const part = await call(doc, 'POST', E, { body: { kind: 'leave', date: d2, start: '10:15', end: '11:00' } });
  assert.equal(part.status, 201, part.text);
  const left = (await getSlots(server, doc.id, { from: d2, to: d2 })).json.items.map((s) => s.local_start);
  assert.deepEqual(left, ['09:00', '09:30', '11:00', '11:30'], 'slots overlapping the partial leave are gone');
  assert.equal(rows()[d2], 4);

  const extra = await call(doc, 'POST', E, { body: { kind: 'extra', date: d3, start: '18:00', end: '19:00', type: 'video' } });
  assert.equal(extra.status, 201, extra.text);
  assert.deepEqual((await getSlots(server, doc.id, { from: d3, to: d3 })).json.items.map((s) => [s.local_start, s.local_end]), [['18:00', '18:30'], ['18:30', '19:00']]);
  assert.equal(rows()[d3], 2);

  const list = await call(doc, 'GET', `${E}?from=${d1}&to=${d3}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((e) => e.id), [leave.json.id, part.json.id, extra.json.id]);
  assert.deepEqual((await call(doc, 'GET', `${E}?from=${d2}&to=${d2}`)).json.items.map((e) => e.id), [part.json.id]);

  // Removing the leave gives the day back.
  const del = await call(doc, 'DELETE', `${E}/${leave.json.id}`);
  assert.equal(del.status, 204, del.text);
  assert.equal(await count(d1), 6);
  assert.equal(rows()[d1], 6);
  assertProblem(assert, await call(doc, 'DELETE', `${E}/${leave.json.id}`), 404, 'not-found');
  // Another doctor cannot see or remove these.
  const other = await newVerifiedDoctor(server, { timeZone: tz });
  assertProblem(assert, await call(other, 'DELETE', `${E}/${part.json.id}`), 404, 'not-found');
  assert.deepEqual((await call(other, 'GET', `${E}?from=${d1}&to=${d3}`)).json.items, []);
  assertProblem(assert, await call(doc, 'DELETE', `${E}/not-an-id`), 404, 'not-found');
});

test('next_available_at is the first free slot; it moves when the schedule changes', async () => {
  const tz = 'America/New_York';
  const doc = await newVerifiedDoctor(server, { timeZone: tz, slotMinutes: 15 });
  assert.equal(nextAvailable(doc.id), null, 'no schedule: nothing available');
  const tomorrow = addDays(localDate(Date.now(), tz), 1);
  const wd = ((new Date(`${tomorrow}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  await setWeeklyHours(server, doc, [{ weekday: wd, start: '09:00', end: '10:00', type: 'video' }]);
  const first = (await getSlots(server, doc.id, { from: tomorrow, to: tomorrow })).json.items[0];
  assert.equal(Number(nextAvailable(doc.id)), Date.parse(first.start));
  await setWeeklyHours(server, doc, []);
  assert.equal(nextAvailable(doc.id), null);
  assert.deepEqual(availability(doc.id), []);
});

test('invalid exceptions are refused with 422; nothing is written', async () => {
  const tz = 'Asia/Kolkata';
  const doc = await newVerifiedDoctor(server, { timeZone: tz, clinic: 80000 });
  const d = addDays(localDate(Date.now(), tz), 3);
  const cases = [
    [{ kind: 'holiday', date: d }, 'kind'],
    [{ kind: 'leave', date: '2026-02-30' }, 'date'],
    [{ kind: 'leave', date: addDays(localDate(Date.now(), tz), -1) }, 'date'],
    [{ kind: 'leave', date: addDays(localDate(Date.now(), tz), 800) }, 'date'],
    [{ kind: 'leave', date: d, start: '10:00' }, 'end'],
    [{ kind: 'leave', date: d, start: '11:00', end: '10:00' }, 'end'],
    [{ kind: 'leave', date: d, type: 'video' }, 'type'],
    [{ kind: 'extra', date: d, type: 'video' }, 'start'],
    [{ kind: 'extra', date: d, start: '10:00', end: '11:00' }, 'type'],
    [{ kind: 'extra', date: d, start: '10:00', end: '11:00', type: 'clinic' }, 'location_id'],
    [{ kind: 'extra', date: d, start: '10:00', end: '11:00', type: 'clinic', location_id: 'loc_01hzx3k8q2d5e7f9g1h3j5k7m9' }, 'location_id'],
    [{ kind: 'leave', date: d, note: 'x'.repeat(501) }, 'note'],
    [{ kind: 'leave', date: d, mood: 'tired' }, 'mood'],
  ];
  for (const [body, field] of cases) {
    const r = await call(doc, 'POST', E, { body });
    assertProblem(assert, r, 422, 'validation');
    assert.ok(fieldsOf(r).includes(field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  assert.deepEqual(dbQuery(server, `SELECT id FROM doctor_exceptions WHERE doctor_id = ${sqlText(doc.id)}`), []);
  const ok = await call(doc, 'POST', E, { body: { kind: 'extra', date: d, start: '10:00', end: '11:00', type: 'clinic', location_id: doc.locationId } });
  assert.equal(ok.status, 201, ok.text);
  const clinic = (await getSlots(server, doc.id, { from: d, to: d, type: 'clinic' })).json.items;
  assert.equal(clinic.length, 4);
  assert.ok(clinic.every((s) => s.location_id === doc.locationId && s.type === 'clinic'));
  assertProblem(assert, await call(doc, 'GET', `${E}?from=${d}&to=${addDays(d, -1)}`), 422, 'validation');
  assertProblem(assert, await call(doc, 'GET', `${E}?from=yesterday`), 422, 'validation');
});
