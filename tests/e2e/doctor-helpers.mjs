// State for the doctor's and the admin's consultation browser tests, made through the API
// (docs/api/consultations.md): a doctor account without a profile, a submitted (pending) doctor, and the admin
// signing in in the browser with password + authenticator code.
import { randomBytes } from 'node:crypto';
import { DEMO, adminAccessToken, api, expectHome, freshAdminTotp, signInWithPassword, uniqueEmail } from './helpers.mjs';
import { dayIn, expectStatus, registerDoctor, uniqueSurname } from './consult-helpers.mjs';

/** A doctor account (email verified) with no practice profile yet. */
export async function newDoctorAccount(prefix = 'doctor') {
  const surname = uniqueSurname();
  const email = uniqueEmail(prefix);
  const password = `Pw-${randomBytes(6).toString('hex')}!`;
  const name = `Dr Meera ${surname}`;
  const { verified, token } = await registerDoctor(name, email, password);
  const id = verified.user?.id ?? expectStatus(await api('GET', '/v1/auth/me', { token }), 200, 'GET /v1/auth/me').id;
  return { email, password, name, surname, token, id };
}

/** The practice profile body of the API (a clinic in New Delhi when `clinic`); the name is the account's. */
export function practiceProfile(doctor, { timeZone = 'Asia/Kolkata', clinic = true, specialties = ['dermatology'] } = {}) {
  return {
    gender: 'female',
    bio: 'Skin and hair problems in adults and children.',
    specialties,
    qualifications: [{ degree: 'MBBS', institution: 'Maulana Azad Medical College', year: 2009 }],
    registration: { number: `DMC/${randomBytes(3).toString('hex').toUpperCase()}`, council: 'Delhi Medical Council' },
    experience_years: 12,
    languages: ['en', 'hi'],
    conditions: ['acne', 'eczema'],
    consultation_types: {
      video: { fee: { amount: 60000, currency: 'INR' } },
      ...(clinic ? { clinic: { fee: { amount: 90000, currency: 'INR' } } } : {}),
    },
    locations: clinic
      ? [{ name: `${doctor.surname} Skin Clinic`, address: { line1: '4 Park Street', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'IN' }, lat: 28.63, lng: 77.22 }]
      : [],
    time_zone: timeZone,
    slot_minutes: 15,
    follow_up_days: 7,
  };
}

/** A doctor whose complete profile is submitted and waits in the admin's queue. */
export async function newPendingDoctor(prefix = 'pending', options = {}) {
  const doctor = await newDoctorAccount(prefix);
  const body = practiceProfile(doctor, options);
  const put = expectStatus(await api('PUT', '/v1/consultations/doctors/me', { token: doctor.token, body }), [200, 201], 'PUT doctors/me');
  expectStatus(await api('POST', '/v1/consultations/doctors/me/submit', { token: doctor.token, body: {} }), 200, 'submit profile');
  return { ...doctor, profile: put, registration: body.registration };
}

/** A verified doctor (submitted, approved by the demo admin through the API) without weekly hours. */
export async function newApprovedDoctor(prefix = 'approved', options = {}) {
  const doctor = await newPendingDoctor(prefix, options);
  expectStatus(
    await api('POST', `/v1/admin/providers/${encodeURIComponent(doctor.id)}/verify`, { token: await adminAccessToken(), body: { decision: 'approve' } }),
    200,
    'approve doctor',
  );
  return doctor;
}

/** Signs the demo admin in in `page` (password, then a fresh authenticator code) and waits for the home page. */
export async function signInAsAdmin(page) {
  await signInWithPassword(page, DEMO.admin.email, DEMO.admin.password);
  const codeInput = page.getByLabel('Authentication code');
  await codeInput.waitFor();
  await codeInput.fill(await freshAdminTotp());
  await page.getByRole('button', { name: 'Verify' }).click();
  return expectHome(page);
}

/** The provider's card in the shown list, following "Load more" (the demo data has hundreds of verified doctors). */
export async function findInQueue(page, name, status = 'pending') {
  const item = page.getByRole('listitem', { name });
  for (let pages = 0; pages < 20; pages++) {
    await page.locator(`ul[aria-label="Providers"][data-status="${status}"], [data-testid="providers-empty"][data-status="${status}"]`).first().waitFor();
    if ((await item.count()) > 0) return item;
    const more = page.getByRole('button', { name: 'Load more' });
    if ((await more.count()) === 0) break;
    const shown = await page.getByTestId('provider').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="provider"]').length > n, shown);
  }
  throw new Error(`${name} is not in the list`);
}

/** Signs a person in with a password and waits for the home page. */
export async function signIn(page, account) {
  await signInWithPassword(page, account.email, account.password);
  await expectHome(page, { name: account.name });
}

/** YYYY-MM-DD of `date` in the IANA zone `zone`. */
export function dateIn(zone, date = new Date()) {
  return dayIn(date, zone);
}

/** The next date (after today, in `zone`) that falls on ISO weekday `weekday` (1 = Monday). */
export function nextWeekday(zone, weekday, from = new Date()) {
  const today = dateIn(zone, from);
  for (let i = 1; i <= 7; i++) {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (iso === weekday) return d.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}
