// /metrics is for the operator's scraper only: it needs `Authorization: Bearer <KIOREX_METRICS_TOKEN>`, and is
// refused altogether when no token is configured.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, assertProblem, BIN } from './harness.mjs';

const TOKEN = 'metrics-scraper-token-5d1f9a';
const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
});
async function serverWith(env) {
  const s = await startServer({ env, demo: false });
  servers.push(s);
  return s;
}

test('/metrics without the token, with a wrong one or another scheme is a 401 problem; with it, the metrics', async () => {
  const server = await serverWith({ KIOREX_METRICS_TOKEN: TOKEN });
  for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
    { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, { authorization: TOKEN }]) {
    const r = await server.api('GET', '/metrics', { headers });
    assertProblem(assert, r, 401, 'unauthorized');
    assert.match(r.headers.get('www-authenticate') || '', /^Bearer/);
    assert.doesNotMatch(r.text, /kiorex_http_requests_total/);
  }
  const ok = await server.api('GET', '/metrics', { token: TOKEN });
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.headers.get('content-type'), /^text\/plain/);
  assert.match(ok.text, /# TYPE kiorex_http_requests_total counter/);
});

test('/metrics is refused (403) when no token is configured, whatever the client sends', async () => {
  const server = await serverWith({});
  for (const token of [undefined, TOKEN, ''])
    assertProblem(assert, await server.api('GET', '/metrics', { token }), 403, 'metrics-disabled');
});

test('a metrics token shorter than 16 characters stops the start with a message naming the setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiorex-metrics-'));
  try {
    const r = spawnSync(BIN, ['migrate'], { env: { PATH: process.env.PATH, KIOREX_DATA_DIR: dir, KIOREX_METRICS_TOKEN: 'short' }, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /KIOREX_METRICS_TOKEN/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
