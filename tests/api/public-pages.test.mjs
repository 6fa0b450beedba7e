// Public pages of the web app (no account needed): the server writes each one's title, description and Open
// Graph tags into the HTML it serves for `/`, the doctor search `/doctors?q=…` and a doctor's profile
// `/doctors/{id}`, because link previews come from crawlers that do not run JavaScript. Only a verified
// doctor's public profile goes in, HTML-escaped; an unknown or unverified doctor is a 404 page with noindex.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './harness.mjs';
import { newVerifiedDoctor } from './booking-helpers.mjs';
import { newDoctor } from './consultations-helpers.mjs';

const PUBLIC_URL = 'https://care.kiorex.test';
// The shape of Vite's built index.html (the built one is not needed for these tests).
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Built description" />
    <title>Kiorex</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

let server;
let webDir;
before(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'kiorex-web-'));
  writeFileSync(join(webDir, 'index.html'), INDEX);
  server = await startServer({ env: { KIOREX_PUBLIC_URL: PUBLIC_URL, KIOREX_WEB_DIR: webDir } });
});
after(async () => {
  await server?.stop();
  rmSync(webDir, { recursive: true, force: true });
});

const page = async (path) => {
  const r = await server.api('GET', path, { headers: { accept: 'text/html' } });
  assert.match(r.headers.get('content-type'), /^text\/html/, path);
  return r;
};
const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const titleOf = (html) => decode(html.match(/<title>([^<]*)<\/title>/)?.[1] ?? '');
const metaOf = (html, attr, key) => {
  const m = html.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`));
  return m ? decode(m[1]) : undefined;
};
const heads = (html) => ({
  title: titleOf(html),
  description: metaOf(html, 'name', 'description'),
  og: Object.fromEntries(['og:title', 'og:description', 'og:url', 'og:type'].map((k) => [k, metaOf(html, 'property', k)])),
  robots: metaOf(html, 'name', 'robots'),
});

function assertWellFormedHead(html) {
  assert.equal((html.match(/<title>/g) ?? []).length, 1, 'one title');
  assert.equal((html.match(/name="description"/g) ?? []).length, 1, 'one description');
  assert.ok(!html.includes('Built description'), 'the built description is replaced');
  assert.ok(html.includes('<script type="module" crossorigin src="/assets/index-abc.js"></script>'), 'the app still loads');
}

test('the landing page / says what Kiorex does, with Open Graph tags', async () => {
  const r = await page('/');
  assert.equal(r.status, 200);
  assertWellFormedHead(r.text);
  const h = heads(r.text);
  assert.match(h.title, /Kiorex/);
  assert.match(h.description, /doctor/i);
  assert.deepEqual(h.og, { 'og:title': h.title, 'og:description': h.description, 'og:url': `${PUBLIC_URL}/`, 'og:type': 'website' });
  assert.equal(h.robots, undefined);
});

test('the public doctor search /doctors names the search text in its title, escaped', async () => {
  const plain = await page('/doctors');
  assert.equal(plain.status, 200);
  assert.equal(heads(plain.text).title, 'Find a doctor · Kiorex');
  assert.equal(heads(plain.text).og['og:url'], `${PUBLIC_URL}/doctors`);

  const q = '<script>alert(1)</script>"dermatology';
  const r = await page(`/doctors?q=${encodeURIComponent(q)}&type=video`);
  assert.equal(r.status, 200);
  assertWellFormedHead(r.text);
  assert.ok(!r.text.includes('<script>alert(1)'), 'the text is escaped');
  const h = heads(r.text);
  assert.equal(h.title, `Doctors for “${q}” · Kiorex`);
  assert.match(h.description, /dermatology/);
  assert.equal(h.og['og:title'], h.title);
});

test("a verified doctor's profile /doctors/{id} previews with name, specialty and city", async () => {
  const doc = await newVerifiedDoctor(server, { name: 'Asha Rao', clinic: 70000 });
  const r = await page(`/doctors/${doc.id}`);
  assert.equal(r.status, 200);
  assertWellFormedHead(r.text);
  const h = heads(r.text);
  assert.equal(h.title, 'Dr Asha Rao — Dermatology · Kiorex');
  assert.match(h.description, /^Dr Asha Rao, Dermatology in New Delhi\. /);
  assert.deepEqual(h.og, { 'og:title': h.title, 'og:description': h.description, 'og:url': `${PUBLIC_URL}/doctors/${doc.id}`, 'og:type': 'profile' });
  assert.equal(h.robots, undefined);
  // Nothing beyond the public profile: no registration number, no e-mail.
  assert.ok(!r.text.includes(doc.profile.registration.number));
  assert.ok(!r.text.includes(doc.email));
});

test("a doctor's name with markup is escaped in every tag and never runs", async () => {
  const name = `Eve <script>alert("x")</script> & 'Co'`;
  const doc = await newVerifiedDoctor(server, { name });
  const r = await page(`/doctors/${doc.id}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert'), r.text);
  assert.ok(r.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;'));
  const h = heads(r.text);
  assert.ok(h.title.startsWith(`Dr ${name}`));
  assert.ok(h.og['og:description'].startsWith(`Dr ${name}`));
});

test('an unknown, unverified or malformed doctor id is a 404 page with noindex', async () => {
  const pending = await newDoctor(server, { name: 'Pending Person' });
  for (const path of [`/doctors/${pending.id}`, '/doctors/usr_00000000000000000000000000', '/doctors/me',
    `/doctors/${encodeURIComponent('<script>x</script>')}`, `/doctors/${'a'.repeat(300)}`]) {
    const r = await page(path);
    assert.equal(r.status, 404, path);
    assertWellFormedHead(r.text);
    const h = heads(r.text);
    assert.equal(h.robots, 'noindex', path);
    assert.equal(h.title, 'Doctor not found · Kiorex', path);
    assert.ok(!r.text.includes('Pending Person'), path);
    assert.ok(!r.text.includes('<script>x'), path);
  }
});

test('other pages of the web app keep the built head', async () => {
  for (const path of ['/signin', '/bookings/x', '/doctors/a/b']) {
    const r = await page(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.text, INDEX, path);
  }
});
