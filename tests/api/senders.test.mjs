// Real delivery (KIOREX_SENDER=real): email over SMTP to a real SMTP server, SMS to a Twilio API stand-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startPeer, unique, sleep, dbQuery } from './harness.mjs';

const TWILIO = { sid: 'AC0123456789abcdef0123456789abcdef', token: 'twilio-test-token-42', from: '+15005550006' };
let smtp;
let twilio;
let server;
let sinkDir;
let sinkFile;
before(async () => {
  sinkDir = mkdtempSync(join(tmpdir(), 'kiorex-smtp-'));
  sinkFile = join(sinkDir, 'messages.jsonl');
  smtp = await startPeer('smtp-sink.mjs', ['--out', sinkFile]);
  twilio = await startPeer('twilio-stub.mjs', ['--sid', TWILIO.sid, '--token', TWILIO.token, '--from', TWILIO.from]);
  server = await startServer({
    env: {
      KIOREX_SENDER: 'real',
      KIOREX_SMTP_URL: `smtp://127.0.0.1:${smtp.info.port}`,
      KIOREX_SMTP_FROM: 'Kiorex Tests <no-reply@kiorex.test>',
      KIOREX_TWILIO_BASE_URL: `http://127.0.0.1:${twilio.info.port}`,
      KIOREX_TWILIO_ACCOUNT_SID: TWILIO.sid,
      KIOREX_TWILIO_AUTH_TOKEN: TWILIO.token,
      KIOREX_TWILIO_FROM: TWILIO.from,
    },
  });
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
  await twilio?.stop();
  if (sinkDir) rmSync(sinkDir, { recursive: true, force: true });
});

async function waitFor(fn, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const sunk = () => (existsSync(sinkFile) ? readFileSync(sinkFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
/** The text of a (possibly quoted-printable / base64) RFC 5322 message, good enough to find a 6-digit code. */
function bodyText(raw) {
  const [, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding:\s*base64/i.test(raw)) {
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
  }
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

test('registering by email sends the verification code through SMTP to the address', async () => {
  const email = unique('smtp');
  const r = await server.api('POST', '/v1/auth/register', { body: { name: 'Sunita Mail', email, password: 'Smtp-Delivery-Pass-1' } });
  assert.equal(r.status, 202, r.text);
  const msg = await waitFor(() => sunk().find((m) => m.to.includes(email)), `a message to ${email}`);
  assert.deepEqual(msg.to, [email]);
  assert.equal(msg.from, 'no-reply@kiorex.test');
  assert.match(msg.raw, /^Subject: .*Kiorex/im);
  const text = bodyText(msg.raw);
  const code = text.match(/\b(\d{6})\b/)?.[1];
  assert.ok(code, `a 6-digit code in the body: ${text}`);
  assert.match(text, /Sunita Mail/);
  // The code that was mailed is the one that verifies the address.
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: email, code, purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.user.email_verified, true);
  // Nothing went to the dev outbox.
  assert.equal(dbQuery(server, "SELECT count(*) AS n FROM dev_outbox").map((x) => Number(x.n))[0], 0);
});

test('registering by phone posts the SMS with the code to the Twilio API', async () => {
  const phone = `+1415555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  const r = await server.api('POST', '/v1/auth/register', { body: { name: 'Sam Sms', phone, password: 'Twilio-Delivery-Pass-1' } });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.channel, 'sms');
  const sms = await waitFor(async () => {
    const list = await (await fetch(`http://127.0.0.1:${twilio.info.port}/__messages`)).json();
    return list.find((m) => m.to === phone);
  }, `an SMS to ${phone}`);
  assert.equal(sms.from, TWILIO.from);
  assert.equal(sms.account_sid, TWILIO.sid);
  const code = sms.body.match(/\b(\d{6})\b/)?.[1];
  assert.ok(code, sms.body);
  const v = await server.api('POST', '/v1/auth/verify-otp', { body: { identifier: phone, code, purpose: 'verify_contact' } });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.user.phone_verified, true);
});
