// Request bodies are read by one strict JSON reader: an object with the same key twice, at any depth, is
// refused with 400 before any route sees it (two parsers behind one proxy could read it differently).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, newVerifiedUser, DEMO } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const json = { 'content-type': 'application/json' };
const login = (raw) => server.api('POST', '/v1/auth/login', { raw, headers: json });

test('a top-level key sent twice is refused, whichever value would have won', async () => {
  const { email, password } = DEMO.patient;
  assert.equal((await login(JSON.stringify({ identifier: email, password }))).status, 200, 'control: the single-key body signs in');
  for (const raw of [
    `{"identifier":"nobody@example.org","identifier":"${email}","password":"${password}"}`,
    `{"identifier":"${email}","password":"wrong-Password-1","password":"${password}"}`,
    `{"identifier":"${email}","password":"${password}","\\u0070assword":"${password}"}`, // the same key, escaped
  ]) {
    const r = await login(raw);
    assertProblem(assert, r, 400, 'bad-request');
    assert.match(r.json.detail, /twice/);
    assert.equal(r.json.access_token, undefined);
  }
});

test('a key sent twice inside a nested object or an array is refused too, and nothing is stored', async () => {
  const { email, password } = DEMO.patient;
  for (const extra of ['{"a":1,"a":2}', '[{"b":true},{"c":1,"c":1}]', '{"deep":{"deeper":{"k":"x","k":"y"}}}']) {
    const r = await login(`{"identifier":"${email}","password":"${password}","extra":${extra}}`);
    assertProblem(assert, r, 400, 'bad-request');
  }
  // Equal keys in different objects are fine.
  assert.equal((await login(`{"identifier":"${email}","password":"${password}","x":{"a":1},"y":{"a":1}}`)).status, 200);

  const u = await newVerifiedUser(server);
  const path = `/v1/users/${u.id}/medical-history`;
  const r = await server.api('POST', path, {
    token: u.token, headers: json,
    raw: '{"kind":"allergy","title":"Penicillin","details":{"reaction":"rash","severity":"mild","severity":"severe"}}',
  });
  assertProblem(assert, r, 400, 'bad-request');
  const list = await server.api('GET', path, { token: u.token });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items, [], 'the refused entry was not written');
  const ok = await server.api('POST', path, { token: u.token, body: { kind: 'allergy', title: 'Penicillin', details: { reaction: 'rash', severity: 'mild' } } });
  assert.equal(ok.status, 201, `control: the same entry with each key once is stored: ${ok.text}`);
});
