// Consultations, bookings: create (one per slot under a race of 50, Idempotency-Key, guardians for dependents,
// free follow-ups), read and list (only the parties), cancel (window), reschedule (same id, old slot freed),
// no-show, events in the outbox without PHI, the reason sealed and audited, and the doctor's care relationship
// with the patient's medical history while booked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer, adminLogin, newVerifiedUser, assertProblem, dbQuery, sqlText, databaseText, markersIn } from './harness.mjs';
import { fieldsOf } from './users-helpers.mjs';
import {
  newVerifiedDoctor, setWeeklyHours, everyDay, getSlots, firstFreeSlot, tryBook, bookSlot, setBookingTimes,
  localDate, addDays, letters,
} from './booking-helpers.mjs';

const TZ = 'Asia/Kolkata';
const HOUR = 3600 * 1000;
let server, doctor, other, A, B;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  [doctor, other] = await Promise.all([
    newVerifiedDoctor(server, { timeZone: TZ, slotMinutes: 15, video: 50000, followUpDays: 7 }),
    newVerifiedDoctor(server, { timeZone: TZ, slotMinutes: 15, video: 30000 }),
  ]);
  await Promise.all([setWeeklyHours(server, doctor, everyDay()), setWeeklyHours(server, other, everyDay())]);
  [A, B] = await Promise.all([patient('Asha Booker'), patient('Bina Other')]);
});
after(async () => {
  await server?.stop();
});

async function patient(name = `Pat ${letters(5)}`) {
  return { ...(await newVerifiedUser(server, { name })), name };
}
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who?.token, ...opts });
const B_ = (id = '', rest = '') => `/v1/consultations/bookings${id ? `/${id}` : ''}${rest}`;
const count = () => Number(dbQuery(server, 'SELECT COUNT(*) AS n FROM bookings')[0].n);
const events = (id) => dbQuery(server, `SELECT type, payload FROM outbox_events WHERE aggregate_id = ${sqlText(id)} ORDER BY created_at, id`)
  .map((e) => ({ type: e.type, payload: JSON.parse(e.payload) }));
// Distinct free slots of `doc` starting after `afterMs` (default: beyond the 120-minute cancellation window).
async function freeSlots(doc = doctor, n = 1, afterMs = Date.now() + 3 * HOUR) {
  const from = localDate(afterMs, TZ);
  const r = await getSlots(server, doc.id, { from, to: addDays(from, 2) });
  assert.equal(r.status, 200, r.text);
  const out = r.json.items.filter((s) => Date.parse(s.start) > afterMs);
  // Spread the picks so parallel tests rarely want the same ones.
  const offset = Math.floor(Math.random() * Math.max(1, out.length - n * 40));
  return out.slice(offset, offset + n * 40).filter((_, i) => i % 40 === 0).slice(0, n);
}

test('a patient books a free slot: 201 with the booking, readable by the patient and the doctor only', async () => {
  const [slot] = await freeSlots();
  const marker = `rash-${randomBytes(4).toString('hex')}`;
  const r = await tryBook(server, A, doctor.id, slot, { reason: `itchy ${marker} for 2 weeks` });
  assert.equal(r.status, 201, r.text);
  const b = r.json;
  assert.match(b.id, /^bkg_/);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.headers.get('location'), `/v1/consultations/bookings/${b.id}`);
  assert.deepEqual({ ...b, id: undefined, created_at: undefined, updated_at: undefined }, {
    id: undefined, created_at: undefined, updated_at: undefined,
    doctor: { id: doctor.id, name: doctor.name }, patient: { id: A.id, name: A.name }, booked_by: A.id,
    type: 'video', location: null, start: slot.start, end: slot.end,
    local_start: `${slot.local_date}T${slot.local_start}`, time_zone: TZ, status: 'confirmed',
    reason: `itchy ${marker} for 2 weeks`, fee: { amount: 50000, currency: 'INR' }, follow_up_of: null, follow_up_until: null,
    started_at: null, ended_at: null, duration_seconds: null, cancellation: null, rescheduled_from: null, version: 1,
  });
  for (const who of [A, doctor]) {
    const g = await call(who, 'GET', B_(b.id));
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json, b);
  }
  for (const who of [B, other]) assertProblem(assert, await call(who, 'GET', B_(b.id)), 404, 'not-found');
  assertProblem(assert, await server.api('GET', B_(b.id)), 401);
  assertProblem(assert, await call(A, 'GET', B_('bkg_nope')), 404, 'not-found');
  // The slot is no longer offered.
  const again = await getSlots(server, doctor.id, { from: slot.local_date, to: slot.local_date });
  assert.ok(!again.json.items.some((s) => s.start === slot.start));
  // Event with ids and times only; the reason is sealed at rest and its reads and writes are audited.
  const ev = events(b.id);
  assert.deepEqual(ev.map((e) => e.type), ['booking.created']);
  assert.equal(ev[0].payload.booking_id, b.id);
  assert.equal(ev[0].payload.patient_id, A.id);
  assert.equal(ev[0].payload.slot_start, slot.start);
  assert.ok(!JSON.stringify(ev).includes(marker));
  assert.deepEqual(markersIn(databaseText(server), [marker]), [], 'the reason is nowhere in the database in the clear');
  const audit = dbQuery(server, `SELECT action, actor_id, details FROM audit_log WHERE resource = ${sqlText(`bookings:${b.id}`)} ORDER BY seq`);
  assert.deepEqual(audit.map((x) => x.action), ['consultations.booking.create', 'consultations.booking.read', 'consultations.booking.read']);
  assert.deepEqual(audit.map((x) => JSON.parse(x.details).basis), ['self', 'self', 'doctor']);
});

test('bad input is refused (422 naming the fields, 403, 404) and nothing is written', async () => {
  const [slot] = await freeSlots();
  const n = count();
  const cases = [
    [{}, ['doctor_id', 'start', 'type']],
    [{ doctor_id: 'dr-who', start: 'tomorrow', type: 'phone' }, ['doctor_id', 'start', 'type']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'video', location_id: 5 }, ['location_id']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'video', reason: 'x'.repeat(1001) }, ['reason']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'video', reason: 'bad\u0000text' }, ['reason']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'video', patient_id: 'me' }, ['patient_id']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'video', colour: 'red' }, ['colour']],
    [{ doctor_id: doctor.id, start: '2027-01-01T10:00:00', type: 'video' }, ['start']],
    [{ doctor_id: doctor.id, start: slot.start, type: 'clinic' }, ['type']],
  ];
  for (const [body, fields] of cases) {
    const r = await call(A, 'POST', B_(), { body });
    assertProblem(assert, r, 422, 'validation');
    for (const f of fields) assert.ok(fieldsOf(r).includes(f), `${JSON.stringify(body).slice(0, 80)} names ${f}: ${r.text}`);
  }
  assertProblem(assert, await call(A, 'POST', B_(), { raw: '{"doctor_id":', headers: { 'content-type': 'application/json' } }), 400);
  // Not a slot of the schedule; a past slot.
  const odd = new Date(Date.parse(slot.start) + 7 * 60000).toISOString();
  assertProblem(assert, await tryBook(server, A, doctor.id, { ...slot, start: odd }), 422, 'slot-unavailable');
  const yesterday = addDays(localDate(Date.now(), TZ), -1);
  assertProblem(assert, await tryBook(server, A, doctor.id, { ...slot, start: `${yesterday}T04:30:00Z` }), 422, 'slot-unavailable');
  // Doctors that are unknown or not verified; who may book.
  assertProblem(assert, await tryBook(server, A, 'usr_01hzx3k8q2d5e7f9g1h3j5k7m9', slot), 404, 'not-found');
  assertProblem(assert, await tryBook(server, A, B.id, slot), 404, 'not-found');
  assertProblem(assert, await tryBook(server, doctor, doctor.id, slot), 403, 'forbidden');
  assertProblem(assert, await tryBook(server, A, doctor.id, slot, { patient_id: B.id }), 403, 'forbidden');
  assertProblem(assert, await server.api('POST', B_(), { body: { doctor_id: doctor.id, start: slot.start, type: 'video' } }), 401);
  assert.equal(count(), n, 'no booking was written');
  assert.ok((await getSlots(server, doctor.id, { from: slot.local_date, to: slot.local_date })).json.items.some((s) => s.start === slot.start));
});

test('50 patients racing for one slot: exactly one 201, 49 × 409 slot-taken', async () => {
  const racers = [];
  for (let i = 0; i < 50; i += 10) racers.push(...(await Promise.all(Array.from({ length: 10 }, () => patient()))));
  const [slot] = await freeSlots(doctor, 1, Date.now() + 30 * HOUR);
  const results = await Promise.all(racers.map((p) => tryBook(server, p, doctor.id, slot)));
  const won = results.filter((r) => r.status === 201);
  const lost = results.filter((r) => r.status === 409);
  assert.equal(won.length, 1, results.map((r) => r.status).join(','));
  assert.equal(lost.length, 49);
  for (const r of lost) assertProblem(assert, r, 409, 'slot-taken');
  const rows = dbQuery(server, `SELECT id, patient_id FROM bookings WHERE doctor_id = ${sqlText(doctor.id)} AND slot_start = ${Date.parse(slot.start)}`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].id, won[0].json.id);
});

test('Idempotency-Key: a repeat gets the first answer, another body 422, concurrent repeats book once', async () => {
  const [s1, s2, s3] = await freeSlots(doctor, 3);
  const key = `bk-${randomBytes(8).toString('hex')}`;
  const first = await tryBook(server, A, doctor.id, s1, { headers: { 'idempotency-key': key } });
  assert.equal(first.status, 201, first.text);
  const n = count();
  const again = await tryBook(server, A, doctor.id, s1, { headers: { 'idempotency-key': key } });
  assert.equal(again.status, 201, again.text);
  assert.deepEqual(again.json, first.json);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(count(), n, 'no second booking');
  assertProblem(assert, await tryBook(server, A, doctor.id, s2, { headers: { 'idempotency-key': key } }), 422, 'idempotency-key-reused');
  // The key is the caller's: B's request with the same key is B's own (and meets A's booking).
  assertProblem(assert, await tryBook(server, B, doctor.id, s1, { headers: { 'idempotency-key': key } }), 409, 'slot-taken');
  assertProblem(assert, await tryBook(server, A, doctor.id, s2, { headers: { 'idempotency-key': 'short' } }), 422, 'validation');

  const key2 = `bk-${randomBytes(8).toString('hex')}`;
  const burst = await Promise.all(Array.from({ length: 8 }, () => tryBook(server, A, doctor.id, s3, { headers: { 'idempotency-key': key2 } })));
  assert.deepEqual(burst.map((r) => r.status), Array(8).fill(201), burst.map((r) => r.text).join('\n'));
  assert.equal(new Set(burst.map((r) => r.json.id)).size, 1, 'every answer names the same booking');
  assert.equal(dbQuery(server, `SELECT COUNT(*) AS n FROM bookings WHERE slot_start = ${Date.parse(s3.start)} AND doctor_id = ${sqlText(doctor.id)}`)[0].n, 1);
  // A failed request is not remembered: its key can carry the corrected request.
  const key3 = `bk-${randomBytes(8).toString('hex')}`;
  assertProblem(assert, await tryBook(server, B, doctor.id, s3, { headers: { 'idempotency-key': key3 } }), 409, 'slot-taken');
  const [s4] = await freeSlots(doctor, 1, Date.parse(s3.start) + HOUR);
  const retry = await tryBook(server, B, doctor.id, s4, { headers: { 'idempotency-key': key3 } });
  assert.equal(retry.status, 201, retry.text);
});

test('a guardian books for a dependent; others cannot; the list shows the family\'s bookings', async () => {
  const G = await patient('Gita Guardian');
  const dep = await call(G, 'POST', `/v1/users/${G.id}/family-members`, {
    body: { kind: 'dependent', name: 'Aarav Child', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;
  const [s1, s2] = await freeSlots(doctor, 2);
  const forChild = await bookSlot(server, G, doctor.id, s1, { patient_id: depId, reason: 'fever since yesterday' });
  assert.equal(forChild.patient.id, depId);
  assert.equal(forChild.patient.name, 'Aarav Child');
  assert.equal(forChild.booked_by, G.id);
  const own = await bookSlot(server, G, doctor.id, s2);
  assert.equal((await call(G, 'GET', B_(forChild.id))).status, 200);
  assertProblem(assert, await tryBook(server, B, doctor.id, s2, { patient_id: depId }), 403, 'forbidden');
  assertProblem(assert, await call(B, 'GET', B_(forChild.id)), 404, 'not-found');
  const list = await call(G, 'GET', B_('', '?role=patient'));
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(new Set(list.json.items.map((b) => b.id)), new Set([forChild.id, own.id]));
  const audit = dbQuery(server, `SELECT details FROM audit_log WHERE resource = ${sqlText(`bookings:${forChild.id}`)} AND action = 'consultations.booking.create'`);
  assert.equal(JSON.parse(audit[0].details).basis, 'guardian');
});

test('lists: newest first, or by start from a date; status filter; pages; role doctor; bad parameters 422', async () => {
  const P = await patient('Lena Lister');
  const picks = await freeSlots(doctor, 5);
  const made = [];
  for (const s of picks) made.push(await bookSlot(server, P, doctor.id, s));
  const byStart = [...made].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const newest = await call(P, 'GET', B_());
  assert.equal(newest.status, 200, newest.text);
  assert.deepEqual(newest.json.items.map((b) => b.id), [...byStart].reverse().map((b) => b.id));
  assert.equal(newest.json.next_cursor, null);
  const from = localDate(Date.now(), TZ);
  const pages = [];
  let cursor = null;
  for (let i = 0; i < 5; i++) {
    const r = await call(P, 'GET', B_('', `?from=${from}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    assert.equal(r.status, 200, r.text);
    pages.push(r.json.items.map((b) => b.id));
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
  assert.deepEqual(pages.flat(), byStart.map((b) => b.id));
  const cancelled = await call(P, 'PUT', B_(made[0].id, '/cancel'), { body: { reason: 'no longer needed' } });
  assert.equal(cancelled.status, 200, cancelled.text);
  const confirmed = await call(P, 'GET', B_('', '?status=confirmed'));
  assert.deepEqual(new Set(confirmed.json.items.map((b) => b.id)), new Set(made.slice(1).map((b) => b.id)));
  assert.deepEqual((await call(P, 'GET', B_('', '?status=cancelled,no_show'))).json.items.map((b) => b.id), [made[0].id]);
  const toFirst = await call(P, 'GET', B_('', `?from=${from}&to=${encodeURIComponent(byStart[1].start)}`));
  assert.deepEqual(toFirst.json.items.map((b) => b.id), [byStart[0].id]);
  // The doctor's appointments include P's; another doctor sees none of them.
  const docList = await call(doctor, 'GET', B_('', '?role=doctor&limit=100'));
  assert.equal(docList.status, 200, docList.text);
  assert.ok(made.every((m) => docList.json.items.some((b) => b.id === m.id) || docList.json.next_cursor));
  const otherList = await call(other, 'GET', B_(''));
  assert.ok(!otherList.json.items.some((b) => made.some((m) => m.id === b.id)));
  assert.deepEqual((await call(B, 'GET', B_('', '?status=confirmed'))).json.items.filter((b) => made.some((m) => m.id === b.id)), []);
  assertProblem(assert, await call(P, 'GET', B_('', '?role=doctor')), 403, 'forbidden');
  for (const [q, field] of [['role=admin', 'role'], ['status=pending', 'status'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['cursor=xyz!', 'cursor'], ['from=someday', 'from']]) {
    const r = await call(P, 'GET', B_('', `?${q}`));
    assertProblem(assert, r, 422, 'validation');
    assert.ok(fieldsOf(r).includes(field), `${q}: ${r.text}`);
  }
});

test('cancel: the patient until the window, the doctor until the start; the slot is free again; events', async () => {
  const [far] = await freeSlots();
  const b = await bookSlot(server, A, doctor.id, far);
  assertProblem(assert, await call(B, 'PUT', B_(b.id, '/cancel'), { body: {} }), 404, 'not-found');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/cancel'), { body: { reason: 'x'.repeat(501) } }), 422, 'validation');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/cancel'), { body: { why: 'x' } }), 422, 'validation');
  assert.equal((await call(A, 'GET', B_(b.id))).json.status, 'confirmed', 'refused cancellations change nothing');
  const c = await call(A, 'PUT', B_(b.id, '/cancel'), { body: { reason: 'feeling better' } });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.status, 'cancelled');
  assert.equal(c.json.version, 2);
  assert.equal(c.json.cancellation.by, 'patient');
  assert.equal(c.json.cancellation.reason, 'feeling better');
  assert.ok(Date.parse(c.json.cancellation.at) <= Date.now());
  assert.deepEqual((await call(doctor, 'GET', B_(b.id))).json, c.json);
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/cancel'), { body: {} }), 409, 'invalid-transition');
  assert.ok((await getSlots(server, doctor.id, { from: far.local_date, to: far.local_date })).json.items.some((s) => s.start === far.start), 'the slot is offered again');
  const ev = events(b.id);
  assert.deepEqual(ev.map((e) => e.type), ['booking.created', 'booking.cancelled']);
  assert.equal(ev[1].payload.cancelled_by, A.id);
  assert.ok(!JSON.stringify(ev).includes('feeling better'));
  // Re-booking the freed slot works.
  const again = await bookSlot(server, B, doctor.id, far);
  assert.equal(again.start, far.start);

  // Inside the window (120 minutes) the patient can no longer cancel; the doctor can until the start.
  const near = await firstFreeSlot(server, doctor.id, { afterMs: Date.now() + 6 * 60000 });
  const nb = await bookSlot(server, A, doctor.id, near);
  assertProblem(assert, await call(A, 'PUT', B_(nb.id, '/cancel'), { body: {} }), 409, 'window-closed');
  const byDoctor = await call(doctor, 'PUT', B_(nb.id, '/cancel'), { body: { reason: 'emergency surgery' } });
  assert.equal(byDoctor.status, 200, byDoctor.text);
  assert.equal(byDoctor.json.cancellation.by, 'doctor');
  // Once started (here: moved into the past) not even the doctor.
  const late = await bookSlot(server, A, doctor.id, near);
  setBookingTimes(server, late.id, Date.now() - 60000, Date.now() + 14 * 60000);
  assertProblem(assert, await call(doctor, 'PUT', B_(late.id, '/cancel'), { body: {} }), 409, 'window-closed');
});

test('reschedule: same id, new start, the old slot freed in the same step; taken and invalid targets refused', async () => {
  const [s1, s2, s3] = await freeSlots(doctor, 3);
  const b = await bookSlot(server, A, doctor.id, s1);
  const taken = await bookSlot(server, B, doctor.id, s3);
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/reschedule'), { body: { start: s3.start } }), 409, 'slot-taken');
  const odd = new Date(Date.parse(s2.start) + 5 * 60000).toISOString();
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/reschedule'), { body: { start: odd } }), 422, 'slot-unavailable');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/reschedule'), { body: { start: s1.start } }), 422, 'validation');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/reschedule'), { body: { start: 'later' } }), 422, 'validation');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/reschedule'), { body: {} }), 422, 'validation');
  assertProblem(assert, await call(doctor, 'PUT', B_(b.id, '/reschedule'), { body: { start: s2.start } }), 403, 'forbidden');
  assertProblem(assert, await call(B, 'PUT', B_(b.id, '/reschedule'), { body: { start: s2.start } }), 404, 'not-found');
  assert.equal((await call(A, 'GET', B_(b.id))).json.version, 1, 'nothing changed so far');
  const r = await call(A, 'PUT', B_(b.id, '/reschedule'), { body: { start: s2.start } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, b.id);
  assert.equal(r.json.start, s2.start);
  assert.equal(r.json.end, s2.end);
  assert.equal(r.json.rescheduled_from, s1.start);
  assert.equal(r.json.status, 'confirmed');
  assert.equal(r.json.version, 2);
  const day = await getSlots(server, doctor.id, { from: s1.local_date, to: addDays(s1.local_date, 2) });
  assert.ok(day.json.items.some((s) => s.start === s1.start), 'the old slot is free');
  assert.ok(!day.json.items.some((s) => s.start === s2.start), 'the new one is not');
  const ev = events(b.id);
  assert.deepEqual(ev.map((e) => e.type), ['booking.created', 'booking.rescheduled']);
  assert.equal(ev[1].payload.previous_start, s1.start);
  assert.equal(ev[1].payload.slot_start, s2.start);
  // Inside the window: 409.
  setBookingTimes(server, taken.id, Date.now() + 30 * 60000, Date.now() + 45 * 60000);
  assertProblem(assert, await call(B, 'PUT', B_(taken.id, '/reschedule'), { body: { start: s1.start } }), 409, 'window-closed');
});

test('no-show: only the doctor, only from 15 minutes after the start', async () => {
  const near = await firstFreeSlot(server, doctor.id, { afterMs: Date.now() + 6 * 60000 });
  const b = await bookSlot(server, A, doctor.id, near);
  assertProblem(assert, await call(doctor, 'PUT', B_(b.id, '/no-show')), 409, 'too-early');
  setBookingTimes(server, b.id, Date.now() - 20 * 60000, Date.now() - 5 * 60000);
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/no-show')), 403, 'forbidden');
  assertProblem(assert, await call(other, 'PUT', B_(b.id, '/no-show')), 404, 'not-found');
  assertProblem(assert, await call(doctor, 'PUT', B_(b.id, '/no-show'), { body: { when: 'now' } }), 422, 'validation');
  const r = await call(doctor, 'PUT', B_(b.id, '/no-show'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'no_show');
  assertProblem(assert, await call(doctor, 'PUT', B_(b.id, '/no-show')), 409, 'invalid-transition');
  assertProblem(assert, await call(A, 'PUT', B_(b.id, '/cancel'), { body: {} }), 409, 'invalid-transition');
  assert.deepEqual(events(b.id).map((e) => e.type), ['booking.created', 'booking.no_show']);
});

test('a free follow-up within follow_up_days of a completed consultation, once; later or elsewhere it costs the fee', async () => {
  const P = await patient('Farah Follow');
  const [s0, s1, s2, s3] = await freeSlots(doctor, 4);
  const first = await bookSlot(server, P, doctor.id, s0);
  // The consultation took place two days ago (the visit part moves it to completed; here the database does).
  const ended = Date.now() - 2 * 24 * HOUR;
  dbQuery(server, `UPDATE bookings SET status = 'completed', slot_start = ${ended - 15 * 60000}, slot_end = ${ended}, started_at = ${ended - 15 * 60000}, ended_at = ${ended}, duration_seconds = 900 WHERE id = ${sqlText(first.id)}`);
  const follow = await bookSlot(server, P, doctor.id, s1);
  assert.equal(follow.follow_up_of, first.id);
  assert.deepEqual(follow.fee, { amount: 0, currency: 'INR' });
  const second = await bookSlot(server, P, doctor.id, s2);
  assert.equal(second.follow_up_of, null, 'one follow-up per consultation');
  assert.equal(second.fee.amount, 50000);
  // Cancelling the follow-up gives it back; another doctor's booking is never a follow-up of this one.
  assert.equal((await call(P, 'PUT', B_(follow.id, '/cancel'), { body: {} })).status, 200);
  const again = await bookSlot(server, P, doctor.id, s3);
  assert.equal(again.follow_up_of, first.id);
  const [o1] = await freeSlots(other, 1);
  assert.equal((await bookSlot(server, P, other.id, o1)).follow_up_of, null);
  // Too long ago: no follow-up.
  const Q = await patient('Quinn Late');
  const [q0, q1] = await freeSlots(doctor, 2, Date.now() + 50 * HOUR);
  const old = await bookSlot(server, Q, doctor.id, q0);
  const longAgo = Date.now() - 9 * 24 * HOUR;
  dbQuery(server, `UPDATE bookings SET status = 'completed', slot_start = ${longAgo - 900000}, slot_end = ${longAgo}, ended_at = ${longAgo} WHERE id = ${sqlText(old.id)}`);
  assert.equal((await bookSlot(server, Q, doctor.id, q1)).follow_up_of, null);
});

test('while booked the doctor may read the patient\'s medical history (audited as care:booking), not before or after', async () => {
  const C = await patient('Chitra Care');
  const entry = await call(C, 'POST', `/v1/users/${C.id}/medical-history`, { body: { kind: 'condition', title: 'Asthma' } });
  assert.equal(entry.status, 201, entry.text);
  const H = `/v1/users/${C.id}/medical-history`;
  assertProblem(assert, await call(doctor, 'GET', H), 404, 'not-found');
  const [slot] = await freeSlots();
  const b = await bookSlot(server, C, doctor.id, slot);
  const read = await call(doctor, 'GET', H);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json.items.map((e) => e.title), ['Asthma']);
  const audit = dbQuery(server, `SELECT details, outcome FROM audit_log WHERE subject_id = ${sqlText(C.id)} AND actor_id = ${sqlText(doctor.id)} AND action = 'users.medical_history.read' ORDER BY seq`);
  assert.deepEqual(audit.map((a) => [a.outcome, JSON.parse(a.details).basis]), [['denied', 'none'], ['success', 'care:booking']]);
  assertProblem(assert, await call(other, 'GET', H), 404, 'not-found');
  // Cancelled: the relationship ends.
  assert.equal((await call(C, 'PUT', B_(b.id, '/cancel'), { body: {} })).status, 200);
  assertProblem(assert, await call(doctor, 'GET', H), 404, 'not-found');
});

test('the availability table search reads follows every booking change (free slots per day, next_available_at)', async () => {
  const doc = await newVerifiedDoctor(server, { timeZone: TZ, slotMinutes: 15 });
  const today = localDate(Date.now(), TZ);
  const wd = (d) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  // Hours on the days after tomorrow only, so "now" moving on during the test changes nothing.
  const skip = new Set([wd(today), wd(addDays(today, 1))]);
  await setWeeklyHours(server, doc, [1, 2, 3, 4, 5, 6, 7].filter((w) => !skip.has(w)).map((weekday) => ({ weekday, start: '09:00', end: '10:00', type: 'video' })));
  const check = async (what) => {
    const r = await getSlots(server, doc.id, { from: today, to: addDays(today, 27) });
    assert.equal(r.status, 200, r.text);
    const perDay = {};
    for (const s of r.json.items) perDay[s.local_date] = (perDay[s.local_date] ?? 0) + 1;
    const rows = Object.fromEntries(dbQuery(server, `SELECT local_date, free_slots FROM doctor_availability_days WHERE doctor_id = ${sqlText(doc.id)}`)
      .map((x) => [x.local_date, Number(x.free_slots)]));
    assert.deepEqual(rows, perDay, `${what}: free slots per day`);
    const next = dbQuery(server, `SELECT next_available_at FROM doctors WHERE user_id = ${sqlText(doc.id)}`)[0].next_available_at;
    assert.equal(next === null ? null : Number(next), r.json.items.length ? Date.parse(r.json.items[0].start) : null, `${what}: next_available_at`);
    return r.json.items;
  };
  let items = await check('schedule set');
  const first = await bookSlot(server, A, doc.id, items[0]);
  items = await check('the next slot booked');
  const laterDay = items.find((s) => s.local_date !== items[0].local_date);
  const second = await bookSlot(server, B, doc.id, laterDay);
  items = await check('a slot of another day booked');
  assert.equal((await call(A, 'PUT', B_(first.id, '/cancel'), { body: {} })).status, 200);
  items = await check('the first booking cancelled');
  const target = items.filter((s) => s.local_date !== laterDay.local_date).at(-1);
  assert.equal((await call(B, 'PUT', B_(second.id, '/reschedule'), { body: { start: target.start } })).status, 200);
  await check('a booking moved to another day');
});

test('a clinic booking names its location; a slot asked for at another location or type is not offered', async () => {
  const doc = await newVerifiedDoctor(server, { timeZone: TZ, slotMinutes: 30, video: 40000, clinic: 90000 });
  await setWeeklyHours(server, doc, [...everyDay('08:00', '12:00'), ...everyDay('16:00', '20:00', 'clinic', doc.locationId)]);
  const from = addDays(localDate(Date.now(), TZ), 2);
  const clinic = (await getSlots(server, doc.id, { from, to: from, type: 'clinic' })).json.items[0];
  const video = (await getSlots(server, doc.id, { from, to: from, type: 'video' })).json.items[0];
  assert.equal(clinic.location_id, doc.locationId);
  assertProblem(assert, await tryBook(server, A, doc.id, { ...clinic, location_id: 'loc_01hzx3k8q2d5e7f9g1h3j5k7m9' }), 422, 'slot-unavailable');
  assertProblem(assert, await tryBook(server, A, doc.id, { ...clinic, type: 'video', location_id: null }), 422, 'slot-unavailable');
  const b = await bookSlot(server, A, doc.id, clinic);
  assert.equal(b.type, 'clinic');
  assert.deepEqual({ id: b.location.id, name: b.location.name, city: b.location.city }, { id: doc.locationId, name: 'Test Clinic', city: 'New Delhi' });
  assert.equal(b.location.address.line1, '1 Main Road');
  assert.deepEqual(b.fee, { amount: 90000, currency: 'INR' });
  // Without a location the slot's own is used; video has none.
  const v = await bookSlot(server, B, doc.id, video);
  assert.equal(v.location, null);
  assert.equal(v.fee.amount, 40000);
  const next = (await getSlots(server, doc.id, { from, to: from, type: 'clinic' })).json.items[0];
  const c2 = await bookSlot(server, B, doc.id, { ...next, location_id: null });
  assert.equal(c2.location.id, doc.locationId);
});
