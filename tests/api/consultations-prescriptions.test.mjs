// Consultation service, prescriptions: POST /v1/consultations/{id}/prescription (the consulting doctor, while in
// progress or within 24 h after the end, once), GET /v1/prescriptions/{id} and /pdf, GET …/{id}/prescription, and
// the public GET /v1/prescriptions/{id}/verify — the Ed25519 signature over the canonical form (checked here
// independently against the JWKS), the sealed PDF in the file store, and tampering that makes it invalid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, adminLogin, assertProblem, dbQuery, sqlText, databaseText, markersIn } from './harness.mjs';
import { rid, names } from './users-helpers.mjs';
import {
  videoDoctor, patient, bookedVisit, startedVisit, startVisit, endVisit, endedAgo, events, auditRecords,
} from './visit-helpers.mjs';

const PUBLIC_URL = 'https://care.kiorex.test';
let server;
before(async () => {
  server = await startServer({ env: { KIOREX_PUBLIC_URL: PUBLIC_URL } });
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const call = (who, method, path, opts = {}) => server.api(method, path, { token: who.token, ...opts });
const issue = (who, bookingId, body) => call(who, 'POST', `/v1/consultations/${bookingId}/prescription`, { body });
const rxRows = (bookingId) => dbQuery(server, `SELECT * FROM prescriptions WHERE booking_id = ${sqlText(bookingId)}`);
const verifyRx = async (path) => {
  const r = await server.api('GET', path);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

function body(marker) {
  return {
    items: [
      { medicine: `Cetirizine ${marker}`, strength: '10 mg', form: 'tablet', dose: '1 tablet', frequency: 'once daily at night', duration: '5 days', route: 'oral', instructions: 'may cause drowsiness' },
      { medicine: 'Hydrocortisone cream', strength: '1%', dose: 'thin layer', frequency: 'twice daily', duration: '7 days' },
    ],
    advice: `Avoid the new soap.\nWear cotton. "Keep cool" ${marker}`,
    follow_up: 'in 2 weeks',
  };
}

/** JSON with sorted keys and no whitespace, as the server signs it. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

async function issued(doctor, P, options) {
  const { booking } = await startedVisit(server, doctor, P, options);
  const marker = rid('rx');
  const r = await issue(doctor, booking.id, body(marker));
  assert.equal(r.status, 201, r.text);
  return { booking, rx: r.json, marker, location: r.headers.get('location') };
}

test('the doctor issues a signed prescription; both sides read it; anyone with the code can verify it', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server, 'Priya Sharma');
  const { booking, rx, marker, location } = await issued(doctor, P);

  assert.match(rx.id, /^rx_/);
  assert.equal(location, `/v1/prescriptions/${rx.id}`);
  assert.equal(rx.booking_id, booking.id);
  assert.deepEqual(rx.doctor, { id: doctor.id, name: doctor.name, registration: doctor.profile.registration });
  assert.deepEqual(rx.patient, { id: P.id, name: 'Priya Sharma' });
  assert.ok(Math.abs(Date.parse(rx.issued_at) - Date.now()) < 10000);
  const sent = body(marker);
  assert.equal(rx.items.length, 2);
  assert.deepEqual(rx.items[0], sent.items[0]);
  assert.deepEqual(rx.items[1], { ...sent.items[1], form: null, route: null, instructions: null });
  assert.equal(rx.advice, sent.advice);
  assert.equal(rx.follow_up, 'in 2 weeks');
  assert.equal(rx.pdf_url, `/v1/prescriptions/${rx.id}/pdf`);
  assert.match(rx.verify_url, new RegExp(`^/v1/prescriptions/${rx.id}/verify\\?code=[A-Za-z0-9_-]{20,}$`));
  assert.equal(events(server, 'prescription.issued', rx.id).length, 1);
  assert.deepEqual(Object.keys(events(server, 'prescription.issued', rx.id)[0].payload).sort(),
    ['booking_id', 'doctor_id', 'issued_at', 'patient_id', 'prescription_id']);

  // Both sides read the same prescription (the code is not shown again: only its hash is stored).
  const { verify_url: _v, ...shown } = rx;
  for (const who of [P, doctor]) {
    const g = await call(who, 'GET', `/v1/prescriptions/${rx.id}`);
    assert.equal(g.status, 200, g.text);
    assert.deepEqual({ ...g.json, verify_url: undefined }, { ...shown, verify_url: undefined });
    assert.equal(g.json.verify_url, null);
    const byVisit = await call(who, 'GET', `/v1/consultations/${booking.id}/prescription`);
    assert.equal(byVisit.status, 200, byVisit.text);
    assert.equal(byVisit.json.id, rx.id);
  }
  assert.ok(auditRecords(server, 'consultations.prescription.read', P.id).length >= 4);
  assert.equal(auditRecords(server, 'consultations.prescription.create', P.id).length, 1);

  // What is stored: sealed canonical form, the hash of the code, a signature that verifies against the JWKS.
  const [row] = rxRows(booking.id);
  assert.ok(row.canonical_sealed.startsWith('dk1.'));
  const code = new URL(rx.verify_url, PUBLIC_URL).searchParams.get('code');
  assert.ok(!JSON.stringify(row).includes(code), 'the code itself is not stored');
  assert.deepEqual(markersIn(databaseText(server), [marker, 'Wear cotton']), []);
  const jwks = await server.api('GET', '/.well-known/jwks.json');
  const jwk = jwks.json.keys.find((k) => k.kid === row.kid);
  assert.ok(jwk, 'the signing key is published');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const signed = canonical({
    id: rx.id, doctor: { id: rx.doctor.id, registration: rx.doctor.registration }, patient: { id: rx.patient.id },
    issued_at: rx.issued_at, items: rx.items, advice: rx.advice, follow_up: rx.follow_up,
  });
  const sig = Buffer.from(row.signature, 'base64url');
  assert.ok(edVerify(null, Buffer.from(`kiorex.prescription.v1\n${signed}`), key, sig), 'the signature verifies independently');
  assert.ok(!edVerify(null, Buffer.from(`kiorex.prescription.v1\n${signed.replace('5 days', '50 days')}`), key, sig));

  // Verification reveals the doctor and the date, nothing about the patient or the medicines.
  const v = await verifyRx(rx.verify_url);
  assert.deepEqual(v, { valid: true, prescription_id: rx.id, doctor: { name: doctor.name, registration: doctor.profile.registration }, issued_at: rx.issued_at });
  assert.equal(auditRecords(server, 'consultations.prescription.verify', P.id).at(-1).outcome, 'success');
  for (const bad of [`/v1/prescriptions/${rx.id}/verify?code=${code}x`, `/v1/prescriptions/${rx.id}/verify?code=`,
    `/v1/prescriptions/${rx.id}/verify`, `/v1/prescriptions/rx_00000000000000000000000000/verify?code=${code}`,
    `/v1/prescriptions/nonsense/verify?code=${code}`])
    assert.deepEqual(await verifyRx(bad), { valid: false }, bad);
});

test('the PDF is served to the parties and stored sealed in the file store', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const { rx, marker } = await issued(doctor, P);
  for (const who of [P, doctor]) {
    const res = await fetch(`${server.base}${rx.pdf_url}`, { headers: { authorization: `Bearer ${who.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="prescription-rx_/);
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.subarray(-8).toString('latin1').includes('%%EOF'));
    assert.ok(pdf.length > 2000);
  }
  assert.ok(auditRecords(server, 'consultations.prescription.pdf_read', P.id).length >= 2);
  const file = join(server.dataDir, 'files', 'prescriptions', `${rx.id}.pdf.sealed`);
  assert.ok(existsSync(file), file);
  const raw = readFileSync(file);
  assert.notEqual(raw.subarray(0, 4).toString('latin1'), '%PDF');
  assert.ok(raw.toString('latin1').startsWith('dk1.'));
  assert.ok(!raw.toString('latin1').includes(marker));
  assertProblem(assert, await call(stranger, 'GET', rx.pdf_url), 404, 'not-found');
});

test('bad prescriptions are refused with 422 naming the fields, and nothing is written', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);
  const item = { medicine: 'Cetirizine', dose: '1 tablet', frequency: 'once daily', duration: '5 days' };
  const cases = [
    [{}, 'items'],
    [{ items: [] }, 'items'],
    [{ items: 'Cetirizine' }, 'items'],
    [{ items: Array.from({ length: 21 }, () => item) }, 'items'],
    [{ items: [{ ...item, medicine: undefined }] }, 'items.0.medicine'],
    [{ items: [item, { ...item, dose: '   ' }] }, 'items.1.dose'],
    [{ items: [{ ...item, frequency: 3 }] }, 'items.0.frequency'],
    [{ items: [{ ...item, duration: null }] }, 'items.0.duration'],
    [{ items: [{ ...item, colour: 'red' }] }, 'items.0.colour'],
    [{ items: ['x'] }, 'items.0'],
    [{ items: [{ ...item, instructions: 'x'.repeat(1001) }] }, 'items.0.instructions'],
    [{ items: [item], advice: 'x'.repeat(4001) }, 'advice'],
    [{ items: [item], follow_up: 7 }, 'follow_up'],
    [{ items: [item], signature: 'forged' }, 'signature'],
  ];
  for (const [b, field] of cases) {
    const r = await issue(doctor, booking.id, b);
    assertProblem(assert, r, 422, 'validation');
    assert.ok(names(r, field), `${field} named in ${r.text}`);
  }
  assertProblem(assert, await call(doctor, 'POST', `/v1/consultations/${booking.id}/prescription`, { raw: 'nope', headers: { 'content-type': 'application/json' } }), 400);
  assert.deepEqual(rxRows(booking.id), []);
  assert.equal(dbQuery(server, `SELECT count(*) AS n FROM outbox_events WHERE type = 'prescription.issued' AND payload LIKE ${sqlText(`%${booking.id}%`)}`)[0].n, 0);
  // Twenty items are fine.
  const ok = await issue(doctor, booking.id, { items: Array.from({ length: 20 }, (_, i) => ({ ...item, medicine: `Med ${i}` })) });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.advice, null);
});

test('only the consulting doctor, once, during or within 24 hours after the consultation', async () => {
  const doctor = await videoDoctor(server);
  const other = await videoDoctor(server);
  const P = await patient(server);
  const stranger = await patient(server, 'Sita Stranger');
  const b = await bookedVisit(server, doctor, P);
  const rxBody = body(rid('rx'));
  assertProblem(assert, await issue(doctor, b.id, rxBody), 409, 'prescription-closed');
  assert.equal((await startVisit(server, doctor, b.id)).status, 200);
  assertProblem(assert, await issue(other, b.id, rxBody), 404, 'not-found');
  assertProblem(assert, await issue(P, b.id, rxBody), 403);
  assertProblem(assert, await issue(doctor, 'bkg_00000000000000000000000000', rxBody), 404, 'not-found');
  assert.deepEqual(rxRows(b.id), []);
  assertProblem(assert, await call(P, 'GET', `/v1/consultations/${b.id}/prescription`), 404, 'not-found');

  assert.equal((await endVisit(server, doctor, b.id)).status, 200);
  endedAgo(server, b.id, 23 * 3600 * 1000);
  const r = await issue(doctor, b.id, rxBody);
  assert.equal(r.status, 201, r.text);
  assertProblem(assert, await issue(doctor, b.id, rxBody), 409, 'conflict');
  assert.equal(rxRows(b.id).length, 1);
  // Others learn nothing.
  for (const who of [other, stranger]) {
    assertProblem(assert, await call(who, 'GET', `/v1/prescriptions/${r.json.id}`), 404, 'not-found');
    assertProblem(assert, await call(who, 'GET', `/v1/consultations/${b.id}/prescription`), 404, 'not-found');
  }
  assertProblem(assert, await call(P, 'GET', '/v1/prescriptions/rx_00000000000000000000000000'), 404, 'not-found');

  // More than a day after the end: closed.
  const b2 = await bookedVisit(server, doctor, P, { shiftMs: -11 * 60 * 1000 });
  assert.equal((await startVisit(server, doctor, b2.id)).status, 200);
  assert.equal((await endVisit(server, doctor, b2.id)).status, 200);
  endedAgo(server, b2.id, 25 * 3600 * 1000);
  assertProblem(assert, await issue(doctor, b2.id, rxBody), 409, 'prescription-closed');
  assert.deepEqual(rxRows(b2.id), []);
});

test('a prescription altered in the database no longer verifies', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { rx } = await issued(doctor, P);
  const [row] = dbQuery(server, `SELECT issued_at, canonical_sealed, signature, doctor_id FROM prescriptions WHERE id = ${sqlText(rx.id)}`);
  const set = (sql) => dbQuery(server, `UPDATE prescriptions SET ${sql} WHERE id = ${sqlText(rx.id)}`);
  const restore = () => set(`issued_at = ${row.issued_at}, canonical_sealed = ${sqlText(row.canonical_sealed)}, signature = ${sqlText(row.signature)}, doctor_id = ${sqlText(row.doctor_id)}`);
  assert.equal((await verifyRx(rx.verify_url)).valid, true);

  // The date moved by a second.
  set(`issued_at = ${Number(row.issued_at) + 1000}`);
  assert.deepEqual(await verifyRx(rx.verify_url), { valid: false });
  restore();
  assert.equal((await verifyRx(rx.verify_url)).valid, true);

  // The sealed canonical form altered (one character in the middle).
  const s = row.canonical_sealed;
  const mid = Math.floor(s.length / 2);
  set(`canonical_sealed = ${sqlText(s.slice(0, mid) + (s[mid] === 'A' ? 'B' : 'A') + s.slice(mid + 1))}`);
  assert.deepEqual(await verifyRx(rx.verify_url), { valid: false });
  restore();

  // Another prescription's canonical form swapped in (sealed for the same patient, so it opens under its own id only).
  // (The doctor's next slot is moved 11 minutes earlier so it can be started now.)
  const { rx: rx2 } = await issued(doctor, P, { shiftMs: -11 * 60 * 1000 });
  const [other] = dbQuery(server, `SELECT canonical_sealed, signature FROM prescriptions WHERE id = ${sqlText(rx2.id)}`);
  set(`canonical_sealed = ${sqlText(other.canonical_sealed)}, signature = ${sqlText(other.signature)}`);
  assert.deepEqual(await verifyRx(rx.verify_url), { valid: false });
  restore();

  // The signature altered.
  const sig = Buffer.from(row.signature, 'base64url');
  sig[5] ^= 1;
  set(`signature = ${sqlText(sig.toString('base64url'))}`);
  assert.deepEqual(await verifyRx(rx.verify_url), { valid: false });
  restore();
  assert.equal((await verifyRx(rx.verify_url)).valid, true);
  assert.ok(auditRecords(server, 'consultations.prescription.verify', P.id).some((a) => a.outcome === 'failure'));
});

test('a guardian reads the prescription of their dependent', async () => {
  const doctor = await videoDoctor(server);
  const G = await patient(server, 'Gita Guardian');
  const dep = await call(G, 'POST', `/v1/users/${G.id}/family-members`, {
    body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
  });
  assert.equal(dep.status, 201, dep.text);
  const depId = dep.json?.member?.id ?? dep.json?.id;
  const { booking } = await startedVisit(server, doctor, G, { patient_id: depId });
  const r = await issue(doctor, booking.id, body(rid('rx')));
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.patient, { id: depId, name: 'Aarav Sharma' });
  const g = await call(G, 'GET', `/v1/prescriptions/${r.json.id}`);
  assert.equal(g.status, 200, g.text);
  const pdf = await fetch(`${server.base}${r.json.pdf_url}`, { headers: { authorization: `Bearer ${G.token}` } });
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
});

test('after the patient erases their account, their sealed records answer 410 and the prescription no longer verifies', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking, rx } = await issued(doctor, P);
  assert.equal((await call(doctor, 'PUT', `/v1/consultations/${booking.id}/notes`, { body: { plan: 'rest' } })).status, 200);
  assert.equal((await verifyRx(rx.verify_url)).valid, true);
  const del = await call(P, 'DELETE', `/v1/users/${P.id}`, { body: { confirm: 'DELETE' } });
  assert.equal(del.status, 200, del.text);
  for (const path of [`/v1/prescriptions/${rx.id}`, rx.pdf_url, `/v1/consultations/${booking.id}/prescription`, `/v1/consultations/${booking.id}/notes`]) {
    assertProblem(assert, await call(doctor, 'GET', path), 410, 'erased');
  }
  assert.deepEqual(await verifyRx(rx.verify_url), { valid: false });
});
