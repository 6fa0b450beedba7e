// User service, medical history: /v1/users/{id}/medical-history — every kind, newest-first listing with a kind
// filter and cursor pages, get/put (If-Match)/delete, validation per kind, recorded_by, and who may see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, DEMO, assertProblem, sleep,
} from './harness.mjs';
import { rid, ifMatch, reason, fieldsOf, names } from './users-helpers.mjs';

let server, A, B, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  [A, B] = await Promise.all([person('Priya History'), person('Bina Unrelated')]);
  doctor = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  support = await newSupportUser(server, { name: 'Sam Support' });
  admin = { token: server.adminToken };
  admin.id = (await server.api('GET', '/v1/auth/me', { token: admin.token })).json.id;
});
after(async () => {
  await server?.stop();
});

async function person(name) {
  const u = await newVerifiedUser(server, { name });
  return { ...u, name };
}
const H = (id, rest = '') => `/v1/users/${id}/medical-history${rest}`;

const SAMPLES = {
  condition: { kind: 'condition', title: 'Type 2 diabetes', notes: 'diet controlled', code: { system: 'ICD-10', value: 'E11.9' }, onset_date: '2018-03-01', status: 'active' },
  allergy: { kind: 'allergy', title: 'Penicillin', notes: 'rash within hours', code: { system: 'SNOMED-CT', value: '91936005' }, onset_date: '2015-06-01', details: { reaction: 'rash', severity: 'moderate' } },
  medication: { kind: 'medication', title: 'Metformin', code: { system: 'RxNorm', value: '860975' }, onset_date: '2018-03-02', details: { dose: '500 mg', frequency: 'twice daily', route: 'oral' } },
  surgery: { kind: 'surgery', title: 'Appendectomy', onset_date: '2009-11-20', end_date: '2009-11-22', status: 'resolved', code: { system: 'other', value: 'APPX' } },
  immunization: { kind: 'immunization', title: 'Hepatitis B', onset_date: '2021-01-15', details: { dose_number: 2, lot: 'HB-4471' } },
  family_history: { kind: 'family_history', title: 'Hypertension', notes: 'diagnosed at 50', details: { relative: 'mother' } },
  lifestyle: { kind: 'lifestyle', title: 'Smoking', status: 'inactive', details: { habit: 'smoking', frequency: 'quit in 2019' } },
};

const create = (who, id, body, headers) => server.api('POST', H(id), { token: who.token, body, headers });
async function created(who, id, body) {
  const r = await create(who, id, body);
  assert.equal(r.status, 201, r.text);
  return r.json;
}
async function list(who, id, query = '', headers) {
  const r = await server.api('GET', H(id, query ? `?${query}` : ''), { token: who.token, headers });
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.items), r.text);
  return r.json;
}
async function accessLog(who, id = who.id) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 30; page++) {
    const r = await server.api('GET', `/v1/users/${id}/access-log?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: who.token });
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return items;
}

test('each kind is created with 201; the entry echoes what was sent, recorded_by is the caller, version 1', async () => {
  const u = await person('Every Kind');
  const made = [];
  for (const [kind, body] of Object.entries(SAMPLES)) {
    const e = await created(u, u.id, body);
    assert.match(e.id, /^mhe_/);
    assert.equal(e.kind, kind);
    for (const [k, v] of Object.entries(body)) assert.deepEqual(e[k], v, `${kind}.${k}: ${JSON.stringify(e)}`);
    assert.equal(e.status, body.status ?? 'active', 'status defaults to active');
    assert.deepEqual(e.recorded_by, { id: u.id, role: 'patient' });
    assert.equal(e.version, 1);
    assert.ok(!Number.isNaN(Date.parse(e.created_at)) && !Number.isNaN(Date.parse(e.updated_at)), JSON.stringify(e));
    made.push(e);
  }
  assert.equal(new Set(made.map((e) => e.id)).size, made.length, 'ids are distinct');
  // `me` is the same list; each entry reads back identically with ETag "1".
  const all = await list(u, 'me');
  assert.deepEqual(new Set(all.items.map((e) => e.id)), new Set(made.map((e) => e.id)));
  // The list writes each entry its own (faster) way: the same members and values as the entry itself.
  for (const e of made) assert.deepEqual(all.items.find((i) => i.id === e.id), e);
  for (const e of made) {
    const g = await server.api('GET', H(u.id, `/${e.id}`), { token: u.token });
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json, e);
    assert.equal(g.headers.get('etag'), '"1"');
  }
  assertProblem(assert, await server.api('GET', H(u.id)), 401);
});

test('the list is newest first; kind filters; limit 3 walks 7 entries in 3 pages with next_cursor', async () => {
  const u = await person('Page Turner');
  const ids = [];
  for (let i = 0; i < 7; i++) {
    const body = i % 2 === 0 ? { kind: 'condition', title: `Condition ${i}` } : { kind: 'allergy', title: `Allergy ${i}`, details: { reaction: 'hives', severity: 'mild' } };
    ids.push((await created(u, u.id, body)).id);
    await sleep(5);
  }
  const newestFirst = [...ids].reverse();
  const full = await list(u, u.id);
  assert.deepEqual(full.items.map((e) => e.id), newestFirst);
  assert.equal(full.next_cursor, null);

  const pages = [];
  let cursor = null;
  for (let n = 0; n < 5; n++) {
    const page = await list(u, u.id, `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(page.items.map((e) => e.id));
    cursor = page.next_cursor;
    if (!cursor) break;
    assert.equal(typeof cursor, 'string');
  }
  assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
  assert.deepEqual(pages.flat(), newestFirst, 'pages are disjoint and in order');

  const allergies = await list(u, u.id, 'kind=allergy');
  assert.deepEqual(allergies.items.map((e) => e.id), ids.filter((_, i) => i % 2 === 1).reverse());
  assert.ok(allergies.items.every((e) => e.kind === 'allergy'));
  const conditions = await list(u, u.id, 'kind=condition&limit=2');
  assert.deepEqual(conditions.items.map((e) => e.id), ids.filter((_, i) => i % 2 === 0).reverse().slice(0, 2));
  assert.ok(conditions.next_cursor);
  const rest = await list(u, u.id, `kind=condition&limit=2&cursor=${encodeURIComponent(conditions.next_cursor)}`);
  assert.deepEqual(rest.items.map((e) => e.id), ids.filter((_, i) => i % 2 === 0).reverse().slice(2, 4));
  assert.equal(rest.next_cursor, null);
  assert.deepEqual((await list(u, u.id, 'kind=surgery')).items, []);

  for (const q of ['limit=0', 'limit=101', 'kind=diet']) {
    const r = await server.api('GET', H(u.id, `?${q}`), { token: u.token });
    assertProblem(assert, r, 422, 'validation');
  }
  const nan = await server.api('GET', H(u.id, '?limit=abc'), { token: u.token });
  assert.ok([400, 422].includes(nan.status), `limit=abc is refused: ${nan.status} ${nan.text}`);
  const badCursor = await server.api('GET', H(u.id, '?cursor=not-a-cursor'), { token: u.token });
  assert.ok([400, 422].includes(badCursor.status), `a forged cursor is refused: ${badCursor.status} ${badCursor.text}`);
});

test('without a limit a page holds 50 entries; limit=100 is allowed', async () => {
  const u = await person('Many Entries');
  for (let i = 0; i < 52; i++) await created(u, u.id, { kind: 'lifestyle', title: `Habit ${i}`, details: { habit: 'walking', frequency: 'daily' } });
  const first = await list(u, u.id);
  assert.equal(first.items.length, 50);
  assert.ok(first.next_cursor);
  const second = await list(u, u.id, `cursor=${encodeURIComponent(first.next_cursor)}`);
  assert.equal(second.items.length, 2);
  assert.equal(second.next_cursor, null);
  assert.equal(new Set([...first.items, ...second.items].map((e) => e.id)).size, 52);
  const big = await list(u, u.id, 'limit=100');
  assert.equal(big.items.length, 52);
  assert.equal(big.next_cursor, null);
});

test('PUT needs If-Match (428 without, 412 stale), saves the change and bumps the version', async () => {
  const u = await person('Editor');
  const e = await created(u, u.id, SAMPLES.allergy);
  const change = { ...SAMPLES.allergy, title: 'Amoxicillin', notes: 'hives, resolved', status: 'resolved', end_date: '2020-01-01', details: { reaction: 'hives', severity: 'severe' } };
  assertProblem(assert, await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: change }), 428, 'precondition-required');
  assertProblem(assert, await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: change, headers: ifMatch(2) }), 412, 'precondition-failed');
  const unchanged = await server.api('GET', H(u.id, `/${e.id}`), { token: u.token });
  assert.deepEqual(unchanged.json, e);

  const r = await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: change, headers: ifMatch(1) });
  assert.equal(r.status, 200, r.text);
  for (const [k, v] of Object.entries(change)) assert.deepEqual(r.json[k], v, `${k}: ${r.text}`);
  assert.equal(r.json.id, e.id);
  assert.equal(r.json.version, 2);
  assert.equal(r.headers.get('etag'), '"2"');
  assert.equal(r.json.created_at, e.created_at);
  const g = await server.api('GET', H(u.id, `/${e.id}`), { token: u.token });
  assert.deepEqual(g.json, r.json);
  assert.equal(g.headers.get('etag'), '"2"');
  assertProblem(assert, await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: { ...change, title: 'Old ETag' }, headers: ifMatch(1) }), 412, 'precondition-failed');
  const [r1, r2] = await Promise.all(['Racer One', 'Racer Two'].map((title) =>
    server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: { ...change, title }, headers: ifMatch(2) })));
  assert.deepEqual([r1.status, r2.status].sort(), [200, 412], `concurrent PUTs: ${r1.text} | ${r2.text}`);
  const won = await server.api('GET', H(u.id, `/${e.id}`), { token: u.token });
  assert.equal(won.json.version, 3);
  assert.equal(won.json.title, (r1.status === 200 ? r1 : r2).json.title);
  r.json = won.json;
  change.title = won.json.title;

  const bad = await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, body: { ...change, status: 'cured', title: '' }, headers: ifMatch(3) });
  assertProblem(assert, bad, 422, 'validation');
  assert.ok(names(bad, 'status') && names(bad, 'title'), bad.text);
  const malformed = await server.api('PUT', H(u.id, `/${e.id}`), { token: u.token, raw: '{"title":', headers: { 'content-type': 'application/json', ...ifMatch(3) } });
  assertProblem(assert, malformed, 400, 'bad-request');
  assert.deepEqual((await server.api('GET', H(u.id, `/${e.id}`), { token: u.token })).json, r.json, 'refused PUTs wrote nothing');
});

test('DELETE answers 204; the entry is then 404 and no longer listed', async () => {
  const u = await person('Deleter');
  const keep = await created(u, u.id, SAMPLES.condition);
  const gone = await created(u, u.id, SAMPLES.medication);
  const d = await server.api('DELETE', H(u.id, `/${gone.id}`), { token: u.token });
  assert.equal(d.status, 204, d.text);
  assert.equal(d.text, '');
  assertProblem(assert, await server.api('GET', H(u.id, `/${gone.id}`), { token: u.token }), 404, 'not-found');
  assertProblem(assert, await server.api('PUT', H(u.id, `/${gone.id}`), { token: u.token, body: SAMPLES.medication, headers: ifMatch(1) }), 404, 'not-found');
  assertProblem(assert, await server.api('DELETE', H(u.id, `/${gone.id}`), { token: u.token }), 404, 'not-found');
  assert.deepEqual((await list(u, u.id)).items.map((e) => e.id), [keep.id]);
  assert.deepEqual((await list(u, u.id, 'kind=medication')).items, []);
  assertProblem(assert, await server.api('GET', H(u.id, '/mhe_doesnotexist'), { token: u.token }), 404, 'not-found');
});

test('invalid entries are refused with 422 naming each field (details checked per kind), and nothing is written', async () => {
  const u = await person('Bad Input');
  const all = await create(u, u.id, {
    kind: 'diet', title: '', notes: 'n'.repeat(4001), code: { system: 'LOINC', value: 'v'.repeat(41) },
    onset_date: '2020-13-01', end_date: 'yesterday', status: 'cured', colour: 'red',
  });
  assertProblem(assert, all, 422, 'validation');
  for (const f of ['kind', 'title', 'notes', 'code.system', 'code.value', 'onset_date', 'end_date', 'status', 'colour']) {
    assert.ok(names(all, f), `${f} is listed: ${JSON.stringify(fieldsOf(all))}`);
  }
  const cases = [
    [{ title: 'No kind' }, 'kind'],
    [{ kind: 'condition' }, 'title'],
    [{ kind: 'condition', title: 't'.repeat(201) }, 'title'],
    [{ kind: 'condition', title: 'Dates', onset_date: '2021-02-29' }, 'onset_date'],
    [{ kind: 'condition', title: 'Code', code: { system: 'ICD-10' } }, 'code.value'],
    [{ kind: 'allergy', title: 'Peanut', details: { reaction: 'swelling', severity: 'extreme' } }, 'details.severity'],
    [{ kind: 'allergy', title: 'Peanut', details: 'swelling' }, 'details'],
    [{ kind: 'allergy', title: 'Peanut', details: { reaction: 'r'.repeat(5000), severity: 'mild' } }, 'details'],
    [{ kind: 'allergy', title: 'Peanut', details: { dose: '5 mg' } }, 'details'],
    [{ kind: 'medication', title: 'Aspirin', details: { severity: 'mild' } }, 'details'],
    [{ kind: 'immunization', title: 'Tetanus', details: { relative: 'father' } }, 'details'],
    [{ kind: 'family_history', title: 'Asthma', details: { habit: 'running' } }, 'details'],
    [{ kind: 'lifestyle', title: 'Running', details: { reaction: 'joy' } }, 'details'],
  ];
  for (const [body, field] of cases) {
    const r = await create(u, u.id, body);
    assert.equal(r.status, 422, `${JSON.stringify(body).slice(0, 120)} → ${r.status} ${r.text}`);
    assert.ok(names(r, field), `${JSON.stringify(body).slice(0, 120)} names ${field}: ${r.text}`);
  }
  for (const raw of ['{"kind":"allergy",', '[]']) {
    const r = await server.api('POST', H(u.id), { token: u.token, raw, headers: { 'content-type': 'application/json' } });
    assertProblem(assert, r, 400, 'bad-request');
  }
  assert.deepEqual((await list(u, u.id)).items, [], 'nothing was written');
  // The limits themselves are fine.
  const edge = await created(u, u.id, { kind: 'condition', title: 't'.repeat(200), notes: 'n'.repeat(4000), code: { system: 'other', value: 'v'.repeat(40) } });
  assert.equal(edge.title.length, 200);
  assert.equal(edge.notes.length, 4000);
});

test('another person\'s entries: 404 for an unrelated patient and a doctor without care, on every route and by entry id', async () => {
  const e = await created(A, A.id, SAMPLES.allergy);
  const mine = await created(B, B.id, SAMPLES.condition);
  for (const who of [B, doctor]) {
    assertProblem(assert, await server.api('GET', H(A.id), { token: who.token }), 404, 'not-found');
    assertProblem(assert, await server.api('GET', H(A.id, `/${e.id}`), { token: who.token }), 404, 'not-found');
    assertProblem(assert, await create(who, A.id, { kind: 'condition', title: 'Planted' }), 404, 'not-found');
    assertProblem(assert, await create(who, A.id, { kind: 'nonsense' }), 404, 'not-found');
    assertProblem(assert, await server.api('PUT', H(A.id, `/${e.id}`), { token: who.token, body: { ...SAMPLES.allergy, title: 'Changed' }, headers: ifMatch(1) }), 404, 'not-found');
    assertProblem(assert, await server.api('PUT', H(A.id, `/${e.id}`), { token: who.token, body: { ...SAMPLES.allergy, title: 'Changed' }, headers: ifMatch(9) }), 404, 'not-found');
    assertProblem(assert, await server.api('DELETE', H(A.id, `/${e.id}`), { token: who.token }), 404, 'not-found');
  }
  // A's entry id under B's own path is not B's.
  assertProblem(assert, await server.api('GET', H(B.id, `/${e.id}`), { token: B.token }), 404, 'not-found');
  assertProblem(assert, await server.api('PUT', H(B.id, `/${e.id}`), { token: B.token, body: SAMPLES.allergy, headers: ifMatch(1) }), 404, 'not-found');
  assertProblem(assert, await server.api('DELETE', H(B.id, `/${e.id}`), { token: B.token }), 404, 'not-found');
  assertProblem(assert, await server.api('GET', H(A.id, `/${mine.id}`), { token: A.token }), 404, 'not-found');

  const after = await server.api('GET', H(A.id, `/${e.id}`), { token: A.token });
  assert.equal(after.status, 200);
  assert.deepEqual(after.json, e, 'A\'s entry is untouched');
  assert.ok(!(await list(A, A.id)).items.some((x) => x.title === 'Planted'));
  assert.deepEqual((await list(B, B.id)).items.map((x) => x.id), [mine.id]);
});

test('support and admin: 403 reason-required without a reason; with one they read (audited) but cannot write', async () => {
  const e = await created(A, A.id, SAMPLES.medication);
  const before = await list(A, A.id);
  assertProblem(assert, await server.api('GET', H(A.id), { token: support.token }), 403, 'reason-required');
  assertProblem(assert, await server.api('GET', H(A.id, `/${e.id}`), { token: support.token }), 403, 'reason-required');
  assertProblem(assert, await server.api('GET', H(A.id), { token: admin.token }), 403, 'reason-required');

  const why = `ticket ${randomBytes(3).toString('hex')}: medication list looks wrong`;
  const listId = rid('bg-hist-list');
  const l = await server.api('GET', H(A.id), { token: support.token, headers: reason(why, listId) });
  assert.equal(l.status, 200, l.text);
  assert.deepEqual(l.json.items.map((x) => x.id), before.items.map((x) => x.id));
  const oneId = rid('bg-hist-one');
  const one = await server.api('GET', H(A.id, `/${e.id}`), { token: admin.token, headers: reason('court order 55', oneId) });
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.json, e);

  for (const who of [support, admin]) {
    const h = reason(why);
    assert.equal((await create(who, A.id, { kind: 'condition', title: 'Staff wrote this' }, h)).status, 403);
    assert.equal((await server.api('PUT', H(A.id, `/${e.id}`), { token: who.token, body: { ...SAMPLES.medication, title: 'Staff edit' }, headers: { ...h, ...ifMatch(1) } })).status, 403);
    assert.equal((await server.api('DELETE', H(A.id, `/${e.id}`), { token: who.token, headers: h })).status, 403);
  }
  assert.deepEqual((await list(A, A.id)).items, before.items, 'staff wrote nothing');

  const log = await accessLog(A);
  const s = log.find((i) => i.request_id === listId);
  assert.ok(s, 'the support read is in the access log');
  assert.deepEqual([s.actor.id, s.actor.role, s.actor.name, s.reason, s.what, s.action, s.basis],
    [support.id, 'support', 'Sam Support', why, 'medical_history', 'read', 'break_glass']);
  const a = log.find((i) => i.request_id === oneId);
  assert.ok(a, 'the admin read is in the access log');
  assert.deepEqual([a.actor.id, a.actor.role, a.reason, a.what, a.basis], [admin.id, 'admin', 'court order 55', 'medical_history', 'break_glass']);
});
