// Sessions: refresh-token rotation and reuse detection, logout, the cookie + CSRF refresh, JWKS and key rotation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, adminLogin, newVerifiedUser, DEMO, assertProblem, runCommand, dbQuery, sqlText, sleep,
} from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
  await adminLogin(server);
});
after(async () => {
  await server?.stop();
});

const jwtHeader = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
const refresh = (refresh_token) => server.api('POST', '/v1/auth/refresh', { body: { refresh_token } });
const me = (token) => server.api('GET', '/v1/auth/me', { token });
const cookieValue = (res, name) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0].slice(name.length + 1);

test('refresh rotates: a new refresh token, a working access token, and the old refresh token is spent', async () => {
  const user = await newVerifiedUser(server);
  const a = user.tokens.refresh_token;
  const r = await refresh(a);
  assert.equal(r.status, 200, r.text);
  assert.notEqual(r.json.refresh_token, a);
  assert.match(r.json.refresh_token, /^rt_/);
  assert.equal(r.json.user.id, user.id);
  const who = await me(r.json.access_token);
  assert.equal(who.status, 200);
  assert.equal(who.json.id, user.id);
  // The access token belongs to the same session as before.
  const sid = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url')).sid;
  assert.equal(sid(r.json.access_token), sid(user.token));

  const old = await refresh(a);
  assertProblem(assert, old, 401, 'invalid-refresh-token');
  const unknown = await refresh('rt_this-token-was-never-issued');
  assertProblem(assert, unknown, 401, 'invalid-refresh-token');
});

test('reusing a spent refresh token ends the session: the successor token and the access token stop working', async () => {
  const user = await newVerifiedUser(server);
  const a = user.tokens.refresh_token;
  const rotated = await refresh(a);
  assert.equal(rotated.status, 200, rotated.text);
  const b = rotated.json.refresh_token;
  const access = rotated.json.access_token;
  assert.equal((await me(access)).status, 200);

  const reuse = await refresh(a);
  assertProblem(assert, reuse, 401, 'invalid-refresh-token');
  const successor = await refresh(b);
  assertProblem(assert, successor, 401, 'invalid-refresh-token');

  let status = 200;
  for (const deadline = Date.now() + 6000; Date.now() < deadline && status === 200; await sleep(100)) status = (await me(access)).status;
  assert.equal(status, 401, 'the access token of the revoked session is refused within a few seconds');
  const rows = dbQuery(server, `SELECT revoked_at, revoke_reason FROM sessions WHERE user_id = ${sqlText(user.id)}`);
  assert.equal(rows.length, 1);
  assert.ok(rows[0].revoked_at, 'the session row is revoked');
  assert.equal(rows[0].revoke_reason, 'refresh_token_reuse');
  // Other sessions of the same account are not affected.
  const other = await server.api('POST', '/v1/auth/login', { body: { identifier: user.email, password: user.password } });
  assert.equal(other.status, 200);
  assert.equal((await refresh(other.json.refresh_token)).status, 200);
});

test('logout answers 204, ends the access token and the refresh token, and clears the cookies', async () => {
  const user = await newVerifiedUser(server);
  const out = await server.api('POST', '/v1/auth/logout', { token: user.token });
  assert.equal(out.status, 204, out.text);
  assert.equal(out.text, '');
  const cleared = out.headers.getSetCookie();
  assert.ok(cleared.some((c) => /^kiorex_refresh=;.*Max-Age=0/.test(c)), cleared.join(' | '));
  assertProblem(assert, await me(user.token), 401, 'unauthorized');
  assertProblem(assert, await refresh(user.tokens.refresh_token), 401, 'invalid-refresh-token');
  assertProblem(assert, await server.api('POST', '/v1/auth/logout', { token: user.token }), 401);
});

test('cookie refresh needs the X-CSRF-Token header that matches the kiorex_csrf cookie', async () => {
  const l = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
  assert.equal(l.status, 200);
  const rt = cookieValue(l, 'kiorex_refresh');
  const csrf = cookieValue(l, 'kiorex_csrf');
  assert.ok(rt && csrf);
  const cookie = `kiorex_refresh=${rt}; kiorex_csrf=${csrf}`;

  const noHeader = await server.api('POST', '/v1/auth/refresh', { headers: { cookie } });
  assertProblem(assert, noHeader, 403, 'csrf');
  const wrongHeader = await server.api('POST', '/v1/auth/refresh', { headers: { cookie, 'x-csrf-token': `${csrf}x` } });
  assertProblem(assert, wrongHeader, 403, 'csrf');

  const ok = await server.api('POST', '/v1/auth/refresh', { headers: { cookie, 'x-csrf-token': csrf } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await me(ok.json.access_token)).status, 200);
  const newRt = cookieValue(ok, 'kiorex_refresh');
  assert.equal(newRt, ok.json.refresh_token, 'the rotated refresh token is set as the new cookie');
  assert.notEqual(newRt, rt);
  // The refused attempts did not spend the token: it was rotated exactly once, by the accepted call.
  const again = await server.api('POST', '/v1/auth/refresh', { headers: { cookie, 'x-csrf-token': csrf } });
  assertProblem(assert, again, 401, 'invalid-refresh-token');
});

test('the JWKS publishes the Ed25519 key whose kid signs the access tokens', async () => {
  const l = await server.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
  const header = jwtHeader(l.json.access_token);
  assert.equal(header.alg, 'EdDSA');
  const jwks = await server.api('GET', '/.well-known/jwks.json');
  assert.equal(jwks.status, 200, jwks.text);
  const key = jwks.json.keys.find((k) => k.kid === header.kid);
  assert.ok(key, `kid ${header.kid} is in ${jwks.text}`);
  assert.equal(key.kty, 'OKP');
  assert.equal(key.crv, 'Ed25519');
  assert.equal(Buffer.from(key.x, 'base64url').length, 32);
  assert.equal(key.d, undefined, 'no private part');
  assert.match(jwks.headers.get('cache-control') || '', /max-age=\d+/);
});

test('`kiorex keys rotate` adds a key; after a restart new tokens carry it and old tokens still verify', async () => {
  const srv = await startServer({ demo: true });
  let srv2;
  try {
    const before = await srv.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
    const oldKid = jwtHeader(before.json.access_token).kid;
    const dir = join(srv.dataDir, 'keys', 'jwt');
    assert.ok(readdirSync(dir).includes(`${oldKid}.pem`));

    const r = runCommand(srv, ['keys', 'rotate']);
    assert.equal(r.status, 0, r.stderr);
    const newKid = r.stdout.match(/new signing key (\S+);/)?.[1];
    assert.ok(newKid && newKid !== oldKid, r.stdout);
    assert.ok(readdirSync(dir).includes(`${newKid}.pem`), 'the new key is in the file store');
    assert.equal(readFileSync(join(dir, 'current'), 'utf8').trim(), newKid);

    srv.child.kill('SIGTERM'); // stop the process but keep its data directory and database
    assert.deepEqual(await srv.exited, { code: 0, signal: null });
    srv2 = await startServer({ demo: false, env: { KIOREX_DATA_DIR: srv.dataDir, KIOREX_LOG_FILE: srv.logFile, ...(srv.pg ? { KIOREX_DATABASE_URL: srv.env.KIOREX_DATABASE_URL } : {}) } });
    const after = await srv2.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
    assert.equal(after.status, 200, after.text);
    assert.equal(jwtHeader(after.json.access_token).kid, newKid);
    const old = await srv2.api('GET', '/v1/auth/me', { token: before.json.access_token });
    assert.equal(old.status, 200, 'a token signed with the old key still verifies');
    const jwks = await srv2.api('GET', '/.well-known/jwks.json');
    const kids = jwks.json.keys.map((k) => k.kid);
    assert.ok(kids.includes(oldKid) && kids.includes(newKid), jwks.text);
    assert.equal(kids[0], newKid, 'the current key is listed first');
  } finally {
    await srv2?.stop();
    await srv.stop();
  }
});

test('a running server signs with the rotated key within 10 seconds, as `kiorex keys rotate` promises', async () => {
  const srv = await startServer();
  try {
    const login = () => srv.api('POST', '/v1/auth/login', { body: { identifier: DEMO.patient.email, password: DEMO.patient.password } });
    const first = await login();
    const r = runCommand(srv, ['keys', 'rotate']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /running servers pick it up within 10 seconds/);
    const newKid = r.stdout.match(/new signing key (\S+);/)?.[1];
    let kid = jwtHeader(first.json.access_token).kid;
    for (const deadline = Date.now() + 11000; Date.now() < deadline && kid !== newKid; await sleep(250)) {
      kid = jwtHeader((await login()).json.access_token).kid;
    }
    assert.equal(kid, newKid, 'new sign-ins carry the new kid without a restart');
    const jwks = await srv.api('GET', '/.well-known/jwks.json');
    assert.ok(jwks.json.keys.some((k) => k.kid === newKid), 'the running server publishes the new key');
    assert.equal((await srv.api('GET', '/v1/auth/me', { token: first.json.access_token })).status, 200);
  } finally {
    await srv.stop();
  }
});

test('two refreshes racing with one token leave the session consistent: a 200 refresh always yields a working access token', async () => {
  const problems = [];
  for (let i = 0; i < 8; i++) {
    const user = await newVerifiedUser(server);
    const raced = await Promise.all([0, 1, 2].map(() => refresh(user.tokens.refresh_token)));
    const winners = raced.filter((r) => r.status === 200);
    assert.ok(winners.length <= 1, `at most one concurrent refresh wins: ${raced.map((r) => r.status)}`);
    for (const r of raced) if (r.status !== 200) assert.equal(r.status, 401, r.text);
    if (!winners.length) continue;
    const [winner] = winners;
    // Either the session goes on (the winner's tokens work) or it ended (the winner's refresh token is refused too).
    const winnerMe = await me(winner.json.access_token);
    const next = await refresh(winner.json.refresh_token);
    if (next.status === 200) {
      const nextMe = await me(next.json.access_token);
      if (nextMe.status !== 200) problems.push(`race ${i}: refresh answered 200 but its access token gets ${nextMe.status} on /me`);
      if (winnerMe.status !== 200) problems.push(`race ${i}: the winner's access token gets ${winnerMe.status} while its refresh token still works`);
    } else {
      assert.equal(next.status, 401, next.text);
      const [row] = dbQuery(server, `SELECT revoked_at FROM sessions WHERE user_id = ${sqlText(user.id)}`);
      if (!row.revoked_at) problems.push(`race ${i}: the refresh token is refused but the session is not revoked in the database`);
    }
  }
  assert.deepEqual(problems, []);
});
