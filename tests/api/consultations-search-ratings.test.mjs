// Consultation service, search by rating: the minimum-rating filter compares the average as it is shown (one
// decimal, so "4 ★ and up" keeps a doctor shown as 4.0 whose exact average is 3.95), and "Highest rated" ranks by
// a Bayesian average (search_rating.hpp: 10 imaginary ratings of 4.0), so one 5-star rating does not beat a long
// record of 4.9. Every rating here comes from a real completed consultation rated through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin } from './harness.mjs';
import { setBookingTimes } from './booking-helpers.mjs';
import { MIN, videoDoctor, patient, bookedVisit, startVisit, endVisit } from './visit-helpers.mjs';
import { uniqueWord } from './consultations-helpers.mjs';

let server, tag, LONG, ONE, NEAR4, NONE;

/** Rates the doctor once per entry of `stars`, each after a consultation that really took place. */
async function rateMany(doctor, who, stars) {
  for (const [i, s] of stars.entries()) {
    const booking = await bookedVisit(server, doctor, who);
    // Moved to now (a distinct start per booking), so the doctor may start it; its slot is free again.
    const start = Date.now() - 2 * MIN - i * 1000;
    setBookingTimes(server, booking.id, start, start + 10 * MIN);
    const st = await startVisit(server, doctor, booking.id);
    assert.equal(st.status, 200, st.text);
    const en = await endVisit(server, doctor, booking.id);
    assert.equal(en.status, 200, en.text);
    const r = await server.api('POST', `/v1/consultations/${booking.id}/rating`, { token: who.token, body: { stars: s } });
    assert.equal(r.status, 201, r.text);
  }
}

before(async () => {
  server = await startServer();
  await adminLogin(server);
  tag = uniqueWord();
  const doctor = (label) => videoDoctor(server, { name: `Dr ${label} ${tag[0].toUpperCase()}${tag.slice(1)}` });
  [LONG, ONE, NEAR4, NONE] = [await doctor('Long'), await doctor('Once'), await doctor('Nearly'), await doctor('New')];
  const P = await patient(server, 'Rita Rater');
  await rateMany(LONG, P, [5, 5, 5, 5, 5, 5, 5, 5, 5, 4]); // 4.9 from 10
  await rateMany(ONE, P, [5]); // 5.0 from 1
  await rateMany(NEAR4, P, [...Array(19).fill(4), 3]); // 79 / 20 = 3.95, shown as 4.0
});
after(async () => {
  await server?.stop();
});

async function find(query) {
  const r = await server.api('GET', `/v1/consultations/doctors?q=${tag}&${query}`);
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.json;
}
const ids = (res) => res.items.map((i) => i.id);

test('"Highest rated" ranks a long record of 4.9 above a single 5, and unrated doctors last', async () => {
  const res = await find('sort=rating:desc');
  assert.deepEqual(ids(res), [LONG.id, ONE.id, NEAR4.id, NONE.id]);
  const by = Object.fromEntries(res.items.map((i) => [i.id, i.rating]));
  // score = (10 × 4.0 + sum) / (10 + count)
  assert.deepEqual(by[LONG.id], { average: 4.9, raw_average: 4.9, count: 10, score: 4.45 });
  assert.deepEqual(by[ONE.id], { average: 5, raw_average: 5, count: 1, score: 4.0909 });
  assert.deepEqual(by[NEAR4.id], { average: 4, raw_average: 3.95, count: 20, score: 3.9667 });
  assert.deepEqual(by[NONE.id], { average: null, raw_average: null, count: 0, score: null });
  // The default order without text is the same rule.
  const every = [];
  for (let cursor = null, i = 0; i < 20; i++) {
    const page = await server.api('GET', `/v1/consultations/doctors?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, page.text);
    every.push(...page.json.items);
    cursor = page.json.next_cursor;
    if (!cursor) break;
  }
  const scores = every.map((i) => i.rating.score ?? 0);
  assert.deepEqual(scores, [...scores].sort((x, y) => y - x), 'every doctor by score');
  const mine = every.map((i) => i.id).filter((id) => [LONG.id, ONE.id, NEAR4.id].includes(id));
  assert.deepEqual(mine, [LONG.id, ONE.id, NEAR4.id]);
});

test('rating_min compares the average as shown: 4 ★ and up keeps a doctor shown as 4.0', async () => {
  assert.deepEqual(new Set(ids(await find('rating_min=4'))), new Set([LONG.id, ONE.id, NEAR4.id]));
  assert.deepEqual(new Set(ids(await find('rating>=4'))), new Set([LONG.id, ONE.id, NEAR4.id]), "the mission's form");
  assert.deepEqual(new Set(ids(await find('rating_min=3.96'))), new Set([LONG.id, ONE.id, NEAR4.id]), 'shown 4.0 ≥ 3.96');
  assert.deepEqual(new Set(ids(await find('rating_min=4.01'))), new Set([LONG.id, ONE.id]));
  assert.deepEqual(new Set(ids(await find('rating_min=4.9'))), new Set([LONG.id, ONE.id]));
  assert.deepEqual(ids(await find('rating_min=4.95')), [ONE.id]);
  assert.deepEqual(new Set(ids(await find('rating_min=0'))), new Set([LONG.id, ONE.id, NEAR4.id, NONE.id]), '0 keeps the unrated');
  assert.deepEqual(new Set(ids(await find('rating_min=0.1'))), new Set([LONG.id, ONE.id, NEAR4.id]));
  // Every result shown under a minimum shows at least that minimum.
  for (const min of [1, 3.5, 4, 4.5]) {
    const all = await server.api('GET', `/v1/consultations/doctors?rating_min=${min}&limit=100`);
    for (const i of all.json.items) assert.ok(i.rating.average >= min, `${i.rating.average} under rating_min=${min}`);
  }
});

test('the public profile shows the same rating as the search result', async () => {
  for (const d of [LONG, ONE, NEAR4, NONE]) {
    const p = await server.api('GET', `/v1/consultations/doctors/${d.id}`);
    assert.equal(p.status, 200, p.text);
    const card = (await find('limit=10')).items.find((i) => i.id === d.id);
    assert.deepEqual(p.json.rating, card.rating, d.name);
  }
});
