// Consultation service, doctors: the specialty list and the doctor's own profile (GET/PUT /doctors/me with
// ETag/If-Match, validation with nothing written, locations by id, submit for verification, re-verification
// after registration/specialty edits), who may use these routes, and the demo doctor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, newVerifiedUser, passwordLogin, DEMO, assertProblem, dbQuery, sqlText,
} from './harness.mjs';
import { completeProfile, newDoctor, verifiedDoctor, ifMatch, fieldsOf, adminToken, uniqueWord } from './consultations-helpers.mjs';

let server, patient;
before(async () => {
  server = await startServer();
  patient = await newVerifiedUser(server, { name: 'Pat Patient' });
});
after(async () => {
  await server?.stop();
});

const ME = '/v1/consultations/doctors/me';
const put = (who, body, headers) => server.api('PUT', ME, { token: who.token, body, headers });
const get = (who) => server.api('GET', ME, { token: who.token });
const submit = (who) => server.api('POST', `${ME}/submit`, { token: who.token });
const search = (q) => server.api('GET', `/v1/consultations/doctors?q=${encodeURIComponent(q)}`);
const auditActions = (subject) =>
  dbQuery(server, `SELECT action, actor_id FROM audit_log WHERE subject_id = ${sqlText(subject)} ORDER BY seq`).map((r) => r.action);

test('the specialty list is public: ~30 seeded specialties with slug ids and searchable aliases', async () => {
  const r = await server.api('GET', '/v1/consultations/specialties');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.length >= 30, `${r.json.items.length} specialties`);
  for (const s of r.json.items) {
    assert.match(s.id, /^[a-z]+(-[a-z]+)*$/, s.id);
    assert.ok(s.name && Array.isArray(s.aliases), JSON.stringify(s));
  }
  const derm = r.json.items.find((s) => s.id === 'dermatology');
  assert.equal(derm.name, 'Dermatology');
  assert.ok(derm.aliases.includes('skin specialist') && derm.aliases.includes('dermatologist'), JSON.stringify(derm));
  assert.ok(r.json.items.some((s) => s.id === 'cardiology'));
});

test('only doctors have a profile: anonymous 401, a patient and an admin 403; before the first PUT 404', async () => {
  assertProblem(assert, await server.api('GET', ME), 401);
  assertProblem(assert, await get(patient), 403);
  assertProblem(assert, await put(patient, completeProfile()), 403);
  assertProblem(assert, await server.api('GET', ME, { token: await adminToken(server) }), 403);
  const doc = await newDoctor(server);
  assertProblem(assert, await get(doc), 404, 'not-found');
  assertProblem(assert, await submit(doc), 404, 'not-found');
  assert.equal(dbQuery(server, `SELECT COUNT(*) AS n FROM doctors WHERE user_id = ${sqlText(patient.id)}`)[0].n, 0);
});

test('the first PUT creates the profile (201, ETag "1"): the name comes from the account, locations get ids', async () => {
  const doc = await newDoctor(server, { name: 'Dr Asha Rao' });
  const body = completeProfile({ languages: ['EN-in', 'hi'] });
  const r = await put(doc, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('etag'), '"1"');
  const p = r.json;
  assert.equal(p.user_id, doc.id);
  assert.equal(p.name, 'Dr Asha Rao');
  assert.equal(p.status, 'draft');
  assert.equal(p.version, 1);
  assert.deepEqual(p.specialties, ['dermatology']);
  assert.deepEqual(p.languages, ['en-IN', 'hi'], 'language tags are normalised');
  assert.deepEqual(p.qualifications, body.qualifications);
  assert.deepEqual(p.registration, body.registration);
  assert.deepEqual(p.consultation_types, body.consultation_types);
  assert.equal(p.locations.length, 1);
  assert.match(p.locations[0].id, /^loc_/);
  assert.deepEqual({ ...p.locations[0], id: undefined }, { ...body.locations[0], id: undefined, address: { ...body.locations[0].address, line2: null } });
  assert.equal(p.time_zone, 'Asia/Kolkata');
  assert.deepEqual(p.rating, { average: null, raw_average: null, count: 0, score: null });
  for (const k of ['submitted_at', 'verified_at', 'rejection_reason']) assert.equal(p[k], null, k);
  const g = await get(doc);
  assert.equal(g.status, 200);
  assert.equal(g.headers.get('etag'), '"1"');
  assert.deepEqual(g.json, p);
  assert.deepEqual(auditActions(doc.id).filter((a) => a.startsWith('provider.')), ['provider.profile_created']);
  // Not searchable while a draft, and not public.
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${doc.id}`), 404, 'not-found');
});

test('updates need If-Match (428 without, 412 when stale); members left out keep their value', async () => {
  const doc = await newDoctor(server);
  assert.equal((await put(doc, completeProfile())).status, 201);
  assertProblem(assert, await put(doc, { experience_years: 15 }), 428, 'precondition-required');
  assertProblem(assert, await put(doc, { experience_years: 15 }, ifMatch(7)), 412, 'precondition-failed');
  const r = await put(doc, { experience_years: 15, bio: null }, ifMatch(1));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.equal(r.json.experience_years, 15);
  assert.equal(r.json.bio, null);
  assert.deepEqual(r.json.specialties, ['dermatology'], 'kept');
  assert.equal(r.json.locations.length, 1, 'kept');
  assertProblem(assert, await put(doc, { experience_years: 16 }, ifMatch(1)), 412, 'precondition-failed');
  // If-Match on a profile that does not exist yet cannot match.
  const other = await newDoctor(server);
  assertProblem(assert, await put(other, completeProfile(), ifMatch(1)), 412);
  assertProblem(assert, await get(other), 404);
});

test('bad bodies: 422 listing every bad field, and nothing is written', async () => {
  const doc = await newDoctor(server);
  const bad = completeProfile({
    gender: 'robot', specialties: ['astrology'], experience_years: 71, languages: ['english!'], time_zone: 'Mars/Olympus',
    slot_minutes: 25, follow_up_days: 31, nickname: 'x',
    registration: { number: '12', council: 'DMC Delhi' },
    consultation_types: { video: { fee: { amount: 50000, currency: 'INR' } }, clinic: { fee: { amount: 20000000, currency: 'USD' } } },
  });
  const r = await put(doc, bad);
  assertProblem(assert, r, 422, 'validation');
  const f = fieldsOf(r);
  for (const want of ['gender', 'specialties[0]', 'experience_years', 'languages[0]', 'time_zone', 'slot_minutes', 'follow_up_days',
    'nickname', 'registration.number', 'consultation_types.clinic.fee.amount'])
    assert.ok(f.includes(want), `${want} in ${JSON.stringify(f)}`);
  assertProblem(assert, await get(doc), 404, 'not-found');
  // Both types share one currency; a clinic needs a location; at least one type.
  for (const [body, field] of [
    [completeProfile({ consultation_types: { video: { fee: { amount: 1, currency: 'INR' } }, clinic: { fee: { amount: 1, currency: 'USD' } } } }), 'consultation_types.clinic.fee.currency'],
    [completeProfile({ locations: [] }), 'locations'],
    [completeProfile({ consultation_types: {} }), 'consultation_types'],
    [completeProfile({ specialties: [] }), 'specialties'],
    [completeProfile({ conditions: Array.from({ length: 51 }, (_, i) => `condition ${i}`) }), 'conditions'],
  ]) {
    const res = await put(doc, body);
    assertProblem(assert, res, 422, 'validation');
    assert.ok(fieldsOf(res).includes(field), `${field}: ${JSON.stringify(fieldsOf(res))}`);
  }
  // Not JSON, or not an object.
  assertProblem(assert, await server.api('PUT', ME, { token: doc.token, raw: 'nope', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(assert, await server.api('PUT', ME, { token: doc.token, raw: '[1]', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(assert, await get(doc), 404);
  assert.equal(dbQuery(server, `SELECT COUNT(*) AS n FROM doctors WHERE user_id = ${sqlText(doc.id)}`)[0].n, 0);
  // A failed update leaves the stored profile as it was.
  assert.equal((await put(doc, completeProfile())).status, 201);
  assertProblem(assert, await put(doc, { gender: 'robot', experience_years: 20 }, ifMatch(1)), 422);
  const g = await get(doc);
  assert.equal(g.json.version, 1);
  assert.equal(g.json.experience_years, 14);
});

test('locations: an id updates that location, no id adds one, a missing one is removed; ids of others are refused', async () => {
  const doc = await newDoctor(server);
  const created = (await put(doc, completeProfile())).json;
  const first = created.locations[0];
  const second = { name: 'Saket Skin Centre', address: { line1: 'A-12 Press Enclave', city: 'New Delhi', country: 'IN' }, lat: 28.52, lng: 77.21 };
  let r = await put(doc, { locations: [{ ...first, name: 'Rao Skin & Hair Clinic' }, second] }, ifMatch(1));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.locations.length, 2);
  assert.equal(r.json.locations[0].id, first.id, 'kept its id');
  assert.equal(r.json.locations[0].name, 'Rao Skin & Hair Clinic');
  const secondId = r.json.locations[1].id;
  assert.match(secondId, /^loc_/);
  r = await put(doc, { locations: [r.json.locations[1]] }, ifMatch(2));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.locations.map((l) => l.id), [secondId]);
  assert.equal(dbQuery(server, `SELECT COUNT(*) AS n FROM doctor_locations WHERE id = ${sqlText(first.id)}`)[0].n, 0);
  // Another doctor's location id is not yours to edit.
  const other = await newDoctor(server);
  const theirs = (await put(other, completeProfile())).json.locations[0];
  r = await put(doc, { locations: [{ ...theirs }] }, ifMatch(3));
  assertProblem(assert, r, 422, 'validation');
  assert.deepEqual(fieldsOf(r), ['locations[0].id']);
  assert.equal((await get(other)).json.locations[0].name, theirs.name);
  // At most five.
  r = await put(doc, { locations: Array.from({ length: 6 }, () => second) }, ifMatch(3));
  assertProblem(assert, r, 422);
  assert.ok(fieldsOf(r).includes('locations'));
});

test('a location the weekly hours use cannot be removed (409 location-in-use)', async () => {
  const doc = await newDoctor(server);
  const loc = (await put(doc, completeProfile())).json.locations[0];
  const s = await server.api('PUT', '/v1/consultations/doctors/me/schedule', {
    token: doc.token, body: { weekly: [{ weekday: 1, start: '17:00', end: '19:00', type: 'clinic', location_id: loc.id }] },
  });
  assert.equal(s.status, 200, s.text);
  const version = (await get(doc)).json.version;
  const r = await put(doc, { consultation_types: { video: { fee: { amount: 50000, currency: 'INR' } } }, locations: [] }, ifMatch(version));
  assertProblem(assert, r, 409, 'location-in-use');
  assert.equal((await get(doc)).json.locations.length, 1, 'nothing written');
});

test('submit: 422 lists what is missing; a complete profile becomes pending (409 the second time)', async () => {
  const doc = await newDoctor(server);
  assert.equal((await put(doc, { gender: 'male', bio: 'Starting out.' })).status, 201);
  let r = await submit(doc);
  assertProblem(assert, r, 422, 'validation');
  assert.deepEqual(fieldsOf(r).sort(), ['consultation_types', 'experience_years', 'languages', 'qualifications', 'registration', 'specialties', 'time_zone'].sort());
  assert.equal((await get(doc)).json.status, 'draft');
  const full = completeProfile();
  delete full.gender;
  r = await put(doc, full, ifMatch(1));
  assert.equal(r.status, 200, r.text);
  const before = Date.now();
  r = await submit(doc);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'pending');
  assert.equal(r.json.version, 3);
  assert.equal(r.headers.get('etag'), '"3"');
  assert.ok(Date.parse(r.json.submitted_at) >= before - 1000, r.json.submitted_at);
  assertProblem(assert, await submit(doc), 409, 'conflict');
  // The account shows the provider status too.
  const me = await server.api('GET', '/v1/auth/me', { token: doc.token });
  assert.equal(me.json.provider_verification, 'pending');
  assert.ok(auditActions(doc.id).includes('provider.submitted'));
  // A body is not expected.
  assertProblem(assert, await server.api('POST', `${ME}/submit`, { token: doc.token, body: { please: true } }), 422);
  // A submitted profile must stay complete.
  r = await put(doc, { qualifications: [] }, ifMatch(3));
  assertProblem(assert, r, 422, 'validation');
  assert.deepEqual(fieldsOf(r), ['qualifications']);
  // Still searchable only once verified.
  const word = uniqueWord();
  r = await put(doc, { conditions: [word] }, ifMatch(3));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'pending', 'other edits keep it pending');
  assert.equal((await search(word)).json.total, 0);
});

test('a verified doctor editing registration or specialties goes back to pending and out of search; other edits do not', async () => {
  const word = uniqueWord();
  const doc = await verifiedDoctor(server, { conditions: [word] });
  assert.equal(doc.profile.status, 'verified');
  assert.ok(doc.profile.verified_at);
  assert.equal((await search(word)).json.total, 1);
  let v = doc.profile.version;
  let r = await put(doc, { bio: 'Now also online on Sundays.', consultation_types: { video: { fee: { amount: 60000, currency: 'INR' } }, clinic: { fee: { amount: 90000, currency: 'INR' } } } }, ifMatch(v));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'verified');
  const found = (await search(word)).json.items[0];
  assert.equal(found.consultation_types.video.fee.amount, 60000, 'search shows the new fee');
  v = r.json.version;
  r = await put(doc, { specialties: ['dermatology', 'cardiology'] }, ifMatch(v));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'pending');
  assert.equal(r.json.verified_at, null);
  assert.equal((await search(word)).json.total, 0, 'out of search while pending');
  assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${doc.id}`), 404);
  assert.equal((await server.api('GET', '/v1/auth/me', { token: doc.token })).json.provider_verification, 'pending');
  const queue = await server.api('GET', '/v1/admin/providers?status=pending&limit=100', { token: await adminToken(server) });
  assert.ok(queue.json.items.some((i) => i.user_id === doc.id), 'back in the admin queue');
  const audit = dbQuery(server, `SELECT details FROM audit_log WHERE subject_id = ${sqlText(doc.id)} AND action = 'provider.profile_updated' ORDER BY seq`);
  assert.ok(audit.some((a) => JSON.parse(a.details).reverification === true), JSON.stringify(audit));
});

test('the demo doctor is verified with a realistic profile and weekly hours', async () => {
  const d = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  const r = await get(d);
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  assert.equal(p.status, 'verified');
  assert.equal(p.name, 'Dr. Arjun Mehta');
  assert.ok(p.specialties.includes('dermatology'));
  assert.ok(p.languages.includes('hi'));
  assert.ok(p.locations.length >= 1 && p.locations[0].address.city === 'Pune', JSON.stringify(p.locations));
  assert.ok(p.registration.number && p.registration.council);
  const pub = await server.api('GET', `/v1/consultations/doctors/${d.id}`);
  assert.equal(pub.status, 200, pub.text);
  assert.ok(pub.json.next_slots.length > 0, 'weekly hours give free slots');
  // The generated demo doctors are verified across specialties and countries.
  const all = await server.api('GET', '/v1/consultations/doctors?limit=1');
  assert.ok(all.json.total >= 200, `${all.json.total} verified doctors`);
  assert.ok(all.json.facets.specialty.length >= 20, 'many specialties');
  const us = await server.api('GET', '/v1/consultations/doctors?near=40.7128,-74.006&radius_km=40&limit=1');
  assert.ok(us.json.total > 0, 'doctors in New York');
});
