// Consultation service, search: GET /v1/consultations/doctors (only verified doctors; typo-tolerant, prefix-as-
// you-type text; every filter; sorts; facets that ignore their own filter; totals; cursor pages that add up;
// fields=; 422 for bad parameters) and the public profile GET /v1/consultations/doctors/{id}.
// The suite's doctors all treat a made-up condition (`tag`), so `q=<tag>` finds exactly them among the demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, newVerifiedUser, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { completeProfile, verifiedDoctor, newDoctor, adminToken, uniqueWord, fieldsOf } from './consultations-helpers.mjs';

let server, tag, A, B, C, D, pending, rejected, patient;
const surname = () => {
  const w = uniqueWord('v');
  return w[0].toUpperCase() + w.slice(1);
};
const DELHI = { lat: 28.6139, lng: 77.209 };
const NOIDA = { lat: 28.5355, lng: 77.391 };
const PUNE = { lat: 18.5204, lng: 73.8567 };
const place = (name, city, p) => ({ name, address: { line1: '1 Main Road', city, country: 'IN' }, lat: p.lat, lng: p.lng });
const inr = (amount) => ({ fee: { amount, currency: 'INR' } });

before(async () => {
  server = await startServer();
  tag = uniqueWord();
  patient = await newVerifiedUser(server, { name: 'Pat Rater' });
  A = await verifiedDoctor(server, {
    gender: 'female', specialties: ['dermatology'], languages: ['en', 'hi'], conditions: [tag, 'eczema'], slot_minutes: 10,
    consultation_types: { video: inr(50000), clinic: inr(80000) }, locations: [place('Asha Skin Clinic', 'New Delhi', DELHI)],
  }, { name: `Dr Asha ${surname()}` });
  B = await verifiedDoctor(server, {
    gender: 'male', specialties: ['cardiology'], languages: ['en-GB', 'ta'], conditions: [tag, 'hypertension'],
    consultation_types: { video: inr(30000) }, locations: [],
  }, { name: `Dr Bala ${surname()}` });
  C = await verifiedDoctor(server, {
    gender: 'female', specialties: ['pediatrics', 'dermatology'], languages: ['en', 'mr'], conditions: [tag, 'childhood eczema'],
    consultation_types: { clinic: inr(120000) }, locations: [place('Kothrud Child Clinic', 'Pune', PUNE)],
  }, { name: `Dr Chitra ${surname()}` });
  D = await verifiedDoctor(server, {
    gender: 'male', specialties: ['general-medicine'], languages: ['hi'], conditions: [tag, 'fever'],
    consultation_types: { video: inr(20000), clinic: inr(40000) }, locations: [place('Noida Family Clinic', 'Noida', NOIDA)],
  }, { name: `Dr Dev ${surname()}` });
  // Same tag, never listed: one waiting for verification, one rejected.
  pending = await newDoctor(server, { name: 'Dr Pending Dermatologist' });
  await server.api('PUT', '/v1/consultations/doctors/me', { token: pending.token, body: completeProfile({ conditions: [tag] }) });
  await server.api('POST', '/v1/consultations/doctors/me/submit', { token: pending.token });
  rejected = await newDoctor(server, { name: 'Dr Rejected Dermatologist' });
  await server.api('PUT', '/v1/consultations/doctors/me', { token: rejected.token, body: completeProfile({ conditions: [tag] }) });
  await server.api('POST', '/v1/consultations/doctors/me/submit', { token: rejected.token });
  const rj = await server.api('POST', `/v1/admin/providers/${rejected.id}/verify`, {
    token: await adminToken(server), body: { decision: 'reject', reason: 'registration not found' },
  });
  assert.equal(rj.status, 200, rj.text);
  // Rating summaries (kept by the ratings part; set here directly so the sorts and filters have values).
  for (const [doc, count, sum] of [[A, 20, 96], [B, 5, 21], [C, 12, 47]])
    dbQuery(server, `UPDATE doctors SET rating_count = ${count}, rating_sum = ${sum}, rating_avg = ${sum / count} WHERE user_id = ${sqlText(doc.id)}`);
  // A works every day, all day (video), so A has free slots on any date.
  const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00', type: 'video', location_id: null }));
  const s = await server.api('PUT', '/v1/consultations/doctors/me/schedule', { token: A.token, body: { weekly: week } });
  assert.equal(s.status, 200, s.text);
});
after(async () => {
  await server?.stop();
});

async function find(query) {
  const r = await server.api('GET', `/v1/consultations/doctors?${query}`);
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.json;
}
const ids = (res) => res.items.map((i) => i.id);
const same = (res, docs, msg) => assert.deepEqual(new Set(ids(res)), new Set(docs.map((d) => d.id)), msg);
const facet = (list) => Object.fromEntries(list.map((f) => [f.id, f.count]));
function km(a, b) {
  const r = (x) => (x * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

test('only verified doctors are found; each result carries the contract members', async () => {
  const res = await find(`q=${tag}`);
  same(res, [A, B, C, D]);
  assert.equal(res.total, 4);
  assert.equal(res.next_cursor, null);
  for (const gone of [pending, rejected]) assert.ok(!ids(res).includes(gone.id));
  const a = res.items.find((i) => i.id === A.id);
  assert.equal(a.name, A.name);
  assert.equal(a.gender, 'female');
  assert.deepEqual(a.specialties, [{ id: 'dermatology', name: 'Dermatology' }]);
  assert.deepEqual(a.languages, ['en', 'hi']);
  assert.equal(a.experience_years, 14);
  assert.deepEqual(a.conditions, [tag, 'eczema']);
  assert.deepEqual(a.consultation_types, { video: inr(50000), clinic: inr(80000) });
  assert.equal(a.locations.length, 1);
  assert.deepEqual({ ...a.locations[0], id: undefined }, { id: undefined, name: 'Asha Skin Clinic', city: 'New Delhi', ...DELHI });
  assert.deepEqual(a.rating, { average: 4.8, raw_average: 4.8, count: 20, score: 4.5333 });
  assert.equal(a.distance_km, null);
  assert.ok(a.next_available_at && Date.parse(a.next_available_at) > Date.now(), a.next_available_at);
  assert.equal(res.items.find((i) => i.id === D.id).rating.average, null, 'no ratings: no average');
  for (const i of res.items) for (const secret of ['email', 'registration', 'status', 'bio']) assert.equal(i[secret], undefined, secret);
});

test('typo tolerant and prefix as you type, over specialties, aliases, names, clinics, cities and languages', async () => {
  same(await find(`q=${encodeURIComponent(`dermatolgist ${tag}`)}`), [A, C], 'dermatolgist finds dermatologists');
  same(await find(`q=${encodeURIComponent(`derm ${tag}`)}`), [A, C], 'a prefix');
  same(await find(`q=${encodeURIComponent(`skin specialist ${tag}`)}`), [A, C], 'an alias');
  same(await find(`q=${encodeURIComponent(`cardiolgy ${tag}`)}`), [B]);
  same(await find(`q=${encodeURIComponent(`Dr. Dev near me ${tag}`)}`), [D], 'stopwords ignored');
  same(await find(`q=${encodeURIComponent(`pune ${tag}`)}`), [C], 'a city');
  same(await find(`q=${encodeURIComponent(`kothrud ${tag}`)}`), [C], 'a clinic name');
  same(await find(`q=${encodeURIComponent(`tamil ${tag}`)}`), [B], 'a language by name');
  same(await find(`q=${encodeURIComponent(`fevr ${tag}`)}`), [D], 'a condition with a typo');
  const last = A.name.split(' ').pop();
  same(await find(`q=${encodeURIComponent(last.slice(0, 5))}`), [A], 'the start of a name');
  const typo = last.slice(0, 3) + last[4] + last[3] + last.slice(5); // two letters swapped
  same(await find(`q=${encodeURIComponent(typo)}`), [A], `a name with a typo (${typo})`);
  const none = await find(`q=${encodeURIComponent(`plumbing ${tag}`)}`);
  assert.deepEqual(none, { items: [], facets: { specialty: [], language: [] }, total: 0, fees_in: null, next_cursor: null });
});

test('filters: specialty, language (en matches en-GB), gender, type, fee range, minimum rating (both forms)', async () => {
  const q = `q=${tag}`;
  same(await find(`${q}&specialty=dermatology`), [A, C]);
  same(await find(`${q}&specialty=cardiology,general-medicine`), [B, D], 'any of');
  same(await find(`${q}&language=en`), [A, B, C]);
  same(await find(`${q}&language=en-GB`), [B]);
  same(await find(`${q}&language=hi,mr`), [A, C, D]);
  same(await find(`${q}&gender=female`), [A, C]);
  same(await find(`${q}&type=video`), [A, B, D]);
  same(await find(`${q}&type=clinic`), [A, C, D]);
  same(await find(`${q}&fee_min=40000&fee_max=60000&currency=INR`), [A, D], 'on any type');
  same(await find(`${q}&type=video&fee_max=30000&currency=INR`), [B, D], 'on the chosen type');
  same(await find(`${q}&type=clinic&fee_min=100000&currency=INR`), [C]);
  same(await find(`${q}&rating_min=4`), [A, B]);
  same(await find(`${q}&rating>4`), [A, B], "the mission's rating>4");
  same(await find(`${q}&rating>=4.5`), [A]);
  same(await find(`${q}&specialty=dermatology&language=hi&gender=female&type=clinic&rating_min=4.5`), [A]);
  // Without text too (the tag as a filter is not possible, so check membership only).
  const derm = await find('specialty=dermatology&limit=100&fields=id,specialties');
  assert.ok(derm.items.every((i) => i.specialties.some((s) => s.id === 'dermatology')));
  assert.ok(derm.total >= 2);
});

test('specialty + language without text: the same doctors as filtering every cardiologist, in order, in pages', async () => {
  // Every cardiologist, filtered here by language, is what the server must find for cardiology + Tamil.
  const all = [];
  let cursor = null;
  for (let i = 0; i < 20; i++) {
    const res = await find(`specialty=cardiology&limit=100&sort=rating:desc&fields=languages,rating${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...res.items);
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  const want = all.filter((i) => i.languages.some((l) => l === 'ta' || l.startsWith('ta-'))).map((i) => i.id);
  assert.ok(want.includes(B.id));
  const got = [];
  cursor = null;
  for (let i = 0; i < 50; i++) {
    const res = await find(`specialty=cardiology&language=ta&sort=rating:desc&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.total, want.length);
    got.push(...ids(res));
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(got, want);
});

test('facets count the matching doctors, each ignoring its own filter; total counts every filter', async () => {
  let res = await find(`q=${tag}`);
  assert.deepEqual(facet(res.facets.specialty), { dermatology: 2, cardiology: 1, pediatrics: 1, 'general-medicine': 1 });
  assert.deepEqual(facet(res.facets.language), { en: 3, hi: 2, ta: 1, mr: 1 });
  assert.equal(res.facets.specialty.find((f) => f.id === 'dermatology').name, 'Dermatology');
  assert.equal(res.facets.specialty[0].id, 'dermatology', 'most doctors first');
  res = await find(`q=${tag}&specialty=dermatology`);
  assert.equal(res.total, 2);
  assert.deepEqual(facet(res.facets.specialty), { dermatology: 2, cardiology: 1, pediatrics: 1, 'general-medicine': 1 }, 'ignores the specialty filter');
  assert.deepEqual(facet(res.facets.language), { en: 2, hi: 1, mr: 1 }, 'applies the specialty filter');
  res = await find(`q=${tag}&language=hi`);
  assert.equal(res.total, 2);
  assert.deepEqual(facet(res.facets.language), { en: 3, hi: 2, ta: 1, mr: 1 }, 'ignores the language filter');
  assert.deepEqual(facet(res.facets.specialty), { dermatology: 1, 'general-medicine': 1 });
  res = await find(`q=${tag}&gender=male`);
  assert.equal(res.total, 2);
  assert.deepEqual(facet(res.facets.specialty), { cardiology: 1, 'general-medicine': 1 }, 'other filters apply');
});

test('near a place within a radius, sorted by distance, with distance_km', async () => {
  const res = await find(`q=${tag}&near=${DELHI.lat},${DELHI.lng}&radius_km=30&sort=distance`);
  const noida = km(DELHI, NOIDA);
  assert.ok(noida < 30 && noida > 15, `${noida} km`);
  assert.deepEqual(ids(res), [A.id, D.id], 'nearest first; no location or too far: not found');
  assert.equal(res.items[0].distance_km, 0);
  assert.ok(Math.abs(res.items[1].distance_km - noida) < 0.11, `${res.items[1].distance_km} vs ${noida}`);
  same(await find(`q=${tag}&near=${DELHI.lat},${DELHI.lng}&radius_km=10`), [A]);
  same(await find(`q=${tag}&near=${DELHI.lat},${DELHI.lng}`), [A, D], 'default radius 25 km');
  same(await find(`q=${tag}&near=${PUNE.lat},${PUNE.lng}&radius_km=500`), [C]);
  same(await find(`q=${tag}&near=${DELHI.lat},${DELHI.lng}&radius_km=500`), [A, D]);
});

test('available on a date (in the doctor\'s zone) and the next_available sort', async () => {
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(Date.now() + 86400000));
  same(await find(`q=${tag}&available_on=${tomorrow}`), [A]);
  const far = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(Date.now() + 200 * 86400000));
  same(await find(`q=${tag}&available_on=${far}`), [], 'beyond the 28 days kept');
  const res = await find(`q=${tag}&sort=next_available`);
  assert.equal(res.items[0].id, A.id, 'the one with free slots first');
  assert.equal(res.items.length, 4);
});

test('sorts: rating, fee up and down (on the chosen type), relevance by default with text', async () => {
  assert.deepEqual(ids(await find(`q=${tag}&sort=rating:desc`)), [A.id, B.id, C.id, D.id]);
  assert.deepEqual(ids(await find(`q=${tag}&sort=fee:asc&currency=INR`)), [D.id, B.id, A.id, C.id], 'the lower fee of each');
  assert.deepEqual(ids(await find(`q=${tag}&sort=fee:desc&currency=INR`)), [C.id, A.id, D.id, B.id], 'the higher fee of each');
  assert.deepEqual(ids(await find(`q=${tag}&type=clinic&sort=fee:asc&currency=INR`)), [D.id, A.id, C.id]);
  assert.deepEqual(ids(await find(`q=${tag}&type=video&sort=fee:desc&currency=INR`)), [A.id, B.id, D.id]);
  const relevance = await find(`q=${tag}`);
  assert.deepEqual(ids(relevance), ids(await find(`q=${tag}&sort=relevance`)), 'relevance is the default with q');
  // Without text the default is rating:desc, by the Bayesian score (consultations-search-ratings.test.mjs).
  const top = await find('limit=5');
  const scores = top.items.map((i) => i.rating.score ?? 0);
  assert.deepEqual(scores, [...scores].sort((x, y) => y - x));
});

test('cursor pages add up to the whole list for every sort; a cursor only fits its own search', async () => {
  const sorts = ['relevance', 'rating:desc', 'fee:asc', 'fee:desc', 'next_available'];
  for (const sort of sorts) {
    const whole = ids(await find(`q=${tag}&sort=${sort}&currency=INR&limit=100`));
    const paged = [];
    let cursor = null;
    for (let i = 0; i < 10; i++) {
      const res = await find(`q=${tag}&sort=${sort}&currency=INR&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.total, 4, 'total on every page');
      paged.push(...ids(res));
      cursor = res.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(paged, whole, sort);
  }
  const near = `q=${tag}&near=${DELHI.lat},${DELHI.lng}&radius_km=500&sort=distance`;
  const first = await find(`${near}&limit=1`);
  const second = await find(`${near}&limit=1&cursor=${encodeURIComponent(first.next_cursor)}`);
  assert.deepEqual([...ids(first), ...ids(second)], [A.id, D.id]);
  assert.equal(second.next_cursor, null);
  // The cursor of one search does not fit another (other filters or another sort), nor garbage.
  const page = await find(`q=${tag}&limit=1`);
  for (const q of [`q=${tag}&gender=male&limit=1`, `q=${tag}&sort=fee:asc&currency=INR&limit=1`, 'limit=1']) {
    const r = await server.api('GET', `/v1/consultations/doctors?${q}&cursor=${encodeURIComponent(page.next_cursor)}`);
    assertProblem(assert, r, 422, 'validation');
    assert.deepEqual(fieldsOf(r), ['cursor']);
  }
  assertProblem(assert, await server.api('GET', '/v1/consultations/doctors?cursor=bm90IGEgY3Vyc29y'), 422, 'validation');
  // Small pages over every doctor (the first page sorts only its top) follow the same order as one big page.
  for (const sort of ['rating:desc', 'fee:asc', 'next_available']) {
    const whole = ids(await find(`sort=${sort}&currency=INR&limit=30`));
    const paged = [];
    let c = null;
    for (let i = 0; i < 6; i++) {
      const res = await find(`sort=${sort}&currency=INR&limit=5${c ? `&cursor=${encodeURIComponent(c)}` : ''}`);
      paged.push(...ids(res));
      c = res.next_cursor;
    }
    assert.deepEqual(paged, whole, sort);
  }
  // A large page of the demo data has no repeats, and the limit is honoured.
  const big = await find('limit=100');
  assert.equal(big.items.length, 100);
  assert.equal(new Set(ids(big)).size, 100);
  const next = await find(`limit=100&cursor=${encodeURIComponent(big.next_cursor)}`);
  assert.ok(!ids(next).some((id) => ids(big).includes(id)));
});

test('fields= keeps the asked members and the id', async () => {
  const res = await find(`q=${tag}&fields=name,rating&sort=rating:desc`);
  assert.deepEqual(res.items[0], { id: A.id, name: A.name, rating: { average: 4.8, raw_average: 4.8, count: 20, score: 4.5333 } });
  assert.equal(res.total, 4);
  assert.ok(res.facets.specialty.length > 0, 'facets stay');
  const d = await find(`q=${tag}&fields=distance_km&near=${DELHI.lat},${DELHI.lng}&sort=distance`);
  assert.deepEqual(d.items[0], { id: A.id, distance_km: 0 });
});

test('bad parameters: 422 naming each of them', async () => {
  const r = await server.api('GET', '/v1/consultations/doctors?specialty=astrology&language=x&gender=robot&type=phone&fee_min=-5&fee_max=abc' +
    '&rating_min=7&available_on=2026-02-30&near=95,10&sort=price&limit=101&fields=name,email&colour=blue');
  assertProblem(assert, r, 422, 'validation');
  const f = fieldsOf(r);
  for (const want of ['specialty', 'language', 'gender', 'type', 'fee_min', 'fee_max', 'rating_min', 'available_on', 'near', 'sort',
    'limit', 'fields', 'colour'])
    assert.ok(f.includes(want), `${want} in ${JSON.stringify(f)}`);
  for (const [q, field] of [['sort=distance', 'sort'], ['sort=relevance', 'sort'], ['radius_km=10', 'radius_km'],
    ['near=28.6,77.2&radius_km=501', 'radius_km'], ['fee_min=500&fee_max=100&currency=INR', 'fee_max'], [`q=${'x'.repeat(201)}`, 'q']]) {
    const res = await server.api('GET', `/v1/consultations/doctors?${q}`);
    assertProblem(assert, res, 422, 'validation');
    assert.deepEqual(fieldsOf(res), [field], q);
  }
});

test('the public profile: verified doctors only, registration but no private fields, ratings and next slots', async () => {
  const r = await server.api('GET', `/v1/consultations/doctors/${A.id}`);
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  assert.equal(p.id, A.id);
  assert.equal(p.name, A.name);
  assert.equal(p.verified, true);
  assert.deepEqual(p.registration, A.profile.registration);
  assert.deepEqual(p.specialties, [{ id: 'dermatology', name: 'Dermatology' }]);
  assert.equal(p.locations[0].address.city, 'New Delhi');
  assert.deepEqual(p.rating, { average: 4.8, raw_average: 4.8, count: 20, score: 4.5333 });
  for (const hidden of ['email', 'status', 'rejection_reason', 'submitted_at', 'version', 'user_id'])
    assert.equal(p[hidden], undefined, hidden);
  assert.ok(p.next_slots.length > 0 && p.next_slots.length <= 6, JSON.stringify(p.next_slots));
  const slot = p.next_slots[0];
  assert.ok(Date.parse(slot.start) > Date.now() + 5 * 60000, 'not a past slot');
  assert.equal(slot.type, 'video');
  assert.match(slot.local_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(slot.local_start, /^\d{2}:\d{2}$/);
  assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 10 * 60000, 'the doctor\'s slot length');
  for (const id of [pending.id, rejected.id, patient.id, 'usr_00000000000000000000000000', 'nonsense'])
    assertProblem(assert, await server.api('GET', `/v1/consultations/doctors/${id}`), 404, 'not-found');
});

test('a rating after a real consultation shows on the public profile (first name only) and in search', async () => {
  const slots = (await server.api('GET', `/v1/consultations/doctors/${A.id}`)).json.next_slots;
  const start = slots[0].start;
  const book = await server.api('POST', '/v1/consultations/bookings', {
    token: patient.token, headers: { 'idempotency-key': uniqueWord('idem') },
    body: { doctor_id: A.id, start, type: 'video', reason: 'itchy rash for two weeks' },
  });
  assert.equal(book.status, 201, book.text);
  const id = book.json.id;
  const started = await server.api('POST', `/v1/consultations/${id}/start`, { token: A.token });
  assert.equal(started.status, 200, started.text);
  const ended = await server.api('POST', `/v1/consultations/${id}/end`, { token: A.token, body: {} });
  assert.equal(ended.status, 200, ended.text);
  const rated = await server.api('POST', `/v1/consultations/${id}/rating`, {
    token: patient.token, body: { stars: 5, comment: 'Explained everything clearly.' },
  });
  assert.equal(rated.status, 201, rated.text);
  const p = (await server.api('GET', `/v1/consultations/doctors/${A.id}`)).json;
  assert.equal(p.rating.count, 21);
  assert.equal(p.comments.length, 1);
  assert.equal(p.comments[0].stars, 5);
  assert.equal(p.comments[0].comment, 'Explained everything clearly.');
  assert.equal(p.comments[0].first_name, 'Pat');
  assert.ok(!JSON.stringify(p.comments).includes('Rater'), 'no surname');
  assert.ok(!JSON.stringify(p.comments).includes(patient.id), 'no patient id');
  const res = await find(`q=${tag}&fields=rating&sort=rating:desc`);
  assert.deepEqual(res.items[0], { id: A.id, rating: { average: 4.8, raw_average: 4.8095, count: 21, score: 4.5484 } });
});
