// Consultation service, search pages: following next_cursor through every page of a broad search gives each
// matching doctor exactly once (no repeat at a page boundary, none missing, as many as `total`), in the order
// of one big page, under every sort — including the decimal keys (Bayesian rating score, distance, relevance)
// and ties (doctors made alike here: same fee, same place, same hours, no ratings). A cursor only fits its own
// search and sort, and an edited cursor is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, assertProblem } from './harness.mjs';
import { doctorWithSlots } from './booking-helpers.mjs';
import { uniqueWord, fieldsOf } from './consultations-helpers.mjs';

let server, tag;
const TWINS = 7;

before(async () => {
  server = await startServer();
  await adminLogin(server);
  tag = uniqueWord();
  const word = `${tag[0].toUpperCase()}${tag.slice(1)}`;
  // Alike in every sort key: fee, location (clinic in New Delhi), hours and (no) ratings.
  for (let i = 0; i < TWINS; i++) await doctorWithSlots(server, { name: `Dr Twin ${word}`, video: 50000, clinic: 50000 });
});
after(async () => {
  await server?.stop();
});

async function get(query) {
  const r = await server.api('GET', `/v1/consultations/doctors?${query}`);
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.json;
}

/** Every page of a search, following next_cursor: the ids in order and the totals each page reported. */
async function walk(query, limit) {
  const ids = [];
  const totals = new Set();
  let cursor = null;
  for (let pages = 0; pages < 500; pages++) {
    const page = await get(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((i) => i.id));
    totals.add(page.total);
    cursor = page.next_cursor;
    if (!cursor) return { ids, totals };
  }
  throw new Error(`${query}: more than 500 pages`);
}

const SORTS = ['rating:desc', 'fee:asc&currency=INR', 'fee:desc&currency=INR', 'next_available'];
const QUERIES = [
  { q: 'specialty=general-medicine', sorts: SORTS },
  { q: 'specialty=dermatology', sorts: SORTS },
  { q: 'x=1', sorts: SORTS, name: 'no filter' },
  { q: 'q=clinic', sorts: ['relevance', ...SORTS] },
  { q: () => `q=${tag}`, sorts: ['relevance', ...SORTS] },
  { q: 'near=28.61,77.21&radius_km=500', sorts: ['distance', ...SORTS] },
];

for (const { q, sorts, name } of QUERIES) {
  test(`every page of "${name ?? (typeof q === 'string' ? q : 'q=<twins>')}" under every sort: each doctor once, as many as the total`, async () => {
    const base = (typeof q === 'string' ? q : q()).replace('x=1', '');
    for (const sort of sorts) {
      const query = `${base}${base ? '&' : ''}sort=${sort}`;
      const whole = await walk(query, 100);
      assert.equal(whole.totals.size, 1, `${query}: one total`);
      const [total] = whole.totals;
      assert.ok(total > 0, query);
      assert.equal(whole.ids.length, total, `${query}: as many as the total`);
      assert.equal(new Set(whole.ids).size, total, `${query}: no repeats`);
      for (const limit of [20, 7, 3]) {
        const paged = await walk(query, limit);
        assert.deepEqual([...paged.totals], [total], `${query} limit=${limit}: the same total on every page`);
        assert.deepEqual(paged.ids, whole.ids, `${query} limit=${limit}: the same doctors in the same order`);
      }
    }
  });
}

test('the issue\'s walk: general medicine, 20 a page, three pages, 44 doctors without a repeat', async () => {
  const all = await walk('specialty=general-medicine', 20);
  assert.equal(all.ids.length, new Set(all.ids).size);
  assert.deepEqual([...all.totals], [all.ids.length]);
});

test('twins (equal keys) keep their order by id across pages', async () => {
  for (const sort of ['rating:desc', 'fee:asc&currency=INR', 'next_available']) {
    const { ids } = await walk(`q=${tag}&sort=${sort}`, 2);
    assert.equal(ids.length, TWINS, sort);
    assert.deepEqual(ids, [...ids].sort(), `${sort}: ties ordered by id`);
  }
});

test('a cursor fits only its own search and sort; an edited one is refused (422, nothing else read)', async () => {
  const page = await get('specialty=general-medicine&sort=rating:desc&limit=5');
  const cursor = page.next_cursor;
  assert.ok(cursor);
  const refused = async (query, c) => {
    const r = await server.api('GET', `/v1/consultations/doctors?${query}&cursor=${encodeURIComponent(c)}`);
    assertProblem(assert, r, 422, 'validation');
    assert.deepEqual(fieldsOf(r), ['cursor'], query);
  };
  for (const other of ['specialty=general-medicine&sort=next_available', 'specialty=dermatology&sort=rating:desc',
    'sort=rating:desc', 'specialty=general-medicine&sort=fee:asc&currency=INR'])
    await refused(`${other}&limit=5`, cursor);
  // Edited: its JSON changed (a key, the id) without the check value, or its text broken.
  const json = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  const edits = [
    { ...json, k: [json.k[0], json.k[1] + 1] },
    { ...json, i: `${json.i.slice(0, -1)}${json.i.endsWith('a') ? 'b' : 'a'}` },
    { ...json, k: [4.5, json.k[1]] },
    { s: json.s, f: json.f, k: json.k, i: json.i },
  ];
  for (const e of edits) await refused('specialty=general-medicine&sort=rating:desc&limit=5', Buffer.from(JSON.stringify(e)).toString('base64url'));
  await refused('specialty=general-medicine&sort=rating:desc&limit=5', `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`);
  await refused('specialty=general-medicine&sort=rating:desc&limit=5', 'not-a-cursor');
  // The untouched cursor still works.
  const next = await get(`specialty=general-medicine&sort=rating:desc&limit=5&cursor=${encodeURIComponent(cursor)}`);
  assert.equal(next.items.length, 5);
});
