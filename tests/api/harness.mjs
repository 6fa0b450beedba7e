// Black-box API test harness: starts the real kiorex binary on a free loopback port with its own
// data directory, on SQLite or on a fresh database of the throwaway PostgreSQL (KIOREX_TEST_DB),
// and gives tests a small HTTP client plus helpers that act as users do.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, createPrivateKey, sign } from 'node:crypto';
import { totp, totpStep } from '../e2e/totp.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.KIOREX_BIN || join(REPO, 'build', 'kiorex');
export const DB_KIND = process.env.KIOREX_TEST_DB || 'sqlite';
export const DEMO = {
  patient: { email: 'patient@kiorex.test', password: 'Patient-Demo-2026' },
  doctor: { email: 'doctor@kiorex.test', password: 'Doctor-Demo-2026' },
  admin: { email: 'admin@kiorex.test', password: 'Admin-Demo-2026', totpSecret: 'KIOREXDEMOADMINTOTPSECRETAAAAAAA' },
};
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const unique = (prefix = 'user') => `${prefix}.${randomBytes(5).toString('hex')}@example.org`;
export { totp, totpStep };

function createPgDatabase() {
  const base = process.env.KIOREX_TEST_PG_URL;
  if (!base) throw new Error('KIOREX_TEST_DB=postgres needs KIOREX_TEST_PG_URL (scripts/run-tests.sh sets it)');
  const name = `kx_${randomBytes(6).toString('hex')}`;
  execFileSync('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`]);
  return { url: base.replace(/\/[^/]*$/, `/${name}`), name, base };
}

/** Runs a kiorex subcommand against a server's configuration; returns {status, stdout, stderr}. */
export function runCommand(server, args) {
  try {
    const stdout = execFileSync(BIN, args, { env: server.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout || '', stderr: e.stderr || '' };
  }
}

export async function startServer({ env = {}, demo = true } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiorex-api-'));
  let pg = null;
  const fullEnv = {
    PATH: process.env.PATH,
    KIOREX_DATA_DIR: dataDir,
    KIOREX_PORT: '0',
    KIOREX_BIND: '127.0.0.1',
    KIOREX_ARGON2: 'test',
    KIOREX_LOG_FILE: join(dataDir, 'server.log'),
    KIOREX_LOG_LEVEL: 'debug',
    KIOREX_OUTBOX_POLL_MS: '25',
    KIOREX_RATE_USER_PER_MIN: '100000',
    KIOREX_RATE_IP_PER_MIN: '100000',
    KIOREX_RATE_LOGIN_PER_15MIN: '100000',
    KIOREX_IO_THREADS: '2',
    KIOREX_DATABASE_POOL_SIZE: '4',
  };
  if (DB_KIND === 'postgres') {
    pg = createPgDatabase();
    fullEnv.KIOREX_DATABASE_URL = pg.url;
  }
  Object.assign(fullEnv, env);
  const server = { env: fullEnv, dataDir, logFile: fullEnv.KIOREX_LOG_FILE, pg };
  if (demo) {
    const r = runCommand(server, ['demo-data']);
    if (r.status !== 0) throw new Error(`demo-data failed: ${r.stderr}`);
  }
  const child = spawn(BIN, ['serve'], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  server.child = child;
  server.stderr = '';
  child.stderr.on('data', (d) => (server.stderr += d));
  server.exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const port = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`server did not start: ${server.stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on https?:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    });
    child.on('exit', (code) => rej(new Error(`server exited with ${code}: ${server.stderr}`)));
  });
  server.port = port;
  server.base = `http://127.0.0.1:${port}`;
  server.api = (method, path, opts = {}) => api(server.base, method, path, opts);
  server.stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await server.exited;
    }
    if (pg) {
      try {
        execFileSync('psql', [pg.base, '-q', '-c', `DROP DATABASE IF EXISTS ${pg.name} WITH (FORCE)`]);
      } catch {}
    }
    if (!process.env.KIOREX_KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  server.log = () => (existsSync(server.logFile) ? readFileSync(server.logFile, 'utf8') : '');
  return server;
}

/** One HTTP call. Returns {status, headers, text, json}. */
export async function api(base, method, path, { body, token, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

// ---- acting as users -------------------------------------------------------------------------------------------

const usedSteps = new Map();
/** A TOTP code for the secret that the server has not seen yet (codes are single-use per 30 s step). */
export async function freshTotp(secret) {
  for (;;) {
    const step = totpStep();
    if (usedSteps.get(secret) !== step) {
      usedSteps.set(secret, step);
      return totp(secret);
    }
    await sleep(((step + 1) * 30 * 1000) - Date.now() + 50);
  }
}

/**
 * The headers that send back the MFA challenge's client secret: the first sign-in step sets it as the
 * kiorex_mfa cookie beside mfa_token, and /v1/auth/login/mfa accepts the token only with it.
 */
export function mfaCookie(firstStep) {
  const c = firstStep.headers.getSetCookie().find((v) => v.startsWith('kiorex_mfa='));
  return c ? { cookie: c.split(';')[0] } : {};
}

/** The second sign-in step for the challenge of `firstStep` (a /login, /verify-otp or /social-login answer). */
export function mfaStep(server, firstStep, code, { mfaToken = firstStep.json.mfa_token, headers = mfaCookie(firstStep) } = {}) {
  return server.api('POST', '/v1/auth/login/mfa', { body: { mfa_token: mfaToken, code }, headers });
}

/** Signs in the demo admin (password + TOTP) and returns the token response. */
export async function adminSession(server) {
  const r1 = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.admin.email, password: DEMO.admin.password } });
  if (r1.status !== 200 || !r1.json.mfa_required) throw new Error(`admin login: ${r1.status} ${r1.text}`);
  const r2 = await mfaStep(server, r1, await freshTotp(DEMO.admin.totpSecret));
  if (r2.status !== 200) throw new Error(`admin mfa: ${r2.status} ${r2.text}`);
  return r2.json;
}

/**
 * Waits for the newest dev-outbox message to `to` and returns it opened, code and all (read as the admin:
 * the list masks codes, so the message is opened on purpose by id, which the server audits).
 */
export async function readOutbox(server, to, { since = 0, timeoutMs = 5000 } = {}) {
  server.adminToken ??= (await adminSession(server)).access_token;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await server.api('GET', `/v1/admin/dev-outbox?to=${encodeURIComponent(to)}&limit=10`, { token: server.adminToken });
    if (r.status !== 200) throw new Error(`dev-outbox: ${r.status} ${r.text}`);
    const items = r.json.items.filter((m) => Date.parse(m.created_at) >= since);
    if (items.length) return openOutboxMessage(server, items[0].id);
    await sleep(50);
  }
  return null;
}

/** One dev-outbox message as stored (with its code), opened as the admin. */
export async function openOutboxMessage(server, id) {
  server.adminToken ??= (await adminSession(server)).access_token;
  const r = await server.api('GET', `/v1/admin/dev-outbox/${encodeURIComponent(id)}`, { token: server.adminToken });
  if (r.status !== 200) throw new Error(`dev-outbox/${id}: ${r.status} ${r.text}`);
  return r.json;
}

export const codeIn = (message) => message?.text.match(/\b(\d{6})\b/)?.[1];

/** Registers and verifies a new account; returns {email, password, tokens}. */
export async function newVerifiedUser(server, { role = 'patient', name = 'Test Person' } = {}) {
  const email = unique(role);
  const password = `Str0ng-${randomBytes(6).toString('hex')}`;
  const since = Date.now() - 1000;
  const r = await server.api('POST', '/v1/auth/register', { body: { name, email, password, role } });
  if (r.status !== 202) throw new Error(`register: ${r.status} ${r.text}`);
  const msg = await readOutbox(server, email, { since });
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code: codeIn(msg), purpose: 'verify_contact' } });
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${v.text}`);
  return { email, password, tokens: v.json, token: v.json.access_token, id: v.json.user.id };
}

/** Signs JWT claims with the server's own token key (Ed25519 from the data directory), as the server would. */
export function signWithServerKey(server, claims) {
  const dir = join(server.dataDir, 'keys', 'jwt');
  const kid = readFileSync(join(dir, 'current'), 'utf8').trim();
  const key = createPrivateKey(readFileSync(join(dir, `${kid}.pem`)));
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * A new verified patient who enrolled an authenticator (enrolment spent the current step, `enrolledStep`);
 * returns newVerifiedUser's fields plus {secret, recovery (ten codes), enrolledStep}.
 */
export async function newMfaUser(server) {
  const user = await newVerifiedUser(server);
  const setup = await server.api('POST', '/v1/auth/mfa/totp/setup', { token: user.token });
  if (setup.status !== 200) throw new Error(`mfa setup: ${setup.status} ${setup.text}`);
  const step = totpStep();
  const confirm = await server.api('POST', '/v1/auth/mfa/totp/confirm', { token: user.token, body: { code: totp(setup.json.secret, step * 30000 + 1000) } });
  if (confirm.status !== 200) throw new Error(`mfa confirm: ${confirm.status} ${confirm.text}`);
  return { ...user, secret: setup.json.secret, recovery: confirm.json.recovery_codes, enrolledStep: step };
}

/** Asserts an RFC 9457 problem response. */
export function assertProblem(assert, res, status, type) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') || '', /application\/problem\+json/);
  assert.equal(res.json.status, status);
  if (type) assert.equal(res.json.type, `https://kiorex.dev/problems/${type}`);
  assert.ok(res.json.request_id, 'problem carries the request id');
}

// ---- shared helpers of the API suites (appended) ---------------------------------------------------------------

const stepsByServer = new WeakMap();
/**
 * A TOTP code for `secret` that this server has not accepted yet. The server accepts the previous, current and
 * next 30-s step, each once per account, so up to three sign-ins per account can happen without waiting; after
 * that this waits for the next step. Steps are tracked per server (each has its own database).
 */
export async function totpFor(server, secret) {
  if (!stepsByServer.has(server)) stepsByServer.set(server, new Map());
  const used = stepsByServer.get(server);
  for (;;) {
    const nowMs = Date.now();
    const step = totpStep(nowMs);
    const into = nowMs / 1000 - step * 30;
    const last = used.get(secret) ?? -Infinity;
    // The previous step only when the clock is well inside the current one (it must still be in the window).
    const candidates = [into > 3 ? step - 1 : null, step, into < 27 ? step + 1 : null].filter((s) => s !== null);
    const pick = candidates.find((s) => s > last);
    if (pick !== undefined) {
      used.set(secret, pick);
      return totp(secret, pick * 30 * 1000 + 1000);
    }
    await sleep((step + 1) * 30 * 1000 - nowMs + 100);
  }
}

/** Signs the demo admin in on this server (password + TOTP from totpFor) and remembers server.adminToken. */
export async function adminLogin(server) {
  const r1 = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.admin.email, password: DEMO.admin.password } });
  if (r1.status !== 200 || !r1.json.mfa_required) throw new Error(`admin login: ${r1.status} ${r1.text}`);
  let r2 = await mfaStep(server, r1, await totpFor(server, DEMO.admin.totpSecret));
  if (r2.status === 401 && r2.json?.type?.endsWith('/invalid-mfa-code')) {
    // A code picked at a step's edge can expire on its way when both cores are saturated: one more try, with
    // a fresh challenge and the next step's code (a wrong code leaves nothing behind but an audit record).
    console.error(`adminLogin: code refused (${r2.json.request_id}); retrying with the next step`);
    const again = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.admin.email, password: DEMO.admin.password } });
    r2 = await mfaStep(server, again, await totpFor(server, DEMO.admin.totpSecret));
  }
  if (r2.status !== 200) throw new Error(`admin mfa: ${r2.status} ${r2.text}`);
  server.adminToken ??= r2.json.access_token;
  return r2.json;
}

/** Runs one SQL statement on the server's database (SQLite file or PostgreSQL); a SELECT returns row objects. */
export function dbQuery(server, sqlText) {
  const select = /^\s*(select|with)\b/i.test(sqlText);
  if (server.pg) {
    const q = select ? `SELECT coalesce(json_agg(t), '[]'::json) FROM (${sqlText}) t` : sqlText;
    const out = execFileSync('psql', [server.env.KIOREX_DATABASE_URL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8' });
    return select ? JSON.parse(out.trim() || '[]') : out;
  }
  const py = 'import sqlite3, json, sys\n' +
    'c = sqlite3.connect(sys.argv[1], timeout=10)\nc.row_factory = sqlite3.Row\n' +
    'rows = [dict(r) for r in c.execute(sys.argv[2]).fetchall()]\nc.commit()\nprint(json.dumps(rows))\n';
  const out = execFileSync('python3', ['-c', py, join(server.dataDir, 'kiorex.db'), sqlText], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** A SQL string literal. */
export const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** Starts a node peer from tests/peers and resolves with {child, info (its first stdout line, parsed), stop()}. */
export async function startPeer(script, args = []) {
  const child = spawn(process.execPath, [join(REPO, 'tests', 'peers', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((res) => child.on('exit', res));
  const info = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`${script} did not start: ${err}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try { res(JSON.parse(out.slice(0, nl))); } catch (e) { rej(e); }
      }
    });
    child.on('exit', (code) => rej(new Error(`${script} exited with ${code}: ${err}`)));
  });
  return {
    child, info,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

// ---- helpers of the user-service suites (appended) -------------------------------------------------------------

/** Signs in with a password; returns the token response plus {token, id, name, email, password}. */
export async function passwordLogin(server, identifier, password) {
  const r = await server.api('POST', '/v1/auth/login', { body: { identifier, password } });
  if (r.status !== 200 || !r.json?.access_token) throw new Error(`login ${identifier}: ${r.status} ${r.text}`);
  return { ...r.json, token: r.json.access_token, id: r.json.user.id, name: r.json.user.name, email: identifier, password };
}

/** A support agent: registered and verified, made `support` by the admin (with a reason), then signed in again. */
export async function newSupportUser(server, { name = 'Sam Support' } = {}) {
  if (!server.adminToken) await adminLogin(server);
  const u = await newVerifiedUser(server, { name });
  const r = await server.api('PUT', `/v1/admin/users/${u.id}/role`, {
    token: server.adminToken, body: { role: 'support', reason: 'joins the help desk' },
  });
  if (r.status !== 200) throw new Error(`role change: ${r.status} ${r.text}`);
  const s = await passwordLogin(server, u.email, u.password);
  if (s.user.role !== 'support') throw new Error(`the new sign-in is not support: ${JSON.stringify(s.user)}`);
  return s;
}

/**
 * Everything the server's database holds, as one string: a full logical dump (SQLite `iterdump`, PostgreSQL
 * `pg_dump --data-only`) and, with `raw` on SQLite, the bytes of the database file and its WAL/journal too
 * (which also hold rows that were deleted or overwritten).
 */
export function databaseText(server, { raw = false } = {}) {
  if (server.pg) {
    return execFileSync('pg_dump', ['--data-only', '--no-owner', '--no-privileges', server.env.KIOREX_DATABASE_URL],
      { encoding: 'utf8', maxBuffer: 1 << 28 });
  }
  const file = join(server.dataDir, 'kiorex.db');
  const py = 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=10)\n' +
    'sys.stdout.write("\\n".join(c.iterdump()))\n';
  let text = execFileSync('python3', ['-c', py, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (raw) {
    for (const f of [file, `${file}-wal`, `${file}-journal`]) if (existsSync(f)) text += `\n${readFileSync(f).toString('latin1')}`;
  }
  return text;
}

/** Which of `markers` occur in `text`, as they are or hex-encoded (how dumps show BLOBs). */
export function markersIn(text, markers) {
  const lower = text.toLowerCase();
  return markers.filter((m) => text.includes(m) || lower.includes(Buffer.from(m, 'utf8').toString('hex')));
}
