// Sealed data altered or removed at rest (a prescription PDF in the file store, a medical-history row in the
// database) is never served: the reader gets a problem of its own type, not an anonymous internal error, and the
// operators get a `security.sealed_data_unreadable` log line naming what failed to open (ids only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, adminLogin, assertProblem, dbQuery, sqlText } from './harness.mjs';
import { rid } from './users-helpers.mjs';
import { videoDoctor, patient, startedVisit } from './visit-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server); // the admin verifies the doctors videoDoctor() creates
});
after(() => server?.stop());

const incidents = () => server.log().split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((l) => l.event === 'security.sealed_data_unreadable');

/** Flips one base64 character in the middle of a sealed text ("dk1.…"), keeping it well-formed base64. */
function flipped(sealed) {
  const i = Math.floor(sealed.length / 2);
  return sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
}

test('a tampered or missing prescription PDF answers the stored-data-unreadable problem and logs the incident', async () => {
  const doctor = await videoDoctor(server);
  const P = await patient(server);
  const { booking } = await startedVisit(server, doctor, P);
  const marker = rid('rx');
  const issued = await server.api('POST', `/v1/consultations/${booking.id}/prescription`, {
    token: doctor.token,
    body: { items: [{ medicine: `Cetirizine ${marker}`, dose: '1 tablet', frequency: 'once daily', duration: '5 days' }] },
  });
  assert.equal(issued.status, 201, issued.text);
  const rx = issued.json;
  assert.equal((await server.api('GET', rx.pdf_url, { token: P.token })).status, 200, 'control: the intact PDF is served');

  const file = join(server.dataDir, 'files', 'prescriptions', `${rx.id}.pdf.sealed`);
  const original = readFileSync(file, 'latin1');
  for (const [how, bytes] of [['one character changed', flipped(original)], ['truncated', original.slice(0, -40)]]) {
    writeFileSync(file, bytes, 'latin1');
    const r = await server.api('GET', rx.pdf_url, { token: P.token });
    assertProblem(assert, r, 500, 'stored-data-unreadable');
    assert.match(r.json.detail, /altered or is missing/, how);
    assert.doesNotMatch(r.headers.get('content-type'), /pdf/, how);
  }
  rmSync(file);
  assertProblem(assert, await server.api('GET', rx.pdf_url, { token: doctor.token }), 500, 'stored-data-unreadable');

  const logged = incidents().filter((l) => l.resource === `prescription_pdf:${rx.id}`);
  assert.equal(logged.length, 3, JSON.stringify(incidents()));
  assert.equal(logged[0].level, 'error');
  assert.equal(logged[0].route, '/v1/prescriptions/{id}/pdf');
  assert.equal(logged[0].user, P.id);
  assert.equal(logged[2].why, 'is missing from the file store');
  assert.ok(!JSON.stringify(logged).includes(marker), 'the incident names ids, never content');
});

test('a tampered medical-history row answers the same problem on the entry and on the page', async () => {
  const P = await patient(server);
  const path = `/v1/users/${P.id}/medical-history`;
  const made = await server.api('POST', path, { token: P.token, body: { kind: 'allergy', title: 'Penicillin', details: { reaction: 'rash' } } });
  assert.equal(made.status, 201, made.text);
  const [row] = dbQuery(server, `SELECT data_sealed FROM medical_history WHERE id = ${sqlText(made.json.id)}`);
  dbQuery(server, `UPDATE medical_history SET data_sealed = ${sqlText(flipped(row.data_sealed))} WHERE id = ${sqlText(made.json.id)}`);
  assertProblem(assert, await server.api('GET', `${path}/${made.json.id}`, { token: P.token }), 500, 'stored-data-unreadable');
  assertProblem(assert, await server.api('GET', path, { token: P.token }), 500, 'stored-data-unreadable');
  assert.ok(incidents().some((l) => l.resource.endsWith(made.json.id)), JSON.stringify(incidents()));
});
