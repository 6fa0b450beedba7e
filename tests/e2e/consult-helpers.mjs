// State for the consultation browser tests, made through the API (docs/api/consultations.md): a verified doctor
// with all-day video hours, bookings, a started / finished consultation. The browser then shows what a person sees.
import { randomBytes } from 'node:crypto';
import { adminAccessToken, api, apiToken, createVerifiedPatient, expectStatus, registerVerified, uniqueEmail, withPage } from './helpers.mjs';

export { expectStatus };

/** Registers a doctor account and verifies its email (the dev mailbox's code); returns the account, token and id. */
export async function registerDoctor(name, email, password) {
  const verified = await registerVerified({ name, email, password, role: 'doctor' }, { register: 'register doctor', verify: 'verify doctor' });
  const token = verified.access_token ?? (await apiToken(email, password));
  return { verified, token };
}

/** A made-up surname no other test or demo doctor has, so a search for it finds exactly this doctor. */
export function uniqueSurname() {
  const letters = 'bcdfghjklmnpqrstvwz';
  const vowels = 'aeiou';
  let s = '';
  for (const b of randomBytes(6)) s += s.length % 2 === 0 ? letters[b % letters.length] : vowels[b % vowels.length];
  return `Q${s}`; // "Qbatoku": starts with a letter that rarely begins a name
}

/** A patient with a verified email and an API token. */
export async function newPatient(prefix) {
  const account = await createVerifiedPatient(prefix);
  return { ...account, token: await apiToken(account.email, account.password) };
}

/**
 * A doctor registered, verified by email, with a complete profile, submitted and approved by the demo admin;
 * `schedule` (default: video all day UTC, 10-minute slots) set. Returns the doctor's account, token and id.
 */
export async function newVerifiedDoctor({
  surname = uniqueSurname(),
  specialties = ['dermatology'],
  languages = ['en', 'hi'],
  gender = 'female',
  conditions = ['acne', 'eczema'],
  videoFee = 50000,
  currency = 'INR',
  clinic = false,
  allDayVideo = true,
} = {}) {
  const email = uniqueEmail('doc');
  const password = `Pw-${randomBytes(6).toString('hex')}!`;
  const name = `Dr Asha ${surname}`;
  const { verified, token } = await registerDoctor(name, email, password);
  const id = verified.user?.id;
  const profile = {
    // The name is the account's (from registration).
    gender,
    bio: 'Skin, hair and nail problems for adults and children. Calm, unhurried video consultations.',
    specialties,
    qualifications: [{ degree: 'MBBS', institution: 'AIIMS Delhi', year: 2008 }],
    registration: { number: `DMC/${randomBytes(3).toString('hex')}`, council: 'Delhi Medical Council' },
    experience_years: 14,
    languages,
    conditions,
    consultation_types: {
      video: { fee: { amount: videoFee, currency } },
      ...(clinic ? { clinic: { fee: { amount: videoFee + 30000, currency } } } : {}),
    },
    locations: clinic
      ? [{ name: `${surname} Skin Clinic`, address: { line1: '12 Janpath', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'IN' }, lat: 28.61, lng: 77.21 }]
      : [],
    time_zone: 'Etc/UTC',
    slot_minutes: 10,
    follow_up_days: 7,
  };
  const put = expectStatus(await api('PUT', '/v1/consultations/doctors/me', { token, body: profile }), [200, 201], 'PUT doctors/me');
  const doctorId = put.user_id ?? id;
  expectStatus(await api('POST', '/v1/consultations/doctors/me/submit', { token, body: {} }), 200, 'submit profile');
  const admin = await adminAccessToken();
  expectStatus(
    await api('POST', `/v1/admin/providers/${encodeURIComponent(doctorId)}/verify`, { token: admin, body: { decision: 'approve' } }),
    200,
    'approve doctor',
  );
  if (allDayVideo) await setAllDayVideo(token);
  return { email, password, name, surname, token, id: doctorId };
}

/** Video hours all day, every day, in UTC, 10-minute slots: a free slot always starts within the next 15 minutes. */
export async function setAllDayVideo(token) {
  const week = (end) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end, type: 'video', location_id: null }));
  const current = await api('GET', '/v1/consultations/doctors/me/schedule', { token });
  // If-Match only once a schedule was saved (version ≥ 1), as the contract says.
  const headers = current.status === 200 && current.data?.version > 0 ? { 'If-Match': current.headers.get('etag') ?? `"${current.data.version}"` } : {};
  let r = await api('PUT', '/v1/consultations/doctors/me/schedule', { token, headers, body: { time_zone: 'Etc/UTC', slot_minutes: 10, weekly: week('24:00') } });
  if (r.status === 422) {
    r = await api('PUT', '/v1/consultations/doctors/me/schedule', { token, headers, body: { time_zone: 'Etc/UTC', slot_minutes: 10, weekly: week('23:59') } });
  }
  return expectStatus(r, [200, 201], 'PUT schedule');
}

function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The doctor's free video slots from now on (today and the next `days` UTC days). */
export async function freeSlots(doctorId, days = 2) {
  const now = Date.now();
  const r = await api('GET', `/v1/consultations/doctors/${encodeURIComponent(doctorId)}/slots?from=${isoDate(now)}&to=${isoDate(now + days * 86_400_000)}&type=video`);
  return expectStatus(r, 200, 'GET slots').items;
}

/** The first free slot starting within `minutes` from now (the doctor may start it right away). */
export async function slotStartingWithin(doctorId, minutes = 15) {
  const limit = Date.now() + minutes * 60_000;
  const slot = (await freeSlots(doctorId)).find((s) => new Date(s.start).getTime() <= limit);
  if (!slot) throw new Error(`no free slot of ${doctorId} starts within ${minutes} minutes`);
  return slot;
}

export async function book(patientToken, doctorId, slot, { reason = 'Itchy rash on both arms for two weeks', patientId } = {}) {
  const body = { doctor_id: doctorId, start: slot.start, type: slot.type ?? 'video', location_id: slot.location_id ?? null, reason };
  if (patientId) body.patient_id = patientId;
  const r = await api('POST', '/v1/consultations/bookings', { token: patientToken, body, headers: { 'Idempotency-Key': `e2e-${randomBytes(8).toString('hex')}` } });
  return expectStatus(r, 201, 'POST booking');
}

export async function start(doctorToken, bookingId) {
  return expectStatus(await api('POST', `/v1/consultations/${bookingId}/start`, { token: doctorToken, body: {} }), 200, 'POST start');
}

export async function end(doctorToken, bookingId) {
  return expectStatus(await api('POST', `/v1/consultations/${bookingId}/end`, { token: doctorToken, body: {} }), 200, 'POST end');
}

/** A consultation that happened: booked, started, notes with a plan, a prescription, ended. */
export async function finishedConsultation(doctor, patient, { plan, items, advice = 'Keep the skin moisturised; avoid hot showers.' } = {}) {
  const slot = await slotStartingWithin(doctor.id);
  const booking = await book(patient.token, doctor.id, slot);
  await start(doctor.token, booking.id);
  expectStatus(
    await api('PUT', `/v1/consultations/${booking.id}/notes`, {
      token: doctor.token,
      body: { subjective: 'Itching for two weeks', objective: 'Dry scaly patches, both forearms', assessment: 'Atopic eczema', plan },
    }),
    [200, 201],
    'PUT notes',
  );
  const rx = expectStatus(
    await api('POST', `/v1/consultations/${booking.id}/prescription`, {
      token: doctor.token,
      body: { items, advice, follow_up: 'in 2 weeks' },
    }),
    201,
    'POST prescription',
  );
  await end(doctor.token, booking.id);
  return { booking, rx, slot };
}

/** withPage in a browser context in a given time zone (the patient's), downloads allowed. */
export async function withZonedPage(browser, name, timezoneId, fn) {
  return withPage(browser, name, fn, { timezoneId, locale: 'en-US', acceptDownloads: true });
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone: the slot picker's day chips are the patient's days. */
export function dayIn(iso, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** Chooses the slot starting at `iso` in a slot picker (its day first); returns the slot's button. */
export async function pickSlot(scope, iso, timeZone) {
  await scope.locator(`[data-day="${dayIn(iso, timeZone)}"]`).click();
  const button = scope.locator(`[data-testid="slot"][data-start="${iso}"]`);
  await button.click();
  return button;
}
