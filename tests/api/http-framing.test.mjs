// Request smuggling: every request whose length could be read two ways (an unknown transfer coding, both
// Content-Length and Transfer-Encoding, two Content-Lengths, obs-fold, bad chunk sizes, Transfer-Encoding in
// HTTP/1.0) is refused with a problem response and its connection closed, so the bytes after its header are
// never run as a second request. Raw sockets, because fetch would never send these.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, dbQuery, sqlText, unique } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/**
 * Writes `bytes` on a fresh connection and collects what comes back until the server closes it
 * (rejects when it stays open: a refused request must end its connection).
 */
function sendAndCollect(bytes, { timeoutMs = 6000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(server.port, '127.0.0.1');
    const got = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`connection still open after ${timeoutMs} ms; received: ${Buffer.concat(got).toString('latin1').slice(0, 300)}`));
    }, timeoutMs);
    sock.on('data', (d) => got.push(d));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(got).toString('latin1'));
    });
    sock.on('connect', () => sock.write(bytes));
  });
}

/** The status lines of every response in a raw exchange. */
const statuses = (raw) => [...raw.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
const problemOf = (raw) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

/** A complete, well-formed request that would leave a trace: it registers a new account. */
function smuggledRegister(email) {
  const body = JSON.stringify({ name: 'Smuggled Person', email, password: 'Vq8-frame-Tz41-ok', role: 'patient' });
  return `POST /v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}
const accountsNamed = (emails) =>
  dbQuery(server, `SELECT email FROM users WHERE email IN (${emails.map(sqlText).join(', ')})`);

// Each front request carries a smuggled register in what the server must not read as its body.
const cases = [
  { name: 'Transfer-Encoding: gzip', head: 'Transfer-Encoding: gzip\r\n', status: 400 },
  { name: 'Transfer-Encoding: identity', head: 'Transfer-Encoding: identity\r\n', status: 400 },
  { name: 'Transfer-Encoding: chunked, identity', head: 'Transfer-Encoding: chunked, identity\r\n', status: 400 },
  { name: 'Transfer-Encoding: gzip, chunked', head: 'Transfer-Encoding: gzip, chunked\r\n', status: 501, type: 'transfer-coding-not-implemented', chunkedBody: true },
  { name: 'Transfer-Encoding: xyz', head: 'Transfer-Encoding: xyz\r\n', status: 400 },
  { name: 'two Transfer-Encoding fields', head: 'Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n', status: 501, type: 'transfer-coding-not-implemented', chunkedBody: true },
  { name: 'Transfer-Encoding: chunked twice', head: 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', status: 400, chunkedBody: true },
  { name: 'Transfer-Encoding: chunked, chunked', head: 'Transfer-Encoding: chunked, chunked\r\n', status: 400, chunkedBody: true },
  { name: 'Content-Length and Transfer-Encoding: chunked', head: 'Content-Length: 0\r\nTransfer-Encoding: chunked\r\n', status: 400, chunkedBody: true },
  { name: 'Transfer-Encoding: chunked and Content-Length', head: 'Transfer-Encoding: chunked\r\nContent-Length: 0\r\n', status: 400, chunkedBody: true },
  { name: 'Content-Length and Transfer-Encoding: gzip', head: 'Content-Length: 0\r\nTransfer-Encoding: gzip\r\n', status: 400 },
  { name: 'two different Content-Lengths', head: 'Content-Length: 0\r\nContent-Length: 5\r\n', status: 400 },
  { name: 'two equal Content-Lengths', head: 'Content-Length: 0\r\nContent-Length: 0\r\n', status: 400 },
  { name: 'a Content-Length list', head: 'Content-Length: 0, 0\r\n', status: 400 },
  { name: 'obs-fold in Transfer-Encoding', head: 'Transfer-Encoding:\r\n chunked\r\n', status: 400, chunkedBody: true },
  { name: 'obs-fold in another field', head: 'Content-Length: 0\r\nX-Note: first\r\n\tsecond\r\n', status: 400 },
  { name: 'HTTP/1.0 with Transfer-Encoding: chunked', version: '1.0', head: 'Transfer-Encoding: chunked\r\n', status: 400, chunkedBody: true },
];

test('ambiguous framing is refused with a problem, the connection closed, and the smuggled request never run', async () => {
  const emails = [];
  for (const c of cases) {
    const email = unique('smuggle');
    emails.push(email);
    const inner = smuggledRegister(email);
    // Where chunked would be read, the smuggled request hides after an empty chunked body.
    const rest = c.chunkedBody ? `0\r\n\r\n${inner}` : inner;
    const raw = await sendAndCollect(`POST /v1/auth/login HTTP/${c.version ?? '1.1'}\r\nHost: x\r\nContent-Type: application/json\r\n${c.head}\r\n${rest}`);
    assert.deepEqual(statuses(raw), [c.status], `${c.name}: exactly one response, ${c.status}; got ${raw.slice(0, 400)}`);
    assert.match(raw, /content-type: application\/problem\+json/i, c.name);
    assert.match(raw, /connection: close/i, c.name);
    const problem = problemOf(raw);
    assert.equal(problem.status, c.status, c.name);
    assert.equal(problem.type, `https://kiorex.dev/problems/${c.type ?? 'bad-request'}`, c.name);
  }
  assert.deepEqual(accountsNamed(emails), [], 'no smuggled registration reached the database');
});

test('a chunked body with a bad chunk size is refused and its connection closed', async () => {
  for (const size of ['zz', '-1', '1ffffffffffffffffffff', '5 5', '']) {
    const raw = await sendAndCollect('POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Transfer-Encoding: chunked\r\n\r\n${size}\r\n{}\r\n0\r\n\r\nGET /v1/meta HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.deepEqual(statuses(raw), [400], `chunk size ${JSON.stringify(size)}: one 400; got ${raw.slice(0, 300)}`);
    assert.equal(problemOf(raw).type, 'https://kiorex.dev/problems/bad-request');
  }
});

test('a header line ending in a bare LF is refused at once', async () => {
  const raw = await sendAndCollect('GET /v1/meta HTTP/1.1\nHost: x\n\nGET /v1/meta HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.deepEqual(statuses(raw), [400], raw.slice(0, 300));
});

test('well-framed requests still work: plain chunked (any case), Content-Length, keep-alive and pipelining', async () => {
  const email = unique('chunked');
  const body = JSON.stringify({ name: 'Chunked Person', email, password: 'Vq8-frame-Tz41-ok', role: 'patient' });
  const half = Math.floor(body.length / 2);
  const chunked = `${half.toString(16)}\r\n${body.slice(0, half)}\r\n${(body.length - half).toString(16)}\r\n${body.slice(half)}\r\n0\r\n\r\n`;
  const raw = await sendAndCollect('POST /v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    `Transfer-Encoding: Chunked\r\n\r\n${chunked}` +
    'GET /v1/meta HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' +
    'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.deepEqual(statuses(raw), [202, 200, 200], raw.slice(0, 900));
  assert.deepEqual(accountsNamed([email]), [{ email }], 'the chunked registration was read whole');
});
