// The keyed audit chain and its signed checkpoints, attacked the way someone holding the database (but not
// the keys under KIOREX_AUDIT_KEY_DIR) would: cutting the tail, rewriting the newest record with a
// recomputed SHA-256, forging a checkpoint, moving the switch-over to keyed records. Each server is its own,
// since every test tampers with its database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, adminLogin, runCommand, DEMO, assertProblem, dbQuery, sqlText, sleep,
} from './harness.mjs';

const GENESIS = '0'.repeat(64);

// A test on a server of its own (each tampers with its database).
function serverTest(title, options, fn) {
  if (!fn) [fn, options] = [options, {}];
  test(title, async () => {
    const s = await startServer(options);
    try {
      await fn(s);
    } finally {
      await s.stop();
    }
  });
}

const verify = (s, ...args) => runCommand(s, ['audit', 'verify', ...args]);
const out = (r) => r.stdout + r.stderr;

// A few audited events: sign-ins that succeed and fail.
async function activity(s, n = 3) {
  for (let i = 0; i < n; i++) {
    await s.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: `Wrong-${i}-Password` } });
  }
  assert.equal((await s.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } })).status, 200);
}

function checkpointFile(s, name = 'checkpoint.json') {
  const file = join(s.dataDir, name);
  const r = runCommand(s, ['audit', 'checkpoint', '--out', file]);
  assert.equal(r.status, 0, out(r));
  return { file, cp: JSON.parse(readFileSync(file, 'utf8')) };
}

const rowsFrom = (s, where) => dbQuery(s, `SELECT * FROM audit_log ${where}`).map((r) => ({ ...r, seq: Number(r.seq), at: Number(r.at) }));
const maxSeq = (s) => Number(dbQuery(s, 'SELECT max(seq) AS n FROM audit_log')[0].n);

// The pre-keyed rule (kiorex.audit.v1): what anyone can recompute without the chain key.
function sha256Hash(row, prevHash = row.prev_hash) {
  const fields = [String(row.seq), row.id, String(row.at), row.actor_id, row.actor_role, row.action, row.subject_id,
    row.resource, row.reason, row.request_id, row.ip, row.outcome, row.details, prevHash];
  let text = 'kiorex.audit.v1';
  for (const f of fields) text += `\n${Buffer.byteLength(f, 'utf8')}:${f}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Rewrites the records from `fromSeq` on (each through `edit`) and chains them again by the unkeyed rule.
function rechainUnkeyed(s, fromSeq, edit = (row) => row) {
  let prev = fromSeq === 1 ? GENESIS : dbQuery(s, `SELECT hash FROM audit_log WHERE seq = ${fromSeq - 1}`)[0].hash;
  for (const row of rowsFrom(s, `WHERE seq >= ${fromSeq} ORDER BY seq`)) {
    const r = { ...edit(row), prev_hash: prev };
    r.hash = sha256Hash(r);
    dbQuery(s, `UPDATE audit_log SET ip = ${sqlText(r.ip)}, prev_hash = ${sqlText(r.prev_hash)}, hash = ${sqlText(r.hash)} WHERE seq = ${r.seq}`);
    prev = r.hash;
  }
}

// An Ed25519 key of the attacker's, and the text a checkpoint signs.
function otherKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  return { privateKey, raw, keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}
const signedText = (cp) =>
  `kiorex.audit.checkpoint.v1\nseq=${cp.seq}\nhead_hash=${cp.head_hash}\nkeyed_from_seq=${cp.keyed_from_seq}\nat_ms=${cp.at_ms}\nkey_id=${cp.key_id}\n`;

serverTest('an untouched log passes verify, and verify --checkpoint against an older checkpoint', async (s) => {
  await activity(s);
  const { file, cp } = checkpointFile(s);
  assert.equal(cp.format, 'kiorex.audit.checkpoint.v1');
  assert.equal(cp.seq, maxSeq(s));
  assert.equal(cp.keyed_from_seq, 1, 'a new database keys every record');
  assert.equal(cp.head_hash, dbQuery(s, `SELECT hash FROM audit_log WHERE seq = ${cp.seq}`)[0].hash);
  await activity(s);
  const r = verify(s, '--checkpoint', file);
  assert.equal(r.status, 0, out(r));
  assert.match(r.stdout, /audit log intact: \d+ records/);
  assert.match(r.stdout, /keyed chain from record 1\b/);
  assert.match(r.stdout, new RegExp(`checkpoint of .* \\(record ${cp.seq}, key ${cp.key_id}\\): signature valid`));
  const pub = runCommand(s, ['audit', 'public-key']);
  assert.equal(pub.status, 0, out(pub));
  assert.equal(pub.stdout.split('\n')[0], cp.public_key, 'the printed key is the one checkpoints carry');
  // Pinning the public key (as printed, or as the checkpoint.pub file) gives the same answer.
  assert.equal(verify(s, '--checkpoint', file, '--public-key', cp.public_key).status, 0);
  assert.equal(verify(s, '--checkpoint', file, '--public-key', join(s.dataDir, 'keys', 'audit', 'checkpoint.pub')).status, 0);
});

serverTest('rewriting the newest record with a recomputed SHA-256 fails `audit verify` (exit 1, edited)', async (s) => {
  await activity(s);
  const [last] = rowsFrom(s, 'ORDER BY seq DESC LIMIT 1');
  const details = JSON.stringify({ note: 'nothing happened' });
  const forged = { ...last, details };
  dbQuery(s, `UPDATE audit_log SET details = ${sqlText(details)}, hash = ${sqlText(sha256Hash(forged))} WHERE seq = ${last.seq}`);
  const r = verify(s);
  assert.equal(r.status, 1, out(r));
  assert.match(r.stdout, new RegExp(`BROKEN at record ${last.seq} \\(edited\\): .*without the chain key`));

  // The admin API says the same.
  const admin = await adminLogin(s);
  const api = await s.api('GET', '/v1/admin/audit/verify', { token: admin.access_token });
  assert.equal(api.status, 200);
  assert.equal(api.json.ok, false);
  assert.equal(api.json.first_bad_seq, last.seq);
  // No checkpoint is signed over a broken log.
  const cp = await s.api('GET', '/v1/admin/audit/checkpoint', { token: admin.access_token });
  assertProblem(assert, cp, 409, 'conflict');
  const cli = runCommand(s, ['audit', 'checkpoint']);
  assert.equal(cli.status, 1, out(cli));
  assert.match(cli.stdout, /no checkpoint signed/);
});

serverTest('deleting the newest records: verify --checkpoint exits 1 naming the cut tail', async (s) => {
  await activity(s);
  const { file, cp } = checkpointFile(s);
  await activity(s, 1);
  assert.equal(verify(s, '--checkpoint', file).status, 0);
  const cutFrom = cp.seq - 2;
  dbQuery(s, `DELETE FROM audit_log WHERE seq >= ${cutFrom}`);
  // The table alone cannot show it: what is left is a sound chain.
  assert.equal(verify(s).status, 0);
  const r = verify(s, '--checkpoint', file);
  assert.equal(r.status, 1, out(r));
  assert.match(r.stdout, new RegExp(`BROKEN at record ${cutFrom} \\(tail_cut\\): tail cut: records ${cutFrom} to ${cp.seq} are missing`));
});

serverTest('cutting the tail and rewriting the new newest record with a recomputed SHA-256 is caught either way', async (s) => {
  await activity(s);
  const { file, cp } = checkpointFile(s);
  dbQuery(s, `DELETE FROM audit_log WHERE seq >= ${cp.seq}`);
  const [last] = rowsFrom(s, 'ORDER BY seq DESC LIMIT 1');
  const forged = { ...last, outcome: 'success' === last.outcome ? 'failure' : 'success' };
  dbQuery(s, `UPDATE audit_log SET outcome = ${sqlText(forged.outcome)}, hash = ${sqlText(sha256Hash(forged))} WHERE seq = ${last.seq}`);
  assert.equal(verify(s).status, 1);
  const r = verify(s, '--checkpoint', file);
  assert.equal(r.status, 1, out(r));
  assert.match(r.stdout, new RegExp(`BROKEN at record ${last.seq} \\(edited\\)`));
});

serverTest('a forged checkpoint is refused (exit 1, FORGED): edited fields, another key, or not a checkpoint', async (s) => {
  await activity(s);
  const { cp } = checkpointFile(s);
  const write = (name, body) => {
    const f = join(s.dataDir, name);
    writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
    return f;
  };
  // A checkpoint moved back to hide the tail after it: the signature no longer fits.
  const moved = verify(s, '--checkpoint', write('moved.json', { ...cp, seq: cp.seq - 1 }));
  assert.equal(moved.status, 1, out(moved));
  assert.match(moved.stdout, /audit checkpoint FORGED: .*signature does not verify/);
  // Properly signed, but with the attacker's key.
  const k = otherKey();
  const theirs = { ...cp, key_id: k.keyId, public_key: k.raw.toString('base64') };
  theirs.signature = edSign(null, Buffer.from(signedText(theirs)), k.privateKey).toString('base64');
  const other = verify(s, '--checkpoint', write('other.json', theirs));
  assert.equal(other.status, 1, out(other));
  assert.match(other.stdout, new RegExp(`FORGED: .*it names key ${k.keyId}`));
  // The same fields re-signed with the attacker's key but naming ours.
  const named = { ...theirs, key_id: cp.key_id, public_key: cp.public_key };
  named.signature = edSign(null, Buffer.from(signedText(named)), k.privateKey).toString('base64');
  assert.equal(verify(s, '--checkpoint', write('named.json', named)).status, 1);
  // Not a checkpoint at all.
  for (const [name, body] of [['junk.json', 'not json'], ['empty.json', '{}'], ['extra.json', { ...cp, note: 'x' }],
    ['negative.json', { ...cp, seq: -1 }], ['at.json', { ...cp, at: '2020-01-01T00:00:00.000Z' }]]) {
    const r = verify(s, '--checkpoint', write(name, body));
    assert.equal(r.status, 1, `${name}: ${out(r)}`);
    assert.match(r.stdout, /FORGED: .* is not a valid checkpoint/, name);
  }
  // Usage errors are 2.
  assert.equal(verify(s, '--checkpoint', join(s.dataDir, 'missing.json')).status, 2);
  assert.equal(verify(s, '--public-key', cp.public_key).status, 2);
  assert.equal(verify(s, '--bogus').status, 2);
  assert.equal(runCommand(s, ['audit', 'nonsense']).status, 2);
});

serverTest('a record before the checkpoint rewritten consistently with recomputed SHA-256 hashes to the end is caught', async (s) => {
  await activity(s);
  const { file, cp } = checkpointFile(s);
  // Rewrite record cp.seq - 1 and re-chain everything after it by the unkeyed rule.
  rechainUnkeyed(s, cp.seq - 1, (row) => (row.seq === cp.seq - 1 ? { ...row, ip: '203.0.113.9' } : row));
  const r = verify(s, '--checkpoint', file);
  assert.equal(r.status, 1, out(r));
  assert.match(r.stdout, new RegExp(`BROKEN at record ${cp.seq - 1} \\(edited\\)`));
});

serverTest('the switch-over to keyed records cannot be moved, nor the whole log passed off as unkeyed past a checkpoint', async (s) => {
  await activity(s);
  const { file } = checkpointFile(s);
  // Moving the switch-over (so that newer records would be checked by the unkeyed rule): its seal breaks.
  const n = maxSeq(s);
  dbQuery(s, `UPDATE audit_chain_state SET keyed_from_seq = ${n} WHERE id = 1`);
  const moved = verify(s);
  assert.equal(moved.status, 1, out(moved));
  assert.match(moved.stdout, /\(switch_over\): the switch-over to keyed records/);
  // Making it look as if the log were never keyed: every hash recomputed by the unkeyed rule, the seal
  // removed. The table alone cannot tell (that is what the checkpoint is for)...
  dbQuery(s, 'UPDATE audit_chain_state SET keyed_from_seq = NULL, seal = NULL WHERE id = 1');
  rechainUnkeyed(s, 1);
  assert.equal(verify(s).status, 0);
  // ...but a checkpoint taken before does.
  const r = verify(s, '--checkpoint', file);
  assert.equal(r.status, 1, out(r));
  assert.match(r.stdout, /\(switch_over\): the switch-over to keyed records moved: .* has it at 1 \(0 = none yet\), the database at 0/);
});

serverTest('a log written before the keyed chain keeps verifying; new records are keyed from the switch-over on', async (s) => {
  await activity(s);
  // What a database of the previous version looks like after migration core/006: unkeyed hashes, no
  // switch-over yet. (Rewritten under the running server, which keeps no chain state between appends.)
  dbQuery(s, 'UPDATE audit_chain_state SET keyed_from_seq = NULL, seal = NULL WHERE id = 1');
  rechainUnkeyed(s, 1);
  const legacy = maxSeq(s);
  const old = verify(s);
  assert.equal(old.status, 0, out(old));
  assert.match(old.stdout, /no keyed record yet/);

  await activity(s, 1);
  const r = verify(s);
  assert.equal(r.status, 0, out(r));
  assert.match(r.stdout, new RegExp(`keyed chain from record ${legacy + 1} \\(records before it by the old SHA-256 rule\\)`));
  assert.equal(Number(dbQuery(s, 'SELECT keyed_from_seq AS k FROM audit_chain_state')[0].k), legacy + 1);
  // The newest (keyed) record can no longer be recomputed by the old rule...
  const [last] = rowsFrom(s, 'ORDER BY seq DESC LIMIT 1');
  dbQuery(s, `UPDATE audit_log SET ip = '198.51.100.2', hash = ${sqlText(sha256Hash({ ...last, ip: '198.51.100.2' }))} WHERE seq = ${last.seq}`);
  const newest = verify(s);
  assert.equal(newest.status, 1, out(newest));
  assert.match(newest.stdout, new RegExp(`BROKEN at record ${last.seq} \\(edited\\)`));
  dbQuery(s, `UPDATE audit_log SET ip = ${sqlText(last.ip)}, hash = ${sqlText(last.hash)} WHERE seq = ${last.seq}`);
  assert.equal(verify(s).status, 0);
  // ...and an old record edited is still found.
  const [first] = rowsFrom(s, 'WHERE seq = 1');
  dbQuery(s, `UPDATE audit_log SET ip = '198.51.100.1', hash = ${sqlText(sha256Hash({ ...first, ip: '198.51.100.1' }))} WHERE seq = 1`);
  const edited = verify(s);
  assert.equal(edited.status, 1, out(edited));
  assert.match(edited.stdout, /BROKEN at record 2 \(edited\): prev_hash does not match/);
});

serverTest('GET /v1/admin/audit/checkpoint: a signed checkpoint the CLI accepts; 403 for a patient, 401 without a token', async (s) => {
  const admin = await adminLogin(s);
  const patient = (await s.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } })).json;
  const r = await s.api('GET', '/v1/admin/audit/checkpoint', { token: admin.access_token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.format, 'kiorex.audit.checkpoint.v1');
  assert.match(r.json.head_hash, /^[0-9a-f]{64}$/);
  assert.ok(r.json.seq >= 1);
  const f = join(s.dataDir, 'api-checkpoint.json');
  writeFileSync(f, r.text);
  const v = verify(s, '--checkpoint', f);
  assert.equal(v.status, 0, out(v));
  assertProblem(assert, await s.api('GET', '/v1/admin/audit/checkpoint', { token: patient.access_token }), 403, 'forbidden');
  assertProblem(assert, await s.api('GET', '/v1/admin/audit/checkpoint'), 401);
});

serverTest('the server logs a signed checkpoint at start and every KIOREX_AUDIT_CHECKPOINT_SECS', { env: { KIOREX_AUDIT_CHECKPOINT_SECS: '1' } }, async (s) => {
  await activity(s, 1);
  const lines = async (n) => {
    for (let i = 0; i < 100; i++) {
      const found = s.log().split('\n').filter((l) => l.includes('"audit.checkpoint"')).map((l) => JSON.parse(l));
      if (found.length >= n) return found;
      await sleep(100);
    }
    assert.fail(`fewer than ${n} audit.checkpoint lines in the log`);
  };
  const found = await lines(2);
  const last = found.at(-1).checkpoint;
  assert.equal(last.format, 'kiorex.audit.checkpoint.v1');
  const f = join(s.dataDir, 'logged.json');
  writeFileSync(f, JSON.stringify(last));
  const v = verify(s, '--checkpoint', f);
  assert.equal(v.status, 0, out(v));
  // The checkpoint is refused (and says why) once the log is broken.
  dbQuery(s, `UPDATE audit_log SET ip = '192.0.2.1' WHERE seq = ${last.seq}`);
  for (let i = 0; i < 50 && !s.log().includes('"audit.checkpoint_refused"'); i++) await sleep(100);
  assert.match(s.log(), /"audit.checkpoint_refused".*"first_bad_seq":\d+/);
});
