// User service, the person's rights: the access log (who read what, why), the export (JSON and PDF), erasure
// (DELETE /v1/users/{id} with confirmation), and PHI at rest: the database never holds it in plaintext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  startServer, adminLogin, newVerifiedUser, newSupportUser, passwordLogin, DEMO, assertProblem, sleep,
  databaseText, markersIn, dbQuery, sqlText,
} from './harness.mjs';
import { rid, ifMatch, reason, fieldsOf } from './users-helpers.mjs';

let server, B, doctor, support, admin;
before(async () => {
  server = await startServer();
  await adminLogin(server);
  B = await person('Bina Unrelated');
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
const mark = (what) => `kx${what}${randomBytes(6).toString('hex')}`;
const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });

async function ok(res, status = 200) {
  const r = await res;
  assert.equal(r.status, status, r.text);
  return r;
}

/**
 * Gives `u` a full record: profile with an address, history entries, emergency contacts, a dependent, a link to
 * `partner` (accepted), consents. Every free-text PHI value holds a random marker; returns the markers.
 */
async function seed(u, partner) {
  const m = {
    line1: mark('line1'), line2: mark('line2'), title1: mark('title'), notes1: mark('notes'), title2: mark('title'),
    reaction: mark('reaction'), contactName: mark('contact'), contactNotes: mark('cnotes'), depNotes: mark('depnotes'),
    photo: mark('photo'), code: mark('code'), contactPhone: `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  };
  const p = (await ok(call(u, 'GET', `/v1/users/${u.id}`))).json;
  await ok(call(u, 'PUT', `/v1/users/${u.id}`, {
    headers: ifMatch(p.version),
    body: {
      date_of_birth: '1961-07-19', sex: 'female', blood_group: 'AB-', height_cm: 158, weight_kg: 61.5, preferred_language: 'mr', photo_ref: m.photo,
      address: { line1: m.line1, line2: m.line2, city: 'Nashik', region: 'MH', postal_code: '422001', country: 'IN', lat: 19.99, lng: 73.79 },
    },
  }));
  await ok(call(u, 'POST', `/v1/users/${u.id}/medical-history`, { body: { kind: 'condition', title: m.title1, notes: m.notes1, code: { system: 'other', value: m.code } } }), 201);
  await ok(call(u, 'POST', `/v1/users/${u.id}/medical-history`, { body: { kind: 'allergy', title: m.title2, details: { reaction: m.reaction, severity: 'severe' } } }), 201);
  await ok(call(u, 'POST', `/v1/users/${u.id}/emergency-contacts`, { body: { name: m.contactName, relationship: 'sibling', phone: m.contactPhone, notes: m.contactNotes, priority: 1 } }), 201);
  const dep = await ok(call(u, 'POST', `/v1/users/${u.id}/family-members`, { body: { kind: 'dependent', name: 'Tara Dependent', relationship: 'child', date_of_birth: '2016-09-09', sex: 'female' } }), 201);
  m.depId = dep.json?.member?.id ?? dep.json?.id;
  await ok(call(u, 'POST', `/v1/users/${m.depId}/medical-history`, { body: { kind: 'condition', title: 'Dependent condition', notes: m.depNotes } }), 201);
  if (partner) {
    await ok(call(u, 'POST', `/v1/users/${u.id}/family-members`, { body: { kind: 'linked', email: partner.email, relationship: 'spouse' } }), 202);
    const link = (await ok(call(partner, 'GET', `/v1/users/${partner.id}/family-members`))).json.items.find((i) => i.member?.id === u.id);
    assert.ok(link, 'the partner sees the request');
    await ok(call(partner, 'POST', `/v1/users/${partner.id}/family-members/${link.link_id}/accept`));
  }
  await ok(call(u, 'PUT', `/v1/users/${u.id}/consents`, { body: { purpose: 'research', granted: true, text_version: '2026-01' } }));
  return m;
}
const phiMarkers = (m) => [m.line1, m.line2, m.photo, m.title1, m.notes1, m.code, m.title2, m.reaction, m.contactName, m.contactNotes, m.contactPhone];

async function accessLog(who, id, query = 'limit=100') {
  const r = await call(who, 'GET', `/v1/users/${id}/access-log?${query}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.items), r.text);
  return r.json;
}

test('the access log shows reads by the person, the guardian and support (with the reason), with name and role', async () => {
  const P = await person('Padma Logged');
  const dep = (await ok(call(P, 'POST', `/v1/users/${P.id}/family-members`, { body: { kind: 'dependent', name: 'Dev Dependent', relationship: 'child' } }), 201)).json;
  const depId = dep?.member?.id ?? dep?.id;

  const selfId = rid('self-read');
  await ok(call(P, 'GET', `/v1/users/${P.id}`, { headers: { 'x-request-id': selfId } }));
  const guardianId = rid('guardian-read');
  await ok(call(P, 'GET', `/v1/users/${depId}/medical-history`, { headers: { 'x-request-id': guardianId } }));
  const why = `ticket ${randomBytes(3).toString('hex')}: wrong blood group shown`;
  const supportId = rid('support-read');
  await ok(call(support, 'GET', `/v1/users/${P.id}`, { headers: reason(why, supportId) }));
  const deniedId = rid('denied-read');
  assertProblem(assert, await call(B, 'GET', `/v1/users/${P.id}`, { headers: { 'x-request-id': deniedId } }), 404, 'not-found');
  const writeId = rid('self-write');
  const v = (await ok(call(P, 'GET', `/v1/users/${P.id}`))).json.version;
  await ok(call(P, 'PUT', `/v1/users/${P.id}`, { body: { blood_group: 'A-' }, headers: { ...ifMatch(v), 'x-request-id': writeId } }));

  const log = (await accessLog(P, P.id)).items;
  const self = log.find((i) => i.request_id === selfId);
  assert.ok(self, `the person's own read is logged: ${JSON.stringify(log.slice(0, 4))}`);
  assert.deepEqual(self.actor, { id: P.id, name: 'Padma Logged', role: 'patient' });
  assert.deepEqual([self.action, self.what, self.basis, self.reason], ['read', 'profile', 'self', '']);
  assert.ok(!Number.isNaN(Date.parse(self.at)));
  const sup = log.find((i) => i.request_id === supportId);
  assert.ok(sup, 'the support read is logged');
  assert.deepEqual(sup.actor, { id: support.id, name: 'Sam Support', role: 'support' });
  assert.deepEqual([sup.action, sup.what, sup.basis, sup.reason], ['read', 'profile', 'break_glass', why]);
  const write = log.find((i) => i.request_id === writeId);
  assert.ok(write, 'the person\'s own change is in the log too');
  assert.deepEqual([write.actor.id, write.what, write.basis], [P.id, 'profile', 'self']);
  assert.notEqual(write.action, 'read');
  // The refused attempt is audited (and not as a success).
  const denied = dbQuery(server, `SELECT actor_id, subject_id, outcome FROM audit_log WHERE request_id = ${sqlText(deniedId)}`);
  assert.ok(denied.length >= 1, 'the denied read has an audit record');
  assert.ok(denied.every((d) => d.actor_id === B.id && d.subject_id === P.id && d.outcome !== 'success'), JSON.stringify(denied));
  // Newest first.
  const times = log.map((i) => Date.parse(i.at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.ok(log.findIndex((i) => i.request_id === supportId) < log.findIndex((i) => i.request_id === selfId));

  const depLog = (await accessLog(P, depId)).items;
  const g = depLog.find((i) => i.request_id === guardianId);
  assert.ok(g, 'the guardian read is in the dependent\'s log');
  assert.deepEqual(g.actor, { id: P.id, name: 'Padma Logged', role: 'patient' });
  assert.deepEqual([g.what, g.basis], ['medical_history', 'guardian']);
  assert.ok(!depLog.some((i) => i.request_id === selfId), 'the guardian\'s own read is not in the dependent\'s log');

  // Pages.
  const first = await accessLog(P, 'me', 'limit=2');
  assert.equal(first.items.length, 2);
  assert.ok(first.next_cursor, 'more than two records → a cursor');
  const second = await accessLog(P, P.id, `limit=2&cursor=${encodeURIComponent(first.next_cursor)}`);
  assert.ok(second.items.length >= 1);
  const key = (i) => `${i.request_id}|${i.what}|${i.at}`;
  assert.ok(!second.items.some((i) => first.items.map(key).includes(key(i))), 'pages do not overlap');

  // Who may read it.
  for (const who of [B, doctor]) assertProblem(assert, await call(who, 'GET', `/v1/users/${P.id}/access-log`), 404, 'not-found');
  assertProblem(assert, await call(support, 'GET', `/v1/users/${P.id}/access-log`), 403, 'reason-required');
  const staff = await call(admin, 'GET', `/v1/users/${P.id}/access-log?limit=100`, { headers: reason('audit of support access') });
  assert.equal(staff.status, 200, staff.text);
  assert.ok(staff.json.items.some((i) => i.request_id === supportId));
});

test('the export holds everything: profile, history, family, emergency contacts, consents, access log', async () => {
  const P = await person('Esha Exporter');
  const partner = await person('Partner Exporter');
  const m = await seed(P, partner);
  const r = await call(P, 'GET', `/v1/users/${P.id}/export`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="kiorex-export-${P.id}.json"`);
  const x = r.json;
  for (const k of ['exported_at', 'account', 'profile', 'medical_history', 'family', 'emergency_contacts', 'consents', 'access_log']) {
    assert.ok(k in x, `${k} is in the export`);
  }
  assert.ok(!Number.isNaN(Date.parse(x.exported_at)));
  assert.equal(x.account.email ?? x.profile.email, P.email);
  assert.equal(x.profile.id, P.id);
  assert.equal(x.profile.address.line1, m.line1);
  assert.equal(x.profile.address.line2, m.line2);
  assert.equal(x.profile.date_of_birth, '1961-07-19');
  assert.equal(x.profile.blood_group, 'AB-');
  const titles = x.medical_history.map((e) => e.title).sort();
  assert.deepEqual(titles, [m.title1, m.title2].sort(), 'the person\'s own history, not the dependent\'s');
  assert.equal(x.medical_history.find((e) => e.title === m.title1).notes, m.notes1);
  assert.equal(x.medical_history.find((e) => e.title === m.title2).details.reaction, m.reaction);
  assert.deepEqual(x.emergency_contacts.map((c) => [c.name, c.notes, c.phone]), [[m.contactName, m.contactNotes, m.contactPhone]]);
  assert.equal(x.profile.photo_ref, m.photo);
  assert.ok(x.family.some((f) => f.member?.id === m.depId && f.kind === 'dependent' && f.member.name === 'Tara Dependent'), JSON.stringify(x.family));
  assert.ok(x.family.some((f) => f.member?.id === partner.id && f.kind === 'linked' && f.status === 'active'), JSON.stringify(x.family));
  assert.equal(x.consents.current.research.granted, true);
  assert.ok(x.consents.history.some((h) => h.purpose === 'research' && h.granted === true && h.text_version === '2026-01'));
  assert.ok(Array.isArray(x.access_log) && x.access_log.length > 0);
  assert.deepEqual(markersIn(r.text, phiMarkers(m)), phiMarkers(m), 'every seeded value is in the file');
  assert.ok(!r.text.includes(m.depNotes), 'the dependent\'s history is the dependent\'s, not in the guardian\'s export');

  const me = await call(P, 'GET', '/v1/users/me/export');
  assert.equal(me.status, 200);
  for (const who of [B, doctor]) assertProblem(assert, await call(who, 'GET', `/v1/users/${P.id}/export`), 404, 'not-found');
  assertProblem(assert, await call(support, 'GET', `/v1/users/${P.id}/export`), 403, 'reason-required');
  assert.equal((await call(partner, 'GET', `/v1/users/${P.id}/export`)).status, 403, 'a linked account may not export');

  // The guardian exports the dependent.
  const d = await call(P, 'GET', `/v1/users/${m.depId}/export`);
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.profile.name, 'Tara Dependent');
  assert.ok(d.text.includes(m.depNotes));
});

test('?format=pdf exports a PDF', async () => {
  const P = await person('Pooja Pdf');
  await seed(P);
  const r = await call(P, 'GET', `/v1/users/${P.id}/export?format=pdf`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.match(r.headers.get('content-type') || '', /^application\/pdf/);
  assert.ok(r.text.startsWith('%PDF-'), `starts with %PDF-: ${JSON.stringify(r.text.slice(0, 20))}`);
  assert.match(r.text, /%%EOF\s*$/, 'a complete PDF');
  assert.match(r.headers.get('content-disposition') || '', /kiorex-export-.*\.pdf/);
  assertProblem(assert, await call(B, 'GET', `/v1/users/${P.id}/export?format=pdf`), 404, 'not-found');
  const bad = await call(P, 'GET', `/v1/users/${P.id}/export?format=docx`);
  assert.ok([400, 422].includes(bad.status), `an unknown format is refused: ${bad.status}`);
});

test('the raw database never holds the PHI markers in plaintext (while the API still returns them)', async () => {
  const P = await person('Raw Check');
  const m = await seed(P, B);
  const markers = [...phiMarkers(m), m.depNotes];
  const exported = await call(P, 'GET', `/v1/users/${P.id}/export`);
  assert.equal(exported.status, 200);
  assert.equal(markersIn(exported.text, markers).length, markers.length - 1, 'they are stored (the export has them)');
  await sleep(200);
  const text = databaseText(server, { raw: true });
  assert.ok(text.includes(P.email) && text.includes(B.id), 'the dump holds the database content (control)');
  const found = markersIn(text, markers);
  assert.deepEqual(found, [], 'no PHI marker is stored in plaintext anywhere in the database');
  // The profile's other PHI (date of birth) is not stored in plaintext either.
  assert.ok(!databaseText(server).includes('1961-07-19'), 'the date of birth is encrypted');
});

test('erasure needs {"confirm":"DELETE"} (422 otherwise) and is refused to others; nothing is erased', async () => {
  const P = await person('Not Yet Erased');
  for (const body of [undefined, {}, { confirm: 'delete' }, { confirm: 'yes' }]) {
    const r = await call(P, 'DELETE', `/v1/users/${P.id}`, body === undefined ? {} : { body });
    assertProblem(assert, r, 422, 'validation');
    assert.ok(fieldsOf(r).includes('confirm'), r.text);
  }
  assertProblem(assert, await call(P, 'DELETE', `/v1/users/${P.id}`, { raw: '{"confirm":', headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
  for (const who of [B, doctor]) assertProblem(assert, await call(who, 'DELETE', `/v1/users/${P.id}`, { body: { confirm: 'DELETE' } }), 404, 'not-found');
  assert.equal((await call(support, 'DELETE', `/v1/users/${P.id}`, { body: { confirm: 'DELETE' }, headers: reason('user asked by phone') })).status, 403);
  assertProblem(assert, await call(admin, 'DELETE', `/v1/users/${P.id}`, { body: { confirm: 'DELETE' } }), 403, 'reason-required');
  const still = await call(P, 'GET', `/v1/users/${P.id}`);
  assert.equal(still.status, 200, still.text);
  assert.equal(still.json.name, 'Not Yet Erased');
  assert.equal((await server.api('POST', '/v1/auth/login', { body: { identifier: P.email, password: P.password } })).status, 200);
});

async function statusSettles(fn, want, ms = 4000) {
  let r = await fn();
  for (const deadline = Date.now() + ms; Date.now() < deadline && r.status !== want; await sleep(100)) r = await fn();
  return r;
}

test('erasure: 200 with what was kept; the account is closed, every route is 404, and no PHI is left in the database', async () => {
  const nameMarker = mark('name');
  const P = await person(`Erin ${nameMarker}`);
  const partner = await person('Erin Partner');
  const m = await seed(P, partner);
  assert.equal((await call(partner, 'GET', `/v1/users/${P.id}`)).status, 200, 'the partner could read before');

  const r = await call(P, 'DELETE', '/v1/users/me', { body: { confirm: 'DELETE', erase_dependents: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'erased');
  assert.ok(Array.isArray(r.json.kept) && r.json.kept.length > 0, r.text);
  for (const k of r.json.kept) assert.ok(typeof k.what === 'string' && k.what && typeof k.why === 'string' && k.why, JSON.stringify(k));
  assert.ok(r.json.kept.some((k) => /audit/i.test(k.what)), 'the audit log is kept and said so');

  const mine = await statusSettles(() => call(P, 'GET', '/v1/users/me'), 401);
  assertProblem(assert, mine, 401);
  assertProblem(assert, await call(P, 'GET', '/v1/auth/me'), 401);
  assert.equal((await server.api('POST', '/v1/auth/refresh', { body: { refresh_token: P.tokens.refresh_token } })).status, 401);
  assertProblem(assert, await server.api('POST', '/v1/auth/login', { body: { identifier: P.email, password: P.password } }), 401);

  const why = reason('checking the erasure request 2026-77');
  for (const path of ['', '/medical-history', '/emergency-contacts', '/family-members', '/consents', '/access-log', '/export']) {
    assertProblem(assert, await call(admin, 'GET', `/v1/users/${P.id}${path}`, { headers: why }), 404, 'not-found');
  }
  assertProblem(assert, await call(admin, 'DELETE', `/v1/users/${P.id}`, { body: { confirm: 'DELETE' }, headers: why }), 404, 'not-found');
  assertProblem(assert, await call(partner, 'GET', `/v1/users/${P.id}`), 404, 'not-found');
  assert.ok(!(await call(partner, 'GET', `/v1/users/${partner.id}/family-members`)).json.items.some((i) => i.member?.id === P.id && i.status === 'active'));

  // The database: no PHI marker anywhere, and the account row no longer names or reaches the person.
  await sleep(200);
  const text = databaseText(server);
  assert.ok(text.includes(partner.email), 'the dump holds the database content (control)');
  assert.deepEqual(markersIn(text, phiMarkers(m)), [], 'no seeded PHI is left');
  const sessions = dbQuery(server, `SELECT revoked_at FROM sessions WHERE user_id = ${sqlText(P.id)}`);
  assert.ok(sessions.every((s) => s.revoked_at), 'every session of the person is revoked');
  assert.deepEqual(dbQuery(server, `SELECT id FROM users WHERE lower(email) = ${sqlText(P.email)}`), []);
  assert.deepEqual(dbQuery(server, `SELECT id FROM users WHERE name LIKE ${sqlText(`%${nameMarker}%`)}`), []);
});

test('the admin erases an account with a reason; the person can no longer sign in', async () => {
  const X = await person('Admin Erased');
  await ok(call(X, 'POST', `/v1/users/${X.id}/medical-history`, { body: { kind: 'condition', title: 'Migraine' } }), 201);
  const r = await call(admin, 'DELETE', `/v1/users/${X.id}`, { body: { confirm: 'DELETE' }, headers: reason('court-ordered erasure 4411') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'erased');
  assertProblem(assert, await server.api('POST', '/v1/auth/login', { body: { identifier: X.email, password: X.password } }), 401);
  assertProblem(assert, await statusSettles(() => call(X, 'GET', `/v1/users/${X.id}`), 401), 401);
  assertProblem(assert, await call(admin, 'GET', `/v1/users/${X.id}`, { headers: reason('verify') }), 404, 'not-found');
});
