// Shared helpers of the availability and booking suites (and of the consultation suites that need a booking):
// a verified doctor with a schedule, free slots, booking one. Everything goes through the public API
// (docs/api/consultations.md), except setBookingTimes, which moves a booking in the database for tests that need
// it to start "now".
import { randomBytes } from 'node:crypto';
import { adminLogin, newVerifiedUser, dbQuery, sqlText } from './harness.mjs';

export const DAY_MS = 24 * 3600 * 1000;

/** n random lowercase letters (names must not contain digits: the OTP message shows the name beside a 6-digit code). */
export const letters = (n) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

/** YYYY-MM-DD of a Date/ms in the given IANA zone. */
export function localDate(ms, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** YYYY-MM-DD `days` after the date `d` (YYYY-MM-DD). */
export function addDays(d, days) {
  const t = Date.parse(`${d}T00:00:00Z`) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** Weekly ranges covering every day (ISO weekdays 1..7) from `start` to `end`. */
export function everyDay(start = '00:00', end = '24:00', type = 'video', location_id = null) {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end, type, location_id }));
}

/**
 * A doctor account with a complete profile, verified by the admin. Options: timeZone, slotMinutes, followUpDays,
 * video (fee in minor units or null), clinic (fee or null; adds a location), currency, name.
 * Returns {id, token, email, password, name, profile, locationId}.
 */
export async function newVerifiedDoctor(server, {
  timeZone = 'Asia/Kolkata', slotMinutes = 15, followUpDays = 7, video = 50000, clinic = null, currency = 'INR',
  name = `Dr Test ${letters(6)}`,
} = {}) {
  const u = await newVerifiedUser(server, { role: 'doctor', name });
  const types = {};
  if (video !== null) types.video = { fee: { amount: video, currency } };
  if (clinic !== null) types.clinic = { fee: { amount: clinic, currency } };
  const body = {
    gender: 'female', bio: 'Test doctor for the booking suites.',
    specialties: ['dermatology'], qualifications: [{ degree: 'MBBS', institution: 'AIIMS Delhi', year: 2008 }],
    registration: { number: `REG/${randomBytes(3).toString('hex')}`, council: 'Delhi Medical Council' },
    experience_years: 10, languages: ['en', 'hi'], conditions: ['acne'],
    consultation_types: types,
    locations: clinic !== null ? [{ name: 'Test Clinic', address: { line1: '1 Main Road', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'IN' }, lat: 28.61, lng: 77.21 }] : [],
    time_zone: timeZone, slot_minutes: slotMinutes, follow_up_days: followUpDays,
  };
  const put = await server.api('PUT', '/v1/consultations/doctors/me', { token: u.token, body });
  if (put.status !== 201 && put.status !== 200) throw new Error(`doctor profile: ${put.status} ${put.text}`);
  const sub = await server.api('POST', '/v1/consultations/doctors/me/submit', { token: u.token });
  if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${sub.text}`);
  if (!server.adminToken) await adminLogin(server);
  const v = await server.api('POST', `/v1/admin/providers/${u.id}/verify`, { token: server.adminToken, body: { decision: 'approve' } });
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${v.text}`);
  const me = await server.api('GET', '/v1/consultations/doctors/me', { token: u.token });
  return { ...u, name, profile: me.json, locationId: me.json?.locations?.[0]?.id ?? null };
}

/**
 * Replaces the doctor's weekly hours (reads the schedule's ETag first). `ranges` as in the contract;
 * `extra` may carry time_zone / slot_minutes. Returns the PUT response (throws unless 200).
 */
export async function setWeeklyHours(server, doctor, ranges, extra = {}) {
  const cur = await server.api('GET', '/v1/consultations/doctors/me/schedule', { token: doctor.token });
  if (cur.status !== 200) throw new Error(`schedule: ${cur.status} ${cur.text}`);
  const headers = cur.json.version > 0 ? { 'if-match': cur.headers.get('etag') } : {};
  const r = await server.api('PUT', '/v1/consultations/doctors/me/schedule', { token: doctor.token, headers, body: { weekly: ranges, ...extra } });
  if (r.status !== 200) throw new Error(`schedule put: ${r.status} ${r.text}`);
  return r;
}

/** GET /slots (from/to are local dates of the doctor); returns the response. */
export function getSlots(server, doctorId, { from, to, type } = {}) {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (type) q.set('type', type);
  const qs = q.toString();
  return server.api('GET', `/v1/consultations/doctors/${doctorId}/slots${qs ? `?${qs}` : ''}`);
}

/**
 * The first free slot of a doctor starting after `afterMs` (default now), looking 31 local days from the local
 * date `fromDate` (default: the date of `afterMs`/now in the doctor's zone; pass `timeZone` to save a request),
 * optionally of one `type`. null when there is none.
 */
export async function firstFreeSlot(server, doctorId, { type, fromDate, afterMs = 0, timeZone } = {}) {
  let from = fromDate;
  if (!from) {
    let zone = timeZone;
    if (!zone) {
      const probe = await getSlots(server, doctorId);
      if (probe.status !== 200) throw new Error(`slots: ${probe.status} ${probe.text}`);
      zone = probe.json.time_zone;
    }
    from = localDate(Math.max(Date.now(), afterMs), zone);
  }
  const r = await getSlots(server, doctorId, { from, to: addDays(from, 30), type });
  if (r.status !== 200) throw new Error(`slots: ${r.status} ${r.text}`);
  return r.json.items.find((s) => Date.parse(s.start) > afterMs) ?? null;
}

/** POST /bookings for `slot` (an item of /slots); returns the raw response. extra: reason, patient_id, headers. */
export function tryBook(server, patient, doctorId, slot, { headers, ...extra } = {}) {
  const body = { doctor_id: doctorId, start: slot.start, type: slot.type, location_id: slot.location_id ?? null, reason: 'itchy rash for 2 weeks', ...extra };
  return server.api('POST', '/v1/consultations/bookings', { token: patient.token, body, headers });
}

/** Books `slot` and returns the booking (throws unless 201). */
export async function bookSlot(server, patient, doctorId, slot, extra = {}) {
  const r = await tryBook(server, patient, doctorId, slot, extra);
  if (r.status !== 201) throw new Error(`book: ${r.status} ${r.text}`);
  return r.json;
}

/**
 * A verified doctor (newVerifiedDoctor options) working all day every day: video, or clinic at their location when
 * the options offer clinic only (video: null).
 */
export async function doctorWithSlots(server, options = {}) {
  const doctor = await newVerifiedDoctor(server, options);
  const clinicOnly = options.video === null && options.clinic != null;
  await setWeeklyHours(server, doctor, everyDay('00:00', '24:00', clinicOnly ? 'clinic' : 'video', clinicOnly ? doctor.locationId : null));
  return doctor;
}

/**
 * Test-only: moves a booking's slot in the database (e.g. so that it starts now and can be started, or ended
 * long ago). start/end in ms.
 */
export function setBookingTimes(server, bookingId, startMs, endMs) {
  dbQuery(server, `UPDATE bookings SET slot_start = ${Math.trunc(startMs)}, slot_end = ${Math.trunc(endMs)} WHERE id = ${sqlText(bookingId)}`);
}
