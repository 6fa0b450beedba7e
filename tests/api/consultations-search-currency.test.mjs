// Consultation service, search by fee: fees compare only within one currency. A fee filter (fee_min, fee_max)
// or a fee sort needs `currency` (422 without it); it then keeps only the doctors charging in that currency
// and the answer says so (fees_in: the currency and how many doctors charging in others were left out). A
// search that compares no fees is not narrowed by a currency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, assertProblem } from './harness.mjs';
import { newVerifiedDoctor } from './booking-helpers.mjs';
import { uniqueWord, fieldsOf } from './consultations-helpers.mjs';

let server, tag, RUPEES400, RUPEES900, POUNDS40, DOLLARS180;

before(async () => {
  server = await startServer();
  await adminLogin(server);
  tag = uniqueWord();
  const word = `${tag[0].toUpperCase()}${tag.slice(1)}`;
  const doctor = (label, video, currency) => newVerifiedDoctor(server, { name: `Dr ${label} ${word}`, video, currency });
  RUPEES400 = await doctor('Rupa', 40000, 'INR');
  RUPEES900 = await doctor('Ravi', 90000, 'INR');
  POUNDS40 = await doctor('Paula', 4000, 'GBP');
  DOLLARS180 = await doctor('Dana', 18000, 'USD');
});
after(async () => {
  await server?.stop();
});

const search = (query) => server.api('GET', `/v1/consultations/doctors?q=${tag}&${query}`);
async function find(query) {
  const r = await search(query);
  assert.equal(r.status, 200, `${query}: ${r.text}`);
  return r.json;
}
const ids = (res) => res.items.map((i) => i.id);
const set = (res) => new Set(ids(res));

test('"fee up to 400" in INR returns only doctors charging in INR, and says how many in other currencies were left out', async () => {
  const res = await find('fee_max=40000&currency=INR');
  assert.deepEqual(ids(res), [RUPEES400.id], 'not the £40 nor the $180 doctor');
  assert.equal(res.total, 1);
  assert.deepEqual(res.fees_in, { currency: 'INR', doctors_in_other_currencies: 2 });
  for (const i of res.items) assert.equal(i.consultation_types.video.fee.currency, 'INR');
  assert.deepEqual(ids(await find('fee_max=5000&currency=GBP')), [POUNDS40.id]);
  assert.deepEqual(ids(await find('fee_min=10000&currency=USD')), [DOLLARS180.id]);
  assert.deepEqual(set(await find('fee_min=1&fee_max=100000&currency=INR')), new Set([RUPEES400.id, RUPEES900.id]));
  const none = await find('fee_max=100&currency=EUR');
  assert.deepEqual(none.items, []);
  assert.deepEqual(none.fees_in, { currency: 'EUR', doctors_in_other_currencies: 4 });
});

test('fee sorts order within the named currency only', async () => {
  assert.deepEqual(ids(await find('sort=fee:asc&currency=INR')), [RUPEES400.id, RUPEES900.id]);
  assert.deepEqual(ids(await find('sort=fee:desc&currency=INR')), [RUPEES900.id, RUPEES400.id]);
  const gbp = await find('sort=fee:asc&currency=GBP');
  assert.deepEqual(ids(gbp), [POUNDS40.id]);
  assert.deepEqual(gbp.fees_in, { currency: 'GBP', doctors_in_other_currencies: 3 });
});

test('comparing fees without a currency is a 422 naming currency; a bad currency too', async () => {
  for (const q of ['fee_max=40000', 'fee_min=100', 'sort=fee:asc', 'sort=fee:desc&type=video']) {
    const r = await search(q);
    assertProblem(assert, r, 422, 'validation');
    assert.deepEqual(fieldsOf(r), ['currency'], q);
  }
  for (const q of ['fee_max=40000&currency=inr', 'fee_max=40000&currency=RUPEES', 'currency=XXX', 'currency=']) {
    const r = await search(q);
    assertProblem(assert, r, 422, 'validation');
    assert.deepEqual(fieldsOf(r), ['currency'], q);
  }
});

test('a search that compares no fees lists every currency (a currency alone narrows nothing)', async () => {
  const all = new Set([RUPEES400.id, RUPEES900.id, POUNDS40.id, DOLLARS180.id]);
  for (const q of ['', 'currency=INR', 'currency=GBP&sort=rating:desc']) {
    const res = await find(q);
    assert.deepEqual(set(res), all, q);
    assert.equal(res.fees_in, null, q);
  }
});

test('a cursor of fees in one currency does not fit fees in another', async () => {
  const first = await find('sort=fee:asc&currency=INR&limit=1');
  assert.ok(first.next_cursor);
  const r = await search(`sort=fee:asc&currency=GBP&limit=1&cursor=${encodeURIComponent(first.next_cursor)}`);
  assertProblem(assert, r, 422, 'validation');
  assert.deepEqual(fieldsOf(r), ['cursor']);
  const next = await find(`sort=fee:asc&currency=INR&limit=1&cursor=${encodeURIComponent(first.next_cursor)}`);
  assert.deepEqual(ids(next), [RUPEES900.id]);
});
