// The PDFs people are given print their names in their own scripts: the data export
// (GET /v1/users/{id}/export?format=pdf) and the prescription (GET /v1/prescriptions/{id}/pdf). The text is
// read back with poppler's pdftotext (poppler-utils), as a reader's copy-and-paste or search would see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminLogin } from './harness.mjs';
import { videoDoctor, patient, startedVisit } from './visit-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const NAME = 'Priya Śarmā देवी';

/**
 * The PDF's text in drawing order (pdftotext -raw), whitespace collapsed, the isolates put around values
 * (U+2066..U+2069) and pdftotext's embedding marks (U+202A..U+202C) removed. Latin and Devanagari come out
 * as written (pdftotext's layout mode would cut Devanagari words at vowel signs); Arabic letters come out in
 * logical order but one per line, so Arabic is compared without whitespace (noSpace).
 */
function pdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'kiorex-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8' });
    return out.replace(/[\u202A-\u202C\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const noSpace = (s) => s.replace(/\s+/g, '');

async function pdfOf(who, path) {
  const res = await fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  return pdf;
}

test('a patient named in Latin-extended and Devanagari letters finds their name in their export PDF', async () => {
  const P = await patient(server, NAME);
  const text = pdfText(await pdfOf(P, `/v1/users/${P.id}/export?format=pdf`));
  assert.ok(text.includes(`Everything Kiorex holds about ${NAME} (${P.id})`), text);
  assert.ok(text.includes(`name: ${NAME}`), text);
  assert.ok(!text.includes('?'), text);
});

test('the prescription PDF prints the patient, medicines and advice in their scripts', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server, NAME);
  const { booking } = await startedVisit(server, doctor, P);
  const r = await server.api('POST', `/v1/consultations/${booking.id}/prescription`, {
    token: doctor.token,
    body: {
      items: [{ medicine: 'पैरासिटामोल', strength: '500 mg', dose: '1 tablet', frequency: 'twice daily', duration: '3 days', instructions: 'Łukasz Żółć, Ångström, Dvořák' }],
      advice: 'مرحبا بالعالم',
    },
  });
  assert.equal(r.status, 201, r.text);
  for (const who of [P, doctor]) {
    const pdf = await pdfOf(who, r.json.pdf_url);
    const text = pdfText(pdf);
    for (const s of [`Patient: ${NAME}`, 'पैरासिटामोल, 500 mg', 'Instructions: Łukasz Żółć, Ångström, Dvořák'])
      assert.ok(text.includes(s), `${s} in ${text}`);
    assert.ok(noSpace(text).includes(noSpace('Advice مرحبا بالعالم')), text);
  }
});
