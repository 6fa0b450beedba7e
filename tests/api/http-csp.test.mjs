// The web app's Content-Security-Policy lets pages connect only to their own origin: its WebSocket origin is
// named (ws://host:port, the host the page came from), never any host's ws:/wss:.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer({ demo: false });
});
after(async () => {
  await server?.stop();
});

/** GET with a chosen Host header (fetch may not set it). */
function getWithHost(path, host) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
  });
}
const connectSrc = (csp) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));

test('HTML pages allow connections to their own origin only, the WebSocket origin named', async () => {
  const r = await server.api('GET', '/docs');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const own = `127.0.0.1:${server.port}`;
  assert.equal(connectSrc(r.headers.get('content-security-policy')), `connect-src 'self' ws://${own}`);

  const named = await getWithHost('/docs', 'clinic.example:8443');
  assert.equal(connectSrc(named.headers['content-security-policy']), "connect-src 'self' ws://clinic.example:8443");
  const v6 = await getWithHost('/docs', '[::1]:9000');
  assert.equal(connectSrc(v6.headers['content-security-policy']), "connect-src 'self' ws://[::1]:9000");
});

test('a Host header that is not a plain host[:port] never reaches the policy', async () => {
  for (const host of ["evil.example; script-src 'unsafe-inline'", 'a b', "x'y", 'x,y', '*']) {
    const r = await getWithHost('/docs', host);
    if (r.statusCode !== 200) continue; // the parser may refuse it first, which is fine too
    const csp = r.headers['content-security-policy'];
    assert.equal(connectSrc(csp), "connect-src 'self'", host);
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*script|script-src/, host);
  }
  for (const csp of [(await server.api('GET', '/docs')).headers.get('content-security-policy')]) {
    assert.doesNotMatch(csp, /(^|\s)wss?:(\s|;|$)/, 'no scheme-only ws:/wss: source');
  }
});
