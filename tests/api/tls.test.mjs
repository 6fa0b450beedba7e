// HTTPS: with KIOREX_TLS_CERT/KEY the server speaks TLS 1.3 only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import tls from 'node:tls';
import { startServer } from './harness.mjs';

let server, dir, cert;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiorex-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  server = await startServer({ env: { KIOREX_TLS_CERT: join(dir, 'cert.pem'), KIOREX_TLS_KEY: join(dir, 'key.pem') } });
});

after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('serves HTTPS over TLS 1.3 with HSTS', async () => {
  const res = await new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port: server.port, path: '/healthz', ca: cert }, (r) => {
      const protocol = r.socket.getProtocol();
      let body = '';
      r.on('data', (d) => (body += d));
      r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, body, protocol }));
    });
    req.on('error', reject);
  });
  assert.equal(res.status, 200);
  assert.equal(JSON.parse(res.body).status, 'ok');
  assert.equal(res.protocol, 'TLSv1.3');
  assert.match(res.headers['strict-transport-security'], /max-age=\d+/);
});

test('refuses a client limited to TLS 1.2', async () => {
  const outcome = await new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port: server.port, ca: cert, maxVersion: 'TLSv1.2', servername: 'localhost' });
    s.on('secureConnect', () => { s.destroy(); resolve('connected'); });
    s.on('error', (e) => resolve(`refused: ${e.code}`));
  });
  assert.match(outcome, /^refused/);
});

test('plain HTTP to the TLS port gets no HTTP answer', async () => {
  const got = await fetch(`http://127.0.0.1:${server.port}/healthz`).then((r) => r.status, () => 'failed');
  assert.equal(got, 'failed');
});
