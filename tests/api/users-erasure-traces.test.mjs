// After an erasure nothing identifying is left on disk: a person with a distinctive name, email and phone
// gets a full life (history, family, emergency contacts, a consultation with a booking reason, chat, notes,
// a prescription and a rating, messages in the dev mailbox), is erased, and then every file under the data
// dir is read as bytes — on SQLite the database, its -wal and -shm, files/, server.log — and none of the
// three may occur, as they are, lower-cased, JSON-escaped, URL-encoded or hex-encoded. On PostgreSQL the
// database's logical dump is read instead of its files (dead row versions stay in PostgreSQL's own files
// until VACUUM reuses their space: docs/architecture.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startServer, adminLogin, newVerifiedUser, readOutbox, codeIn, DB_KIND, sleep, unique } from './harness.mjs';
import { ifMatch } from './users-helpers.mjs';
import { letters } from './booking-helpers.mjs';
import { videoDoctor, patient } from './visit-helpers.mjs';
import { call as callAs, ok, consultationMarkers, wholeConsultation } from './rights-helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const call = (who, method, path, opts) => callAs(server, who, method, path, opts);

/** The newest dev-mailbox message to `to` that `pred` accepts, waiting for it a few seconds; null if none came. */
async function messageTo(to, pred, timeoutMs = 5000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const r = await server.api('GET', `/v1/admin/dev-outbox?to=${encodeURIComponent(to)}&limit=10`, { token: server.adminToken });
    const found = r.json?.items?.find(pred);
    if (found) return found;
  }
  return null;
}

/** Every file under `dir` as [relative path, bytes as latin1 text]. */
function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path).map(([p, t]) => [join(name, p), t]));
    else out.push([name, readFileSync(path).toString('latin1')]);
  }
  return out;
}

/** The forms a value can take on disk: UTF-8 bytes (read as latin1), lower case, JSON \u escapes, URL and hex encodings. */
function encodings(value) {
  const utf8 = (s) => Buffer.from(s, 'utf8').toString('latin1');
  const jsonEscaped = value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([
    utf8(value), utf8(value.toLowerCase()), utf8(value.toUpperCase()), jsonEscaped, jsonEscaped.toLowerCase(),
    encodeURIComponent(value), Buffer.from(value, 'utf8').toString('hex'), Buffer.from(value, 'utf8').toString('hex').toUpperCase(),
  ])];
}

/** [what, file] for every identifying value found in any file (or, on PostgreSQL, in the logical dump). */
function tracesOf(values) {
  const sources = filesUnder(server.dataDir);
  if (server.pg) {
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', server.env.KIOREX_DATABASE_URL], { encoding: 'utf8', maxBuffer: 1 << 28 });
    sources.push(['pg_dump', Buffer.from(dump, 'utf8').toString('latin1')]);
  }
  const found = [];
  for (const [what, value] of Object.entries(values))
    for (const form of encodings(value))
      for (const [file, text] of sources) if (text.includes(form)) found.push(`${what} (${form}) in ${relative('.', file)}`);
  return found;
}

test('after an erasure the name, email and phone are nowhere in the data dir: database, WAL, files, log, dev mailbox', { timeout: 120_000 }, async () => {
  const surname = `Quorthwaite${letters(8)}`;
  const name = `Zélie ${surname}`;
  const T = { ...(await newVerifiedUser(server, { name })), name };
  const phone = `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const pendingEmail = unique('zpending');

  // A verified phone, then a pending change of the email (its code went to the new address).
  let p = (await ok(call(T, 'GET', '/v1/users/me'))).json;
  let since = Date.now() - 1000;
  await ok(call(T, 'PUT', '/v1/users/me', { headers: ifMatch(p.version), body: { phone, date_of_birth: '1988-02-03' } }));
  const code = codeIn(await readOutbox(server, phone, { since }));
  await ok(call(T, 'POST', `/v1/users/${T.id}/contact/verify`, { body: { channel: 'phone', code } }));
  p = (await ok(call(T, 'GET', '/v1/users/me'))).json;
  assert.equal(p.phone, phone);
  since = Date.now() - 1000;
  await ok(call(T, 'PUT', '/v1/users/me', { headers: ifMatch(p.version), body: { email: pendingEmail } }));
  assert.ok(await readOutbox(server, pendingEmail, { since }), 'a code went to the pending address');

  // History, an emergency contact, a dependent, a linked partner (messages in both directions).
  await ok(call(T, 'POST', `/v1/users/${T.id}/medical-history`, { body: { kind: 'condition', title: `Migraine of ${name}`, notes: `${surname} notes` } }), 201);
  await ok(call(T, 'POST', `/v1/users/${T.id}/emergency-contacts`, { body: { name: 'Ana Contact', relationship: 'sibling', phone: '+919811112222', notes: `sister of ${name}`, priority: 1 } }), 201);
  await ok(call(T, 'POST', `/v1/users/${T.id}/family-members`, { body: { kind: 'dependent', name: `Tom ${surname}`, relationship: 'child' } }), 201);
  const partner = { ...(await newVerifiedUser(server, { name: 'Uma Partner' })), name: 'Uma Partner' };
  await ok(call(T, 'POST', `/v1/users/${T.id}/family-members`, { body: { kind: 'linked', email: partner.email, relationship: 'spouse' } }), 202);
  const toPartner = await messageTo(partner.email, (msg) => msg.subject.includes(name));
  assert.ok(toPartner, 'the link request names the asker');
  const partner2 = { ...(await newVerifiedUser(server, { name: 'Vik Partner' })), name: 'Vik Partner' };
  await ok(call(partner2, 'POST', `/v1/users/${partner2.id}/family-members`, { body: { kind: 'linked', phone, relationship: 'sibling' } }), 202);
  assert.ok(await messageTo(phone, (msg) => msg.subject.includes('Vik Partner')), 'a link request reached the person');

  // A whole consultation: booking reason, chat, notes, prescription (a sealed PDF in files/), rating.
  const doctor = await videoDoctor(server);
  const m = consultationMarkers();
  await wholeConsultation(server, doctor, T, { ...m, reason: `${m.reason} for ${name}`, comment: `${m.comment} from ${surname}` });

  // Control: before the erasure the values are on disk (so the scan below can see them).
  await sleep(300);
  const identifying = { name, surname, email: T.email, phone, phoneDigits: phone.slice(1), pendingEmail };
  assert.ok(tracesOf(identifying).length > 0, 'the scan finds the values before the erasure');

  const erase = await call(T, 'DELETE', '/v1/users/me', { body: { confirm: 'DELETE', erase_dependents: true } });
  assert.equal(erase.status, 200, erase.text);
  // Let the audit committer and the dispatcher settle, as a later reader of the disk would find it.
  await sleep(500);

  assert.deepEqual(tracesOf(identifying), []);
  // Control: the others' messages are still in the mailbox, with the erased person's name replaced.
  const kept = await messageTo(partner.email, (msg) => /wants to link/.test(msg.subject));
  assert.ok(kept, 'the partner keeps their messages');
  assert.equal(kept.subject, 'an erased user wants to link Kiorex accounts with you');
  assert.equal(await readOutbox(server, T.email, { since: 0, timeoutMs: 300 }), null, 'no message to the person is left');
});

test('the dev_outbox.stored log line names no one: no subject, no text, the recipient masked', async () => {
  const name = `Wren ${letters(10)}`;
  const u = await newVerifiedUser(server, { name });
  await sleep(200);
  const lines = server.log().split('\n').filter((l) => l.includes('dev_outbox.stored'));
  assert.ok(lines.length > 0, 'the line is logged');
  for (const line of lines) {
    const o = JSON.parse(line);
    assert.ok(!('subject' in o) && !('text' in o), line);
  }
  assert.ok(!server.log().includes(u.email), 'the address is masked');
  assert.ok(!server.log().includes(name.split(' ')[1]), 'the name is not logged');
});

test('erasure is refused for a random id and for someone else, and leaves their messages', async () => {
  const A = await patient(server, `Xena ${letters(6)}`);
  const B = await patient(server, `Yuri ${letters(6)}`);
  const r = await call(B, 'DELETE', `/v1/users/${A.id}`, { body: { confirm: 'DELETE' } });
  assert.equal(r.status, 404, r.text);
  const random = await call(B, 'DELETE', `/v1/users/usr_${randomBytes(13).toString('hex').slice(0, 26).toUpperCase()}`, { body: { confirm: 'DELETE' } });
  assert.equal(random.status, 404, random.text);
  assert.ok(await readOutbox(server, A.email, { since: 0 }), 'A\'s messages are still there');
  assert.ok(DB_KIND === 'sqlite' || DB_KIND === 'postgres');
});
