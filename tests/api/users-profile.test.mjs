// User service, profile: GET/PUT /v1/users/{id} with ETag/If-Match, field validation, the `me` alias,
// e-mail/phone change by code (POST /contact/verify), and who may read or change someone's profile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, readOutbox, codeIn, unique, DEMO,
  assertProblem, dbQuery, sqlText,
} from './harness.mjs';
import { rid, ifMatch, reason, fieldsOf, names } from './users-helpers.mjs';

let server, A, B, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  [A, B] = await Promise.all([person('Priya Sharma'), person('Bina Unrelated')]);
  doctor = await passwordLogin(server, DEMO.doctor.email, DEMO.doctor.password);
  support = await newSupportUser(server, { name: 'Sam Support' });
  admin = { token: server.adminToken, id: null };
  admin.id = (await server.api('GET', '/v1/auth/me', { token: admin.token })).json.id;
});
after(async () => {
  await server?.stop();
});

async function person(name) {
  const u = await newVerifiedUser(server, { name });
  return { ...u, name };
}
const ADDR = { line1: '1 Station Road', line2: '', city: 'Pune', region: 'MH', postal_code: '411001', country: 'IN', lat: 18.5, lng: 73.8 };
const randomPhone = () => `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const getProfile = (who, id = who.id, headers) => server.api('GET', `/v1/users/${id}`, { token: who.token, headers });
const putProfile = (who, id, body, headers) => server.api('PUT', `/v1/users/${id}`, { token: who.token, body, headers });

async function current(who, id = who.id) {
  const r = await getProfile(who, id);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function accessLog(who, id = who.id) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 30; page++) {
    const q = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await server.api('GET', `/v1/users/${id}/access-log?${q}`, { token: who.token });
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return items;
}

test('GET returns the profile with ETag "<version>"; `me` is the same person', async () => {
  const r = await getProfile(A);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type') || '', /application\/json/);
  const p = r.json;
  assert.equal(p.id, A.id);
  assert.match(p.id, /^usr_/);
  assert.equal(p.name, 'Priya Sharma');
  assert.equal(p.email, A.email);
  assert.equal(p.email_verified, true);
  assert.equal(p.role, 'patient');
  assert.equal(p.is_dependent, false);
  assert.equal(p.pending_email, null);
  assert.equal(p.pending_phone, null);
  assert.equal(Number.isInteger(p.version), true, r.text);
  assert.equal(r.headers.get('etag'), `"${p.version}"`);
  assert.ok(!Number.isNaN(Date.parse(p.updated_at)), `updated_at is a time: ${p.updated_at}`);
  for (const k of ['phone', 'date_of_birth', 'sex', 'preferred_language', 'address', 'blood_group', 'height_cm', 'weight_kg', 'photo_ref']) {
    assert.ok(k in p, `the profile has ${k}: ${r.text}`);
  }

  const me = await server.api('GET', '/v1/users/me', { token: A.token });
  assert.equal(me.status, 200, me.text);
  assert.deepEqual(me.json, p);
  assert.equal(me.headers.get('etag'), r.headers.get('etag'));

  const anon = await server.api('GET', `/v1/users/${A.id}`);
  assertProblem(assert, anon, 401);
  const anonMe = await server.api('GET', '/v1/users/me');
  assertProblem(assert, anonMe, 401);
});

test('PUT with If-Match saves every field, bumps the version and the ETag, and GET shows the same', async () => {
  const u = await person('Round Trip');
  const before = await current(u);
  const body = {
    name: 'Priya Q Sharma', date_of_birth: '1990-04-12', sex: 'female', preferred_language: 'hi-IN',
    address: { line1: '12 MG Road', line2: 'Flat 4B', city: 'Pune', region: 'MH', postal_code: '411001', country: 'IN', lat: 18.52, lng: 73.85 },
    blood_group: 'B+', height_cm: 162, weight_kg: 58.5, photo_ref: 'photos/priya.jpg',
  };
  const r = await putProfile(u, u.id, body, ifMatch(before.version));
  assert.equal(r.status, 200, r.text);
  for (const [k, v] of Object.entries(body)) assert.deepEqual(r.json[k], v, `${k} in ${r.text}`);
  assert.equal(r.json.version, before.version + 1);
  assert.equal(r.headers.get('etag'), `"${before.version + 1}"`);
  assert.equal(r.json.email, u.email, 'fields not sent keep their value');
  assert.ok(Date.parse(r.json.updated_at) >= Date.parse(before.updated_at));

  const again = await getProfile(u);
  assert.deepEqual(again.json, r.json);
  assert.equal(again.headers.get('etag'), `"${before.version + 1}"`);

  // A partial PUT changes only what it names; null clears photo_ref.
  const p2 = await putProfile(u, 'me', { blood_group: 'O-', photo_ref: null }, ifMatch(again.json.version));
  assert.equal(p2.status, 200, p2.text);
  assert.equal(p2.json.blood_group, 'O-');
  assert.equal(p2.json.photo_ref, null);
  assert.deepEqual(p2.json.address, body.address);
  assert.equal(p2.json.name, body.name);
  assert.equal(p2.json.weight_kg, 58.5);
  assert.equal(p2.json.version, before.version + 2);
  assert.deepEqual((await getProfile(u)).json, p2.json);
});

test('PUT without If-Match is 428, with a stale one 412; neither writes anything', async () => {
  const u = await person('Pre Condition');
  const p = await current(u);
  const noHeader = await putProfile(u, u.id, { name: 'Changed Without Header' });
  assertProblem(assert, noHeader, 428, 'precondition-required');
  const stale = await putProfile(u, u.id, { name: 'Changed With Stale' }, ifMatch(p.version + 5));
  assertProblem(assert, stale, 412, 'precondition-failed');

  const ok = await putProfile(u, u.id, { name: 'Changed Once' }, ifMatch(p.version));
  assert.equal(ok.status, 200, ok.text);
  const older = await putProfile(u, u.id, { name: 'Changed With Old ETag' }, ifMatch(p.version));
  assertProblem(assert, older, 412, 'precondition-failed');
  const now = await current(u);
  assert.equal(now.name, 'Changed Once');
  assert.equal(now.version, p.version + 1);
});

test('two concurrent PUTs with the same If-Match: exactly one 200 and one 412, every time', async () => {
  const u = await person('Race Condition');
  for (let round = 0; round < 6; round++) {
    const p = await current(u);
    const [r1, r2] = await Promise.all([
      putProfile(u, u.id, { name: `Racer One ${round}` }, ifMatch(p.version)),
      putProfile(u, u.id, { name: `Racer Two ${round}` }, ifMatch(p.version)),
    ]);
    const statuses = [r1.status, r2.status].sort();
    assert.deepEqual(statuses, [200, 412], `round ${round}: ${r1.status} ${r1.text} | ${r2.status} ${r2.text}`);
    const winner = r1.status === 200 ? r1 : r2;
    const loser = r1.status === 200 ? r2 : r1;
    assertProblem(assert, loser, 412, 'precondition-failed');
    const now = await current(u);
    assert.equal(now.version, p.version + 1, `round ${round}: one write, one version`);
    assert.equal(now.name, winner.json.name, `round ${round}: the stored name is the winner's`);
  }
});

test('every invalid field is refused with one 422 that lists them all, and nothing is written', async () => {
  const u = await person('Valid Ator');
  const p = await current(u);
  const since = Date.now() - 500;
  const bad = {
    name: '', date_of_birth: '2999-01-01', sex: 'other', preferred_language: 'x', blood_group: 'C+',
    height_cm: 29, weight_kg: 501, photo_ref: 'p'.repeat(201), email: 'not-an-email', phone: '12345',
    address: { ...ADDR, lat: 91, lng: -181 }, favourite_colour: 'blue',
  };
  const r = await putProfile(u, u.id, bad, ifMatch(p.version));
  assertProblem(assert, r, 422, 'validation');
  for (const f of ['name', 'date_of_birth', 'sex', 'preferred_language', 'blood_group', 'height_cm', 'weight_kg',
    'photo_ref', 'email', 'phone', 'address.lat', 'address.lng', 'favourite_colour']) {
    assert.ok(names(r, f), `${f} is listed: ${JSON.stringify(fieldsOf(r))}`);
  }
  assert.ok(r.json.errors.every((e) => typeof e.message === 'string' && e.message), r.text);
  const after = await getProfile(u);
  assert.deepEqual(after.json, p, 'the profile is unchanged');
  assert.equal(after.headers.get('etag'), `"${p.version}"`);
  assert.equal(await readOutbox(server, 'not-an-email', { since, timeoutMs: 300 }), null);
});

test('each invalid field alone is refused with 422 naming it; the limits themselves are accepted', async () => {
  const u = await person('Edge Cases');
  const p = await current(u);
  const badCases = [
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ name: 42 }, 'name'],
    [{ date_of_birth: '1899-12-31' }, 'date_of_birth'],
    [{ date_of_birth: '1990-02-30' }, 'date_of_birth'],
    [{ date_of_birth: '12/04/1990' }, 'date_of_birth'],
    [{ date_of_birth: new Date(Date.now() + 3 * 86400e3).toISOString().slice(0, 10) }, 'date_of_birth'],
    [{ sex: 'FEMALE' }, 'sex'],
    [{ preferred_language: 'x'.repeat(36) }, 'preferred_language'],
    [{ blood_group: 'AB' }, 'blood_group'],
    [{ height_cm: 273 }, 'height_cm'],
    [{ height_cm: 'tall' }, 'height_cm'],
    [{ weight_kg: 0.5 }, 'weight_kg'],
    [{ weight_kg: '58' }, 'weight_kg'],
    [{ photo_ref: 42 }, 'photo_ref'],
    [{ address: { ...ADDR, lat: -90.5, lng: 0 } }, 'address.lat'],
    [{ address: { ...ADDR, lat: 0, lng: 180.5 } }, 'address.lng'],
    [{ address: 'Pune' }, 'address'],
    [{ email: 'a@' }, 'email'],
    [{ phone: '+12' }, 'phone'],
    [{ role: 'admin' }, 'role'],
    [{ email_verified: false }, 'email_verified'],
  ];
  for (const [body, field] of badCases) {
    const r = await putProfile(u, u.id, body, ifMatch(p.version));
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.ok(names(r, field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  const still = await current(u);
  assert.equal(still.version, p.version, 'no refused PUT wrote anything');
  assert.equal(still.role, 'patient');
  assert.equal(still.email_verified, true);

  const yesterday = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 10);
  const goodCases = [
    { name: 'x'.repeat(120) }, { name: 'Q' }, { date_of_birth: '1901-01-01' }, { date_of_birth: yesterday },
    { height_cm: 30 }, { height_cm: 272 }, { weight_kg: 1 }, { weight_kg: 500 }, { weight_kg: 72.25 },
    { preferred_language: 'en' }, { preferred_language: 'zh-Hant-TW' }, { photo_ref: 'p'.repeat(200) }, { photo_ref: null },
    { sex: 'intersex' }, { sex: 'unknown' }, { blood_group: 'AB-' },
    { address: { ...ADDR, line1: 'North Pole Station', lat: 90, lng: -180 } },
  ];
  let version = p.version;
  for (const body of goodCases) {
    const r = await putProfile(u, u.id, body, ifMatch(version));
    assert.equal(r.status, 200, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
    for (const [k, v] of Object.entries(body)) {
      if (k === 'address') for (const [ak, av] of Object.entries(v)) assert.deepEqual(r.json.address[ak], av, `address.${ak}`);
      else assert.deepEqual(r.json[k], v, `${k} in ${r.text}`);
    }
    version = r.json.version;
  }
  assert.equal(version, p.version + goodCases.length);
});

test('malformed JSON is a 400 problem and writes nothing', async () => {
  const u = await person('Broken Json');
  const p = await current(u);
  for (const raw of ['{"name":"Half', '["name"]', 'null']) {
    const r = await server.api('PUT', `/v1/users/${u.id}`, {
      token: u.token, raw, headers: { 'content-type': 'application/json', ...ifMatch(p.version) },
    });
    assertProblem(assert, r, 400, 'bad-request');
  }
  assert.deepEqual(await current(u), p);
});

test('an e-mail change waits for the code sent to the new address; then the new e-mail signs in', async () => {
  const u = await person('Email Changer');
  const p = await current(u);
  const newEmail = unique('moved');
  const since = Date.now() - 1000;
  const r = await putProfile(u, 'me', { email: newEmail }, ifMatch(p.version));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.email, u.email, 'the e-mail does not change yet');
  assert.equal(r.json.pending_email, newEmail);
  assert.equal(r.json.email_verified, true);
  assert.equal((await current(u)).pending_email, newEmail);

  const msg = await readOutbox(server, newEmail, { since });
  assert.ok(msg, 'a code was sent to the new address');
  const code = codeIn(msg);
  assert.match(code ?? '', /^\d{6}$/);
  // Not yet: the new address does not sign in, the old one does.
  assertProblem(assert, await server.api('POST', '/v1/auth/login', { body: { identifier: newEmail, password: u.password } }), 401);

  const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
  const bad = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'email', code: wrong } });
  assertProblem(assert, bad, 401, 'invalid-otp');
  const mid = await current(u);
  assert.equal(mid.email, u.email);
  assert.equal(mid.pending_email, newEmail);

  const ok = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'email', code } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.id, u.id);
  assert.equal(ok.json.email, newEmail);
  assert.equal(ok.json.email_verified, true);
  assert.equal(ok.json.pending_email, null);
  assert.deepEqual((await current(u)).email, newEmail);

  const l = await server.api('POST', '/v1/auth/login', { body: { identifier: newEmail, password: u.password } });
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.user.id, u.id);
  assertProblem(assert, await server.api('POST', '/v1/auth/login', { body: { identifier: u.email, password: u.password } }), 401);
  // The code was single-use.
  const reuse = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'email', code } });
  assert.ok(reuse.status >= 400 && reuse.status < 500, `${reuse.status} ${reuse.text}`);
  assert.equal((await current(u)).email, newEmail);
});

test('a phone change is confirmed by the SMS code; the phone is then verified and signs in', async () => {
  const u = await person('Phone Changer');
  const p = await current(u);
  const phone = randomPhone();
  const since = Date.now() - 1000;
  const r = await putProfile(u, u.id, { phone }, ifMatch(p.version));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.pending_phone, phone);
  assert.equal(r.json.phone, p.phone);
  const sms = await readOutbox(server, phone, { since });
  assert.ok(sms, 'an SMS was sent to the new number');
  assert.equal(sms.channel, 'sms');
  const ok = await server.api('POST', `/v1/users/me/contact/verify`, { token: u.token, body: { channel: 'phone', code: codeIn(sms) } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.phone, phone);
  assert.equal(ok.json.phone_verified, true);
  assert.equal(ok.json.pending_phone, null);
  const l = await server.api('POST', '/v1/auth/login', { body: { identifier: phone, password: u.password } });
  assert.equal(l.status, 200, l.text);
  assert.equal(l.json.user.id, u.id);
});

test('contact/verify: 409 when the new address was taken meanwhile; bad input 422; others 404', async () => {
  const u = await person('Slow Verifier');
  const p = await current(u);
  const target = unique('taken');
  let since = Date.now() - 1000;
  assert.equal((await putProfile(u, u.id, { email: target }, ifMatch(p.version))).status, 200);
  const msg = await readOutbox(server, target, { since });
  const code = codeIn(msg);
  assert.ok(code);

  // Someone else registers and verifies that address first.
  since = Date.now();
  const password = `Str0ng-${randomBytes(6).toString('hex')}`;
  assert.equal((await server.api('POST', '/v1/auth/register', { body: { name: 'Quick Owner', email: target, password } })).status, 202);
  const reg = await readOutbox(server, target, { since });
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: target, code: codeIn(reg), purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);

  const bad = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'fax', code } });
  assertProblem(assert, bad, 422, 'validation');
  assert.ok(names(bad, 'channel'), bad.text);
  const noCode = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'email' } });
  assertProblem(assert, noCode, 422, 'validation');
  assert.ok(names(noCode, 'code'), noCode.text);
  const other = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: B.token, body: { channel: 'email', code } });
  assertProblem(assert, other, 404, 'not-found');

  const r = await server.api('POST', `/v1/users/${u.id}/contact/verify`, { token: u.token, body: { channel: 'email', code } });
  assertProblem(assert, r, 409, 'conflict');
  const now = await current(u);
  assert.equal(now.email, u.email, 'the e-mail stays the old one');
  assert.equal(dbQuery(server, `SELECT id FROM users WHERE lower(email) = ${sqlText(target)}`).length, 1);
  assert.equal((await server.api('POST', '/v1/auth/login', { body: { identifier: target, password } })).json.user.id, v.json.user.id);
});

test('an unrelated patient and a doctor without a care relationship get 404 for every profile call, like a missing id', async () => {
  const p = await current(A);
  const missing = await getProfile(B, 'usr_doesnotexist0000');
  assertProblem(assert, missing, 404, 'not-found');
  for (const who of [B, doctor]) {
    const r = await getProfile(who, A.id);
    assertProblem(assert, r, 404, 'not-found');
    assert.equal(r.json.title, missing.json.title);
    assert.ok(!r.text.includes(A.email) && !r.text.includes(A.name), 'nothing about A is revealed');
    // Whatever the precondition or the body: 404 (a 412/428/422 would reveal the account).
    assertProblem(assert, await putProfile(who, A.id, { name: 'Hijacked' }, ifMatch(p.version)), 404, 'not-found');
    assertProblem(assert, await putProfile(who, A.id, { name: 'Hijacked' }, ifMatch(p.version + 7)), 404, 'not-found');
    assertProblem(assert, await putProfile(who, A.id, { name: 'Hijacked' }), 404, 'not-found');
    assertProblem(assert, await putProfile(who, A.id, { height_cm: 9999 }, ifMatch(p.version)), 404, 'not-found');
    assertProblem(assert, await server.api('POST', `/v1/users/${A.id}/contact/verify`, { token: who.token, body: { channel: 'email', code: '123456' } }), 404, 'not-found');
    // A reason header does not open anything for them.
    assertProblem(assert, await getProfile(who, A.id, reason('curious')), 404, 'not-found');
  }
  assert.deepEqual(await current(A), p, 'nothing changed');
});

test('support needs X-Access-Reason (403 reason-required); with it reads (audited with the reason) but cannot write', async () => {
  const p = await current(A);
  const noReason = await getProfile(support, A.id);
  assertProblem(assert, noReason, 403, 'reason-required');
  assert.ok(!noReason.text.includes(A.email));
  for (const blank of ['', '   ']) {
    assertProblem(assert, await getProfile(support, A.id, { 'x-access-reason': blank }), 403, 'reason-required');
  }

  const why = `ticket ${randomBytes(3).toString('hex')}: patient cannot see their address`;
  const requestId = rid('bg-support');
  const r = await getProfile(support, A.id, reason(why, requestId));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, A.id);
  assert.deepEqual(r.json, p);

  const w = await putProfile(support, A.id, { name: 'Support Edit' }, { ...ifMatch(p.version), ...reason(why) });
  assert.equal(w.status, 403, w.text);
  const w2 = await putProfile(support, A.id, { name: 'Support Edit' }, ifMatch(p.version));
  assert.equal(w2.status, 403, w2.text);
  assert.deepEqual(await current(A), p, 'support wrote nothing');

  const log = await accessLog(A);
  const hit = log.find((i) => i.request_id === requestId);
  assert.ok(hit, `the break-glass read is in A's access log: ${JSON.stringify(log.slice(0, 5))}`);
  assert.equal(hit.actor.id, support.id);
  assert.equal(hit.actor.role, 'support');
  assert.equal(hit.actor.name, 'Sam Support');
  assert.equal(hit.reason, why);
  assert.equal(hit.what, 'profile');
  assert.equal(hit.action, 'read');
  assert.equal(hit.basis, 'break_glass');
});

test('the admin reads with a reason (audited), is refused without one, and cannot edit the profile', async () => {
  const p = await current(A);
  assertProblem(assert, await getProfile(admin, A.id), 403, 'reason-required');
  const why = 'legal request 2026-117';
  const requestId = rid('bg-admin');
  const r = await getProfile(admin, A.id, reason(why, requestId));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, p);
  const w = await putProfile(admin, A.id, { name: 'Admin Edit' }, { ...ifMatch(p.version), ...reason(why) });
  assert.equal(w.status, 403, w.text);
  assert.deepEqual(await current(A), p);
  const hit = (await accessLog(A)).find((i) => i.request_id === requestId);
  assert.ok(hit, 'the admin read is in the access log');
  assert.equal(hit.actor.id, admin.id);
  assert.equal(hit.actor.role, 'admin');
  assert.equal(hit.actor.name, 'Asha Admin');
  assert.equal(hit.reason, why);
  assert.equal(hit.basis, 'break_glass');
});
