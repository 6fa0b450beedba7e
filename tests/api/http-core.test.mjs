// The HTTP layer as clients meet it: request ids, security headers, problem responses, limits, compression, CORS,
// keep-alive, slow clients and graceful shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { startServer, DEMO, assertProblem, unique, sleep } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Sends raw bytes on a new connection and resolves with everything the server sent until it closed. */
function rawExchange(port, chunks, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got: ${data.slice(0, 200)}`));
    }, timeoutMs);
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('error', () => {}); // a reset after the response is fine; we look at what arrived
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    sock.on('connect', () => {
      for (const c of chunks) sock.write(c);
    });
  });
}
const statusOf = (raw) => Number(raw.match(/^HTTP\/1\.1 (\d{3})/)?.[1]);

/** GET with node:http (no automatic decompression). */
function rawGet(path, headers = {}, agent = undefined) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks), reused: req.reusedSocket, socket: req.socket }));
    });
    req.on('error', reject);
  });
}

test('every response carries an X-Request-Id, generated or echoed when the client sent a valid one', async () => {
  const ok = await server.api('GET', '/v1/meta');
  assert.match(ok.headers.get('x-request-id') || '', /^req_[0-9a-f]{24}$/);
  const other = await server.api('GET', '/v1/meta');
  assert.notEqual(other.headers.get('x-request-id'), ok.headers.get('x-request-id'));

  const echoed = await server.api('GET', '/v1/meta', { headers: { 'x-request-id': 'client-trace_0042' } });
  assert.equal(echoed.headers.get('x-request-id'), 'client-trace_0042');

  const err = await server.api('GET', '/v1/does-not-exist', { headers: { 'x-request-id': 'trace-err-1' } });
  assert.equal(err.status, 404);
  assert.equal(err.headers.get('x-request-id'), 'trace-err-1');
  assert.equal(err.json.request_id, 'trace-err-1', 'the problem body names the same id');

  const bad = await server.api('POST', '/v1/auth/login', { body: {}, headers: { 'x-request-id': 'has spaces and ; semicolons' } });
  assert.equal(bad.status, 422);
  const id = bad.headers.get('x-request-id');
  assert.match(id, /^req_[0-9a-f]{24}$/, 'an invalid client id is replaced');
  assert.equal(bad.json.request_id, id);
  const long = await server.api('GET', '/v1/meta', { headers: { 'x-request-id': 'x'.repeat(65) } });
  assert.match(long.headers.get('x-request-id'), /^req_/);
});

test('API responses carry the security headers, a locked-down CSP and Cache-Control: no-store', async () => {
  for (const res of [await server.api('GET', '/v1/meta'), await server.api('GET', '/v1/auth/me')]) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const csp = res.headers.get('content-security-policy') || '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
  }
  const login = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
  assert.equal(login.headers.get('cache-control'), 'no-store', 'tokens are never cached');
  const health = await server.api('GET', '/healthz');
  assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
});

test('an unknown /v1 path is a 404 problem', async () => {
  const r = await server.api('GET', '/v1/no/such/thing');
  assertProblem(assert, r, 404, 'not-found');
  assert.equal(r.json.instance, '/v1/no/such/thing');
  const post = await server.api('POST', '/v1/nothing-here', { body: {} });
  assertProblem(assert, post, 404, 'not-found');
});

test('a wrong method is a 405 problem with an Allow header', async () => {
  const r = await server.api('DELETE', '/v1/auth/login');
  assertProblem(assert, r, 405, 'method-not-allowed');
  assert.match(r.headers.get('allow') || '', /\bPOST\b/);
  assert.doesNotMatch(r.headers.get('allow'), /DELETE/);
  const get = await server.api('GET', '/v1/auth/register');
  assert.equal(get.status, 405);
  assert.match(get.headers.get('allow'), /POST/);
  const put = await server.api('PUT', '/v1/auth/me', { body: {} });
  assert.equal(put.status, 405);
  assert.match(put.headers.get('allow'), /GET/);
});

test('a body over 1 MiB is refused with 413 before it is read', async () => {
  const head = 'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${1024 * 1024 + 1}\r\n\r\n`;
  // Refused on the announced length alone.
  const raw = await rawExchange(server.port, [head, '{"identifier":"']);
  assert.equal(statusOf(raw), 413, raw.slice(0, 300));
  assert.match(raw, /application\/problem\+json/i);
  // And a client that sends the whole oversized body sees the 413 too.
  const big = await server.api('POST', '/v1/auth/login', { raw: `{"identifier":"${'a'.repeat(1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413, big.text);
  assert.equal(big.json?.status, 413);
  // Exactly at the limit is fine (it is an ordinary bad request then).
  const body = JSON.stringify({ identifier: 'a@b.cd', password: 'p'.repeat(1024 * 1024 - 60) });
  assert.ok(body.length <= 1024 * 1024);
  const atLimit = await server.api('POST', '/v1/auth/login', { raw: body, headers: { 'content-type': 'application/json' } });
  assert.notEqual(atLimit.status, 413);
  assert.equal(atLimit.status, 422, atLimit.text);
  // The server still serves after refusing.
  assert.equal((await server.api('GET', '/healthz')).status, 200);
});

test('request headers over 16 KiB are refused with 431', async () => {
  const raw = await rawExchange(server.port, [`GET /v1/meta HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(17 * 1024)}\r\n\r\n`]);
  assert.equal(statusOf(raw), 431, raw.slice(0, 300));
  const small = await rawExchange(server.port, [`GET /v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ${'b'.repeat(8 * 1024)}\r\n\r\n`]);
  assert.equal(statusOf(small), 200);
});

test('GET /v1/openapi.json with Accept-Encoding: gzip is compressed and decompresses to the document', async () => {
  const { res, body } = await rawGet('/v1/openapi.json', { 'accept-encoding': 'gzip' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.match(res.headers.vary || '', /Accept-Encoding/i);
  const doc = JSON.parse(gunzipSync(body).toString('utf8'));
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/v1/auth/login']);
  assert.ok(body.length < gunzipSync(body).length, 'smaller on the wire');
  const plain = await rawGet('/v1/openapi.json');
  assert.equal(plain.res.headers['content-encoding'], undefined, 'not compressed unless asked');
  assert.deepEqual(JSON.parse(plain.body.toString('utf8')), doc);
});

test('CORS: an allowed origin passes the preflight, another origin is refused', async () => {
  const cors = await startServer({ env: { KIOREX_CORS_ORIGINS: 'http://app.example' } });
  try {
    const preflight = (origin) => cors.api('OPTIONS', '/v1/auth/login', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-csrf-token' },
    });
    const ok = await preflight('http://app.example');
    assert.equal(ok.status, 204, ok.text);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.match(ok.headers.get('access-control-allow-methods') || '', /POST/);
    const allowHeaders = (ok.headers.get('access-control-allow-headers') || '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'x-csrf-token']) assert.ok(allowHeaders.includes(h), allowHeaders);
    assert.match(ok.headers.get('vary') || '', /Origin/);

    const evil = await preflight('http://evil.example');
    assertProblem(assert, evil, 403, 'forbidden');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);

    // Actual requests: the allowed origin may read the response (and X-Request-Id), the other may not.
    const get = await cors.api('GET', '/v1/meta', { headers: { origin: 'http://app.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.match(get.headers.get('access-control-expose-headers') || '', /X-Request-Id/i);
    const other = await cors.api('GET', '/v1/meta', { headers: { origin: 'http://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    // The default server (no KIOREX_CORS_ORIGINS) allows no origin at all.
    const none = await server.api('OPTIONS', '/v1/auth/login', { headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' } });
    assert.equal(none.status, 403);
  } finally {
    await cors.stop();
  }
});

test('keep-alive: several requests reuse one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const a = await rawGet('/v1/meta', {}, agent);
    const b = await rawGet('/healthz', {}, agent);
    const c = await rawGet('/v1/auth/me', {}, agent); // an error response keeps the connection too
    assert.equal(a.res.statusCode, 200);
    assert.equal(b.res.statusCode, 200);
    assert.equal(c.res.statusCode, 401);
    assert.equal(a.reused, false);
    assert.equal(b.reused, true, 'second request reused the socket');
    assert.equal(c.reused, true, 'third request reused the socket');
    assert.equal(a.socket, c.socket);
    assert.notEqual(a.res.headers.connection, 'close');
  } finally {
    agent.destroy();
  }
});

test('a client that sends half a request line and stalls is disconnected after the header timeout', async () => {
  const started = Date.now();
  const outcome = await new Promise((resolve) => {
    const sock = net.connect(server.port, '127.0.0.1', () => sock.write('GET /v1/me'));
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.on('error', () => {});
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ closed: false, data });
    }, 13000);
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, data });
    });
  });
  const elapsed = Date.now() - started;
  assert.equal(outcome.closed, true, 'the server closed the connection');
  assert.ok(elapsed >= 8000, `not before the timeout (${elapsed} ms)`);
  assert.ok(elapsed <= 12500, `within ~12 s (${elapsed} ms)`);
  // The server is still healthy.
  assert.equal((await server.api('GET', '/healthz')).status, 200);
});

test('graceful shutdown: a request in flight at SIGTERM completes with 202 and the process exits 0', async () => {
  const s = await startServer();
  try {
    const body = JSON.stringify({ identifier: unique('shutdown') });
    const result = new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port: s.port, method: 'POST', path: '/v1/auth/forgot-password',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, text, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end(body, async () => {
        await sleep(15); // the request is on the wire and being handled (it takes at least 60 ms)
        s.child.kill('SIGTERM');
      });
    });
    const r = await result;
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(JSON.parse(r.text), { status: 'accepted' });
    assert.equal(r.connection, 'close', 'the connection is not kept during shutdown');
    const exit = await s.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
    // New connections are refused after shutdown.
    await assert.rejects(fetch(`${s.base}/healthz`));
  } finally {
    await s.stop();
  }
});

test('limit refusals (413, 431) are problem responses that carry an X-Request-Id and nosniff like every other error', async () => {
  const big = await server.api('POST', '/v1/auth/login', { raw: `{"identifier":"${'a'.repeat(1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
  const headers = await server.api('GET', '/v1/meta', { headers: { 'x-big': 'b'.repeat(17 * 1024) } }).catch((e) => ({ error: e }));
  for (const [name, r, status] of [['413', big, 413], ['431', headers, 431]]) {
    assert.equal(r.status, status, `${name}: ${r.text ?? r.error}`);
    assert.match(r.headers.get('content-type') || '', /application\/problem\+json/);
    assert.match(r.headers.get('x-request-id') || '', /^req_[0-9a-f]{24}$/, `${name} has an X-Request-Id`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${name} has nosniff`);
  }
});
