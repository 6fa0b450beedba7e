// The audit log's hash chain (CLI and admin API) and the event dead-letter admin endpoints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminLogin, runCommand, DEMO, assertProblem, dbQuery, sqlText, unique,
} from './harness.mjs';

let server;
let admin;
let patient;
before(async () => {
  server = await startServer();
  admin = await adminLogin(server);
  patient = (await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } })).json;
});
after(async () => {
  await server?.stop();
});

const records = (stdout) => Number(stdout.match(/audit log intact: (\d+) records/)?.[1]);

test('after a login and a failed login, `kiorex audit verify` exits 0 and counts the records', async () => {
  const before = runCommand(server, ['audit', 'verify']);
  assert.equal(before.status, 0, before.stdout + before.stderr);
  const n0 = records(before.stdout);
  assert.ok(n0 >= 1, before.stdout);
  assert.equal((await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.doctor.email, password: DEMO.doctor.password } })).status, 200);
  assert.equal((await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.doctor.email, password: 'Wrong-Password-9' } })).status, 401);
  const r = runCommand(server, ['audit', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(records(r.stdout), n0 + 2, 'one record per sign-in attempt');
  const rows = dbQuery(server, 'SELECT action, outcome FROM audit_log ORDER BY seq DESC LIMIT 2');
  assert.deepEqual(rows.map((x) => `${x.action}:${x.outcome}`), ['auth.login:failure', 'auth.login:success']);
});

test('GET /v1/admin/audit/verify: ok for the admin, 403 for a patient, 401 without a token', async () => {
  const r = await server.api('GET', '/v1/admin/audit/verify', { token: admin.access_token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ok, true);
  assert.ok(r.json.records >= 1);
  assert.equal(r.json.last_seq, r.json.records);
  assert.match(r.json.last_hash, /^[0-9a-f]{64}$/);
  assert.equal(r.json.keyed_from_seq, 1, 'a new database keys every record');
  assert.equal(r.json.first_bad_seq, undefined);
  assertProblem(assert, await server.api('GET', '/v1/admin/audit/verify', { token: patient.access_token }), 403, 'forbidden');
  assertProblem(assert, await server.api('GET', '/v1/admin/audit/verify'), 401);
});

test('dead letters: the admin lists them (200, items array); a patient gets 403; replaying an unknown id is 404', async () => {
  const list = await server.api('GET', '/v1/admin/events/dead-letters', { token: admin.access_token });
  assert.equal(list.status, 200, list.text);
  assert.ok(Array.isArray(list.json.items));
  const all = await server.api('GET', '/v1/admin/events/dead-letters?include_replayed=true&limit=5', { token: admin.access_token });
  assert.equal(all.status, 200);
  const badLimit = await server.api('GET', '/v1/admin/events/dead-letters?limit=0', { token: admin.access_token });
  assertProblem(assert, badLimit, 422, 'validation');
  assert.ok(badLimit.json.errors.some((e) => e.field === 'limit'));

  assertProblem(assert, await server.api('GET', '/v1/admin/events/dead-letters', { token: patient.access_token }), 403, 'forbidden');
  const replay = await server.api('POST', '/v1/admin/events/dead-letters/dlq_doesnotexist/replay', { token: admin.access_token });
  assertProblem(assert, replay, 404, 'not-found');
  const patientReplay = await server.api('POST', '/v1/admin/events/dead-letters/dlq_doesnotexist/replay', { token: patient.access_token });
  assertProblem(assert, patientReplay, 403, 'forbidden');
});

test('editing one audit record breaks verification at exactly that record (CLI exit 1 and the admin API)', async () => {
  // A separate server, so the tampering does not affect the other tests.
  const s = await startServer();
  try {
    const login = (password) => s.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password } });
    assert.equal((await login(DEMO.patient.password)).status, 200);
    assert.equal((await login('Wrong-Password-7')).status, 401);
    assert.equal((await s.api('POST', '/v1/auth/forgot-password', { body: { identifier: unique() } })).status, 202);
    assert.equal((await login(DEMO.patient.password)).status, 200);
    const ok = runCommand(s, ['audit', 'verify']);
    assert.equal(ok.status, 0, ok.stdout);

    const [target] = dbQuery(s, "SELECT seq, details FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure' ORDER BY seq DESC LIMIT 1");
    assert.ok(target, 'the failed login was audited');
    const seq = Number(target.seq);
    const edited = JSON.stringify({ detail: 'nothing to see here' });
    assert.notEqual(target.details, edited);
    dbQuery(s, `UPDATE audit_log SET details = ${sqlText(edited)} WHERE seq = ${seq}`);

    const broken = runCommand(s, ['audit', 'verify']);
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, new RegExp(`BROKEN at record ${seq}\\b`));
    assert.match(broken.stdout, /edited/);

    const sAdmin = await adminLogin(s);
    const api = await s.api('GET', '/v1/admin/audit/verify', { token: sAdmin.access_token });
    assert.equal(api.status, 200);
    assert.equal(api.json.ok, false);
    assert.equal(api.json.first_bad_seq, seq);
    assert.equal(api.json.last_seq, seq - 1, 'the last good record is the one before');
    assert.equal(api.json.kind, 'edited');
    assert.match(api.json.problem, /edited/);

    // Restoring the original text restores the chain.
    dbQuery(s, `UPDATE audit_log SET details = ${sqlText(target.details)} WHERE seq = ${seq}`);
    assert.equal(runCommand(s, ['audit', 'verify']).status, 0);
  } finally {
    await s.stop();
  }
});

test('deleting an audit record is detected as a gap', async () => {
  const s = await startServer();
  try {
    for (let i = 0; i < 3; i++) await s.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: `Wrong-${i}-Password` } });
    const [{ seq }] = dbQuery(s, 'SELECT max(seq) - 1 AS seq FROM audit_log');
    dbQuery(s, `DELETE FROM audit_log WHERE seq = ${Number(seq)}`);
    const r = runCommand(s, ['audit', 'verify']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, new RegExp(`BROKEN at record ${Number(seq)}\\b.*missing`));
  } finally {
    await s.stop();
  }
});

test('a message that cannot be sent becomes a dead letter the admin can list and replay once', async () => {
  // Real sending with no SMTP server configured: every email delivery fails; one attempt, then the dead-letter table.
  const s = await startServer({ env: { KIOREX_SENDER: 'real', KIOREX_OUTBOX_MAX_ATTEMPTS: '1' } });
  try {
    const sAdmin = await adminLogin(s);
    const email = unique('dlq');
    assert.equal((await s.api('POST', '/v1/auth/register', { body: { name: 'Dee Ell', email, password: 'Dead-Letter-Pass-1' } })).status, 202);
    let items = [];
    for (const deadline = Date.now() + 5000; Date.now() < deadline && items.length === 0;) {
      const r = await s.api('GET', '/v1/admin/events/dead-letters', { token: sAdmin.access_token });
      assert.equal(r.status, 200, r.text);
      items = r.json.items;
      if (!items.length) await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(items.length, 1, 'one dead letter');
    const d = items[0];
    assert.match(d.id, /^dlq_/);
    assert.equal(d.consumer, 'notify.sender');
    assert.equal(d.type, 'notify.message_requested');
    assert.equal(d.attempts, 1);
    assert.equal(d.replayed_at, null);
    assert.match(d.error, /email/);
    const code = dbQuery(s, `SELECT count(*) AS n FROM otp_codes WHERE identifier = ${sqlText(email)}`);
    assert.equal(Number(code[0].n), 1);

    const replay = await s.api('POST', `/v1/admin/events/dead-letters/${d.id}/replay`, { token: sAdmin.access_token });
    assert.equal(replay.status, 200, replay.text);
    assert.deepEqual(replay.json, { status: 'replayed' });
    const again = await s.api('POST', `/v1/admin/events/dead-letters/${d.id}/replay`, { token: sAdmin.access_token });
    assertProblem(assert, again, 409, 'conflict');
    const withReplayed = await s.api('GET', '/v1/admin/events/dead-letters?include_replayed=true', { token: sAdmin.access_token });
    const replayed = withReplayed.json.items.find((x) => x.id === d.id);
    assert.ok(replayed && replayed.replayed_at, 'listed as replayed');
  } finally {
    await s.stop();
  }
});
