// Helpers shared by the Consultation service suites (tests/api/consultations-*.test.mjs): doctor accounts,
// complete profile bodies, and verified doctors made the way a real one is (PUT profile, submit, an admin
// approves).
import { randomBytes } from 'node:crypto';
import { newVerifiedUser, adminLogin } from './harness.mjs';

// The same header and 422 helpers as the users suites.
export { ifMatch, fieldsOf } from './users-helpers.mjs';

/** A made-up word (letters only) that no demo data contains: tag test doctors with it to find only them. */
export function uniqueWord(prefix = 'zq') {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let w = prefix;
  for (const b of randomBytes(7)) w += letters[b % letters.length];
  return w;
}

/**
 * A complete profile body for PUT /v1/consultations/doctors/me (a dermatologist in New Delhi, video and clinic in
 * INR), with `overrides` replacing top-level members. The registration number is random, like real ones differ.
 */
export function completeProfile(overrides = {}) {
  return {
    gender: 'female',
    bio: 'Dermatologist with fourteen years of practice in New Delhi.',
    specialties: ['dermatology'],
    qualifications: [
      { degree: 'MBBS', institution: 'AIIMS Delhi', year: 2008 },
      { degree: 'MD (Dermatology)', institution: 'Maulana Azad Medical College', year: 2012 },
    ],
    registration: { number: `DMC/${100000 + (randomBytes(3).readUIntBE(0, 3) % 900000)}`, council: 'Delhi Medical Council' },
    experience_years: 14,
    languages: ['en', 'hi'],
    conditions: ['acne', 'eczema', 'psoriasis'],
    consultation_types: {
      video: { fee: { amount: 50000, currency: 'INR' } },
      clinic: { fee: { amount: 80000, currency: 'INR' } },
    },
    locations: [
      {
        name: 'Rao Skin Clinic',
        address: { line1: '14 Janpath', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'IN' },
        lat: 28.6139,
        lng: 77.209,
      },
    ],
    time_zone: 'Asia/Kolkata',
    slot_minutes: 15,
    follow_up_days: 7,
    ...overrides,
  };
}

/** A registered doctor account with a verified email (no profile yet): {id, token, email, password, name}. */
export async function newDoctor(server, { name = 'Dr Test Doctor' } = {}) {
  const u = await newVerifiedUser(server, { role: 'doctor', name });
  return { ...u, name };
}

/** The demo admin's access token on this server (signed in once, then reused). */
export async function adminToken(server) {
  if (!server.adminToken) await adminLogin(server);
  return server.adminToken;
}

/** A doctor whose complete profile (completeProfile(overrides)) was submitted and waits in the admin's queue. */
export async function submittedDoctor(server, name, overrides = {}) {
  const doc = await newDoctor(server, { name });
  const put = await server.api('PUT', '/v1/consultations/doctors/me', { token: doc.token, body: completeProfile(overrides) });
  if (put.status !== 201) throw new Error(`profile PUT: ${put.status} ${put.text}`);
  const submit = await server.api('POST', '/v1/consultations/doctors/me/submit', { token: doc.token });
  if (submit.status !== 200) throw new Error(`submit: ${submit.status} ${submit.text}`);
  return doc;
}

/**
 * A doctor whose complete profile (completeProfile(profileOverrides)) was submitted and approved by the demo
 * admin: {id, token, email, password, name, profile} (profile: GET /doctors/me after the approval).
 */
export async function verifiedDoctor(server, profileOverrides = {}, { name = 'Dr Test Doctor' } = {}) {
  const doc = await newDoctor(server, { name });
  const put = await server.api('PUT', '/v1/consultations/doctors/me', { token: doc.token, body: completeProfile(profileOverrides) });
  if (put.status !== 201) throw new Error(`profile PUT: ${put.status} ${put.text}`);
  const submit = await server.api('POST', '/v1/consultations/doctors/me/submit', { token: doc.token });
  if (submit.status !== 200) throw new Error(`submit: ${submit.status} ${submit.text}`);
  const verify = await server.api('POST', `/v1/admin/providers/${doc.id}/verify`, {
    token: await adminToken(server), body: { decision: 'approve' },
  });
  if (verify.status !== 200) throw new Error(`verify: ${verify.status} ${verify.text}`);
  const me = await server.api('GET', '/v1/consultations/doctors/me', { token: doc.token });
  return { ...doc, profile: me.json };
}
