// Operational surface: health, readiness, metrics, the OpenAPI document and its UI, /v1/meta, and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, runCommand, BIN, DB_KIND, DEMO } from './harness.mjs';

let server;
const METRICS_TOKEN = 'system-test-metrics-token';
before(async () => {
  server = await startServer({ env: { KIOREX_METRICS_TOKEN: METRICS_TOKEN } });
});
after(async () => {
  await server?.stop();
});

/** Parses Prometheus text into [{name, labels, value}]. */
function parseMetrics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/);
    assert.ok(m, `well-formed sample line: ${line}`);
    const labels = {};
    for (const [, k, v] of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}
const sample = (metrics, name, labels = {}) =>
  metrics.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
async function scrape() {
  const r = await server.api('GET', '/metrics', { token: METRICS_TOKEN });
  assert.equal(r.status, 200);
  return { res: r, metrics: parseMetrics(r.text) };
}

test('/healthz answers 200 ok', async () => {
  const r = await server.api('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { status: 'ok' });
  const head = await server.api('HEAD', '/healthz');
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
});

test('/readyz answers 200 with the database ok and no pending migrations', async () => {
  const r = await server.api('GET', '/readyz');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'ready');
  assert.equal(r.json.database, 'ok');
  assert.equal(r.json.pending_migrations, 0);
});

test('/metrics counts requests per route template, with a duration histogram, pool size and outbox lag', async () => {
  const login = () => server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
  assert.equal((await login()).status, 200);
  assert.equal((await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: 'Wrong-Password-1' } })).status, 401);
  await server.api('GET', '/v1/unknown-path-zq81');
  const { res, metrics } = await scrape();
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.match(res.text, /# TYPE kiorex_http_requests_total counter/);
  assert.match(res.text, /# TYPE kiorex_http_request_duration_seconds histogram/);
  const ok = sample(metrics, 'kiorex_http_requests_total', { route: '/v1/auth/login', method: 'POST', status: '200' });
  assert.ok(ok && ok.value >= 1, 'successful logins are counted');
  const failed = sample(metrics, 'kiorex_http_requests_total', { route: '/v1/auth/login', method: 'POST', status: '401' });
  assert.ok(failed && failed.value >= 1, 'failed logins are counted by status');
  assert.ok(!res.text.includes('unknown-path-zq81'), 'raw paths never become labels');

  // The histogram is consistent: cumulative buckets end at +Inf == _count.
  const buckets = metrics.filter((s) => s.name === 'kiorex_http_request_duration_seconds_bucket' && s.labels.route === '/v1/auth/login');
  assert.ok(buckets.length >= 3, 'several buckets');
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative');
  const inf = buckets.find((b) => b.labels.le === '+Inf');
  const count = sample(metrics, 'kiorex_http_request_duration_seconds_count', { route: '/v1/auth/login' });
  assert.equal(inf.value, count.value);
  assert.ok(count.value >= 2);
  assert.ok(sample(metrics, 'kiorex_http_request_duration_seconds_sum', { route: '/v1/auth/login' }).value > 0);

  const pool = sample(metrics, 'kiorex_db_pool_size');
  assert.ok(pool && pool.value >= 1, 'pool size gauge');
  const lag = sample(metrics, 'kiorex_outbox_lag_seconds');
  assert.ok(lag && lag.value >= 0, 'outbox lag gauge');

  // Another login moves the counter by exactly one.
  await login();
  const after2 = sample((await scrape()).metrics, 'kiorex_http_requests_total', { route: '/v1/auth/login', method: 'POST', status: '200' });
  assert.equal(after2.value, ok.value + 1);
});

test('the OpenAPI document describes every operation, all auth routes, and bearerAuth on non-public ones', async () => {
  const r = await server.api('GET', '/v1/openapi.json');
  assert.equal(r.status, 200);
  const doc = r.json;
  assert.match(doc.openapi, /^3\.1/);
  assert.ok(doc.info.title && doc.info.version);
  assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      count++;
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(typeof op.summary === 'string' && op.summary.length > 3, `${where} has a summary`);
      assert.ok(Array.isArray(op.tags) && op.tags.length > 0, `${where} has tags`);
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${where} has responses`);
      // A WebSocket endpoint's success is the upgrade (101 Switching Protocols).
      assert.ok(Object.keys(op.responses).some((s) => /^(2\d\d|101)$/.test(s)), `${where} documents a success status`);
      const bearer = (op.security || []).some((s) => 'bearerAuth' in s);
      if (op.responses['401']) assert.ok(bearer, `${where} answers 401, so it declares bearerAuth`);
    }
  }
  assert.ok(count >= 20, `${count} operations`);
  const expected = {
    '/v1/auth/register': 'post', '/v1/auth/login': 'post', '/v1/auth/login/mfa': 'post', '/v1/auth/otp/request': 'post',
    '/v1/auth/verify-otp': 'post', '/v1/auth/forgot-password': 'post', '/v1/auth/reset-password': 'post',
    '/v1/auth/refresh': 'post', '/v1/auth/logout': 'post', '/v1/auth/me': 'get', '/v1/auth/mfa/totp/setup': 'post',
    '/v1/auth/mfa/totp/confirm': 'post', '/v1/auth/mfa/totp': 'delete', '/v1/auth/social-login': 'post',
    '/.well-known/jwks.json': 'get',
  };
  for (const [path, method] of Object.entries(expected)) assert.ok(doc.paths[path]?.[method], `${method} ${path} is documented`);
  const nonPublic = [['/v1/auth/logout', 'post'], ['/v1/auth/me', 'get'], ['/v1/auth/mfa/totp/setup', 'post'],
    ['/v1/auth/mfa/totp/confirm', 'post'], ['/v1/auth/mfa/totp', 'delete'], ['/v1/admin/dev-outbox', 'get'],
    ['/v1/admin/audit/verify', 'get'], ['/v1/admin/events/dead-letters', 'get']];
  for (const [path, method] of nonPublic) {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path} is documented`);
    assert.ok((op.security || []).some((s) => 'bearerAuth' in s), `${method} ${path} declares bearerAuth`);
  }
  for (const path of ['/v1/auth/login', '/v1/auth/register', '/v1/auth/refresh']) {
    assert.deepEqual(doc.paths[path].post.security ?? [], [], `${path} is public`);
  }
  // Request bodies are described for the JSON endpoints.
  assert.ok(doc.paths['/v1/auth/register'].post.requestBody?.content?.['application/json']?.schema);
});

test('/docs serves the Swagger UI page pointing at the OpenAPI document', async () => {
  const r = await server.api('GET', '/docs');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /swagger-ui/);
  const init = await server.api('GET', '/docs/swagger-init.js');
  assert.equal(init.status, 200);
  assert.match(init.text, /\/v1\/openapi\.json/);
});

test('/v1/meta names the version (the same as `kiorex version`) and the database', async () => {
  const r = await server.api('GET', '/v1/meta');
  assert.equal(r.status, 200);
  const v = runCommand(server, ['version']);
  assert.equal(v.status, 0);
  const cliVersion = v.stdout.trim().match(/^kiorex (\S+)$/)?.[1];
  assert.ok(cliVersion, v.stdout);
  assert.match(cliVersion, /^\d+\.\d+\.\d+/);
  assert.equal(r.json.version, cliVersion);
  assert.equal(r.json.database, DB_KIND === 'postgres' ? 'postgresql' : 'sqlite');
  assert.equal(typeof r.json.demo, 'boolean');
});

test('`kiorex migrate` on a migrated database applies nothing', async () => {
  const r = runCommand(server, ['migrate']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /schema is current \(0 applied now\)/);
  assert.doesNotMatch(r.stdout, /^applied /m);
  assert.equal((await server.api('GET', '/readyz')).json.pending_migrations, 0);
});

test('bad configuration stops `kiorex serve` with a non-zero exit and a message naming the variable', () => {
  const run = (extra) => spawnSync(BIN, ['serve'], { env: { ...server.env, ...extra }, encoding: 'utf8', timeout: 10000 });
  const port = run({ KIOREX_PORT: 'notaport' });
  assert.equal(port.signal, null, 'exited by itself');
  assert.notEqual(port.status, 0);
  assert.match(port.stderr, /KIOREX_PORT/);
  assert.doesNotMatch(port.stdout, /listening/);
  const unknown = run({ KIOREX_FOO: '1' });
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /KIOREX_FOO/);
  const level = run({ KIOREX_LOG_LEVEL: 'chatty' });
  assert.notEqual(level.status, 0);
  assert.match(level.stderr, /KIOREX_LOG_LEVEL/);
});
