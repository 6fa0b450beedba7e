// The data dir is private to the server's user: folders 0700, files 0600 (database and its -wal/-shm, keys,
// logs, stored files), and a looser data dir found at start is tightened and named in the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, newVerifiedUser, DB_KIND } from './harness.mjs';

/** [path, mode] of everything under dir (symbolic links left out). */
function modesUnder(dir) {
  const out = [[dir, lstatSync(dir).mode & 0o7777, true]];
  for (const name of readdirSync(dir, { recursive: true })) {
    const st = lstatSync(join(dir, name));
    if (!st.isSymbolicLink()) out.push([join(dir, name), st.mode & 0o7777, st.isDirectory()]);
  }
  return out;
}
/** The entries whose mode is not the private one, as "path mode" (the root counts as a folder). */
const notPrivate = (entries) =>
  entries.filter(([, mode, isDir]) => mode !== (isDir === false ? 0o600 : 0o700)).map(([p, m]) => `${p} ${m.toString(8)}`);

test('everything the server writes under its data dir is 0600 in folders 0700', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiorex-modes-'));
  chmodSync(dataDir, 0o755);
  try {
    mkdirSync(join(dataDir, 'logs'), { mode: 0o700 });
    const server = await startServer({ env: { KIOREX_DATA_DIR: dataDir, KIOREX_LOG_FILE: join(dataDir, 'logs', 'server.log') } });
    let running;
    try {
      await newVerifiedUser(server); // writes to the database and the outbox, signs tokens
      running = modesUnder(dataDir); // while SQLite's -wal and -shm exist
    } finally {
      await server.stop();
    }
    const names = running.map(([p]) => p.slice(dataDir.length));
    const expected = ['/keys', '/logs/server.log', ...(DB_KIND === 'sqlite' ? ['/kiorex.db', '/kiorex.db-wal', '/kiorex.db-shm'] : [])];
    for (const name of expected) assert.ok(names.includes(name), `${name} was written (${names.join(', ')})`);
    assert.ok(running.filter(([, , isDir]) => isDir === false).length >= expected.length - 1);
    assert.deepEqual(notPrivate(running), []);
    assert.deepEqual(notPrivate(modesUnder(dataDir)), []);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a data dir left readable by others is tightened at start, each change named with its old mode', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiorex-modes-'));
  const logDir = mkdtempSync(join(tmpdir(), 'kiorex-modes-log-'));
  try {
    // As an older release or a careless restore would leave it (keys/audit stands for any key kind).
    mkdirSync(join(dataDir, 'keys', 'audit'), { recursive: true });
    writeFileSync(join(dataDir, 'keys', 'audit', '1.key'), 'not a real key');
    mkdirSync(join(dataDir, 'files', 'prescriptions'), { recursive: true });
    writeFileSync(join(dataDir, 'files', 'prescriptions', 'rx_old.pdf.sealed'), 'sealed');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'keys'), 0o755);
    chmodSync(join(dataDir, 'keys', 'audit'), 0o775);
    chmodSync(join(dataDir, 'keys', 'audit', '1.key'), 0o644);
    chmodSync(join(dataDir, 'files', 'prescriptions', 'rx_old.pdf.sealed'), 0o640);
    const logFile = join(logDir, 'server.log');
    const server = await startServer({ env: { KIOREX_DATA_DIR: dataDir, KIOREX_LOG_FILE: logFile }, demo: false });
    await server.stop();
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      .filter((l) => l.event === 'storage.permissions_tightened');
    const root = realpathSync(dataDir);
    const reported = Object.fromEntries(lines.map((l) => [l.path.slice(root.length), l.mode]));
    assert.equal(reported[''], '0755', JSON.stringify(lines));
    assert.equal(reported['/keys'], '0755');
    assert.equal(reported['/keys/audit'], '0775');
    assert.equal(reported['/keys/audit/1.key'], '0644');
    assert.equal(reported['/files/prescriptions/rx_old.pdf.sealed'], '0640');
    assert.ok(lines.every((l) => l.now === '0600' || l.now === '0700'));
    assert.deepEqual(notPrivate(modesUnder(dataDir)), []);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  }
});
