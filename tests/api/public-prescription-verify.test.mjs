// The prescription QR code's URL, GET /v1/prescriptions/{id}/verify?code=…, by content negotiation: a phone's
// browser (Accept: text/html first) gets a page a pharmacist can read — "Genuine prescription by Dr … on …" or a
// clear warning — while API clients (application/json, */*, no Accept) keep getting today's JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminLogin, dbQuery, sqlText } from './harness.mjs';
import { rid } from './users-helpers.mjs';
import { videoDoctor, patient, startedVisit } from './visit-helpers.mjs';

const PUBLIC_URL = 'https://care.kiorex.test';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
let server;
before(async () => {
  server = await startServer({ env: { KIOREX_PUBLIC_URL: PUBLIC_URL } });
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

async function issued(doctor) {
  const P = await patient(server, 'Priya Secretname');
  const { booking } = await startedVisit(server, doctor, P);
  const marker = rid('rx');
  const r = await server.api('POST', `/v1/consultations/${booking.id}/prescription`, {
    token: doctor.token,
    body: { items: [{ medicine: `Cetirizine ${marker}`, strength: '10 mg', dose: '1 tablet', frequency: 'once daily', duration: '5 days' }], advice: `Rest ${marker}` },
  });
  assert.equal(r.status, 201, r.text);
  return { rx: r.json, marker, P };
}
const get = (path, accept) => server.api('GET', path, { headers: accept === undefined ? {} : { accept } });
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('a browser gets a human page: genuine prescription by the doctor on the date, and nothing more', async () => {
  const doctor = await videoDoctor(server, { name: `Asha <b>Rao</b> ${rid('d')}`, timeZone: 'Asia/Kolkata' });
  const { rx, marker, P } = await issued(doctor);
  const r = await get(rx.verify_url, BROWSER);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(r.headers.get('vary'), /^Accept(, Accept-Encoding)?$/);
  assert.match(r.headers.get('cache-control'), /no-store/);
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  const shown = text(r.text);
  const issuedOn = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(rx.issued_at)).replace('Sept', 'Sep');
  assert.match(shown, new RegExp(`Genuine prescription by Dr Asha &lt;b&gt;Rao&lt;/b&gt; \\S+ on ${issuedOn}, \\d\\d:\\d\\d \\(Asia/Kolkata\\)`));
  assert.ok(!r.text.includes('<b>Rao</b>'), 'the name is escaped');
  assert.ok(shown.includes(rx.id), 'the prescription id to compare with the paper');
  assert.ok(shown.includes(doctor.profile.registration.number), 'the registration the JSON shows');
  assert.match(r.text, /<meta name="robots" content="noindex, nofollow"/);
  assert.ok(!/<script/i.test(r.text), 'no script');
  // No more personal data than the JSON: not the patient, not the medicines or advice.
  for (const secret of ['Secretname', P.email, marker]) assert.ok(!r.text.includes(secret), secret);
});

test('API clients keep the JSON: application/json, */*, no Accept, or JSON preferred', async () => {
  const doctor = await videoDoctor(server);
  const { rx } = await issued(doctor);
  for (const accept of [undefined, 'application/json', '*/*', 'application/json, text/html;q=0.9', 'text/html;q=0']) {
    const r = await get(rx.verify_url, accept);
    assert.equal(r.status, 200, accept);
    assert.match(r.headers.get('content-type'), /^application\/json/, accept);
    assert.match(r.headers.get('vary'), /^Accept(, Accept-Encoding)?$/);
    assert.equal(r.json.valid, true, accept);
    assert.equal(r.json.prescription_id, rx.id);
    assert.equal(r.json.doctor.name, doctor.name);
  }
});

test('a wrong code, an unknown or malformed id, or a tampered prescription shows a clear warning page', async () => {
  const doctor = await videoDoctor(server);
  const { rx } = await issued(doctor);
  const code = new URL(rx.verify_url, PUBLIC_URL).searchParams.get('code');
  const bad = [`/v1/prescriptions/${rx.id}/verify?code=${code}x`, `/v1/prescriptions/${rx.id}/verify?code=`,
    `/v1/prescriptions/${rx.id}/verify`, `/v1/prescriptions/rx_00000000000000000000000000/verify?code=${code}`,
    `/v1/prescriptions/${encodeURIComponent('<script>x')}/verify?code=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    `/v1/prescriptions/rx_x/verify?code=${'a'.repeat(5000)}`];
  for (const path of bad) {
    const r = await get(path, BROWSER);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^text\/html/, path);
    assert.match(text(r.text), /Warning: this prescription could not be verified/, path);
    assert.match(text(r.text), /Do not dispense/, path);
    assert.ok(!r.text.includes('Genuine'), path);
    assert.ok(!r.text.includes('<script>x') && !r.text.includes('<img'), path);
    const j = await get(path, 'application/json');
    assert.deepEqual(j.json, { valid: false }, path);
  }
  // Tampered: the date moved by a second; the page warns, then is genuine again once restored.
  const [row] = dbQuery(server, `SELECT issued_at FROM prescriptions WHERE id = ${sqlText(rx.id)}`);
  dbQuery(server, `UPDATE prescriptions SET issued_at = ${Number(row.issued_at) + 1000} WHERE id = ${sqlText(rx.id)}`);
  assert.match(text((await get(rx.verify_url, BROWSER)).text), /Warning: this prescription could not be verified/);
  dbQuery(server, `UPDATE prescriptions SET issued_at = ${row.issued_at} WHERE id = ${sqlText(rx.id)}`);
  assert.match(text((await get(rx.verify_url, BROWSER)).text), /Genuine prescription by/);
});
