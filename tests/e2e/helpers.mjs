// Shared pieces of the browser tests: the server's address, Chromium, the demo admin's API session (to read
// codes from the dev mailbox), fresh accounts, and screenshots under test-results/e2e/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { totp, totpStep } from './totp.mjs';

export const BASE_URL = (process.env.KIOREX_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
mkdirSync(RESULTS_DIR, { recursive: true });
// Small state shared by the test processes of a run (not results): kept out of test-results/.
const STATE_DIR = join(tmpdir(), 'kiorex-e2e');
mkdirSync(STATE_DIR, { recursive: true });

export const DEMO = {
  patient: { email: 'patient@kiorex.test', password: 'Patient-Demo-2026' },
  doctor: { email: 'doctor@kiorex.test', password: 'Doctor-Demo-2026' },
  admin: { email: 'admin@kiorex.test', password: 'Admin-Demo-2026', totpSecret: 'KIOREXDEMOADMINTOTPSECRETAAAAAAA' },
};

export const TIMEOUT = 15_000;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** `fakeMedia`: a fake camera and microphone, allowed without a prompt (the video-call test). */
export function launchBrowser({ fakeMedia = false } = {}) {
  const media = fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
  return chromium.launch({
    executablePath: process.env.KIOREX_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...media,
    ],
  });
}

/**
 * Runs `fn` in a fresh browser context (its own cookies) and saves a screenshot of the final page as
 * test-results/e2e/<name>.png, whether the test passed or not. On failure the page's console errors are
 * added to the error message. `options` are more context options (e.g. timezoneId, locale, acceptDownloads).
 */
export async function withPage(browser, name, fn, options = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1024, height: 800 }, ...options });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const logs = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') logs.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) logs.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  try {
    await fn(page, context);
  } catch (err) {
    if (logs.length > 0 && err instanceof Error) err.message += `\n  page log:\n    ${logs.join('\n    ')}`;
    throw err;
  } finally {
    await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    await context.close();
  }
}

/** Waits until `locator`'s text matches `pattern` (a RegExp or substring). */
export async function waitForText(locator, pattern, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = (await locator.first().innerText({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')) ?? '';
    if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`text ${pattern} not found; last seen: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

/** Waits until the page's path is `path`. */
export async function waitForPath(page, path, timeout = TIMEOUT) {
  await page.waitForURL((url) => url.pathname === path, { timeout });
}

export async function signInWithPassword(page, identifier, password, { remember = false } = {}) {
  if (new URL(page.url(), BASE_URL).pathname !== '/signin') await page.goto('/signin');
  await page.getByLabel('Email or phone').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (remember) await page.getByLabel('Remember this device').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits for the signed-in home page and returns the text of its role field. */
export async function expectHome(page, { name } = {}) {
  await waitForPath(page, '/');
  const heading = page.getByRole('heading', { level: 1 });
  await waitForText(heading, name ? `Signed in as ${name}` : /^Signed in as /);
  return (await page.getByTestId('role').innerText()).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// API (node's fetch)

export async function api(method, path, { body, token, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE_URL + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, data, headers: res.headers };
}

/** The JSON body of `r` when its status is `expected` (a number or a list of them); throws otherwise. */
export function expectStatus(r, expected, what) {
  const ok = Array.isArray(expected) ? expected.includes(r.status) : r.status === expected;
  if (!ok) throw new Error(`${what}: expected HTTP ${expected}, got ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data;
}

export function uniqueEmail(prefix) {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}@e2e.kiorex.test`;
}

// The admin's TOTP codes: each 30-second step is used once across the test processes (a server may refuse a
// code it has already accepted), so every user of the admin secret waits for a step nobody has used yet.
const STEP_FILE = join(STATE_DIR, 'admin-totp-step');

export async function freshAdminTotp() {
  let used = -1;
  try {
    used = Number(readFileSync(STEP_FILE, 'utf8')) || -1;
  } catch {
    // first use
  }
  while (totpStep() <= used) await sleep(250);
  // Not in the last second of a step, so the code is still current when the server checks it.
  if (30 - ((Date.now() / 1000) % 30) < 1.5) await sleep(1600);
  const step = totpStep();
  writeFileSync(STEP_FILE, String(step));
  return totp(DEMO.admin.totpSecret);
}

// The admin's API session is shared by the test processes of one run (and the next runs against the same
// server) through a file, so that only the first one waits for an unused TOTP step.
const SESSION_FILE = join(STATE_DIR, 'admin-session.json');
let adminToken = null;

function cachedAdminToken() {
  try {
    const s = JSON.parse(readFileSync(SESSION_FILE, 'utf8'));
    if (s.base === BASE_URL && s.token && s.expiresAt > Date.now() + 60_000) return s.token;
  } catch {
    // none yet
  }
  return null;
}

export function forgetAdminToken() {
  adminToken = null;
  try {
    writeFileSync(SESSION_FILE, '{}');
  } catch {
    // ignore
  }
}

/** An access token of the demo admin (password + TOTP). */
export async function adminAccessToken() {
  adminToken ??= cachedAdminToken();
  if (adminToken) return adminToken;
  const keep = (t) => {
    writeFileSync(SESSION_FILE, JSON.stringify({ base: BASE_URL, token: t.access_token, expiresAt: Date.now() + (t.expires_in ?? 300) * 1000 }));
    return (adminToken = t.access_token);
  };
  const firstResponse = await api('POST', '/v1/auth/login', { body: { identifier: DEMO.admin.email, password: DEMO.admin.password } });
  const first = expectStatus(firstResponse, 200, 'admin login');
  if (first.access_token) return keep(first);
  if (!first.mfa_required) throw new Error(`admin login: neither tokens nor an MFA challenge: ${JSON.stringify(first)}`);
  // The challenge works only with the kiorex_mfa cookie set beside it (the client that received it).
  const cookie = firstResponse.headers.getSetCookie().find((c) => c.startsWith('kiorex_mfa='))?.split(';')[0];
  let last;
  for (let attempt = 0; attempt < 2; attempt++) {
    last = await api('POST', '/v1/auth/login/mfa', {
      body: { mfa_token: first.mfa_token, code: await freshAdminTotp() },
      headers: cookie ? { Cookie: cookie } : {},
    });
    if (last.status === 200 && last.data?.access_token) return keep(last.data);
  }
  throw new Error(`admin MFA login failed: HTTP ${last.status} ${JSON.stringify(last.data)}`);
}

/** A GET as the demo admin, signing in again once if a cached token is refused (from an earlier server). */
async function adminGet(path) {
  let r = await api('GET', path, { token: await adminAccessToken() });
  if (r.status === 401 || r.status === 403) {
    forgetAdminToken();
    r = await api('GET', path, { token: await adminAccessToken() });
  }
  return expectStatus(r, 200, `GET ${path}`);
}

/** The messages to `to`, codes masked (as the mailbox lists them). */
async function outboxFor(to) {
  const data = await adminGet(`/v1/admin/dev-outbox?to=${encodeURIComponent(to)}&limit=50`);
  return (data.items ?? []).filter((m) => String(m.to).toLowerCase() === to.toLowerCase());
}

/** Ids of the messages already in `to`'s mailbox (so a later readCode finds only the new one). */
export async function outboxIds(to) {
  return new Set((await outboxFor(to)).map((m) => String(m.id)));
}

/** The 6-digit code in the newest message to `to` whose id is not in `seen`; polls for a while. */
export async function readCode(to, seen = new Set(), timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const fresh = (await outboxFor(to))
      .filter((m) => !seen.has(String(m.id)))
      .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)) || String(b.id).localeCompare(String(a.id)));
    for (const listed of fresh) {
      // The list masks codes; the message opened on purpose (audited) shows it.
      const m = await adminGet(`/v1/admin/dev-outbox/${encodeURIComponent(listed.id)}`);
      const match = /\b(\d{6})\b/.exec(`${m.subject ?? ''}\n${m.text ?? ''}`);
      if (match) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`no message with a code for ${to} in the dev outbox`);
    await sleep(400); // the admin's requests are rate-limited per minute: poll gently
  }
}

/**
 * Registers `account` ({name, email, password, role}) through the API and verifies its email with the code from
 * the dev mailbox; returns the verify-otp answer (its access_token and user, when the server gives them).
 * `what` names the two steps in errors.
 */
export async function registerVerified(account, what = { register: 'register', verify: 'verify-otp' }) {
  expectStatus(await api('POST', '/v1/auth/register', { body: account }), 202, what.register);
  const code = await readCode(account.email);
  return expectStatus(
    await api('POST', '/v1/auth/verify-otp', { body: { identifier: account.email, code, purpose: 'verify_contact' } }),
    200,
    what.verify,
  );
}

/** A new patient whose email is verified, made through the API. */
export async function createVerifiedPatient(prefix, password = `Pw-${randomBytes(6).toString('hex')}!`) {
  const email = uniqueEmail(prefix);
  const name = `E2E ${prefix} ${randomBytes(2).toString('hex')}`;
  await registerVerified({ name, email, password, role: 'patient' });
  return { email, name, password };
}

// ---------------------------------------------------------------------------------------------------------------
// The patient's pages (User service)

/** A fresh verified patient, signed in in `page` (home shown). */
export async function signInAsFreshPatient(page, prefix) {
  const account = await createVerifiedPatient(prefix);
  await signInWithPassword(page, account.email, account.password);
  await expectHome(page, { name: account.name });
  return account;
}

/** An access token for `email` through the API (a second session, as if on another device). */
export async function apiToken(email, password) {
  const r = expectStatus(await api('POST', '/v1/auth/login', { body: { identifier: email, password } }), 200, 'login');
  if (!r.access_token) throw new Error(`login of ${email} gave no token: ${JSON.stringify(r)}`);
  return r.access_token;
}

/**
 * Opens a section from the app shell's main menu (the sidebar; on a phone, the menu behind the bottom bar's
 * "Menu" button) and waits for its path.
 */
export async function openSection(page, label, path) {
  const menu = page.getByRole('navigation', { name: 'Main' });
  if (!(await menu.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await menu.getByRole('link', { name: label, exact: true }).click();
  await waitForPath(page, path);
}

/** Signs out through the account menu of the app shell. */
export async function signOut(page) {
  const signOutButton = page.getByRole('button', { name: 'Sign out' });
  if (!(await signOutButton.isVisible())) await page.locator('.account-menu .popover__button').click();
  await signOutButton.click();
}

const AXE_SOURCE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page and fails on any serious or critical violation, listing
 * each rule with the first offending elements. `exclude`: CSS selectors to leave out (a third-party widget).
 */
export async function checkA11y(page, { exclude = [] } = {}) {
  // Evaluated over the DevTools protocol, not as a <script>: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (excluded) => {
    const result = await window.axe.run(
      { include: [document], exclude: excluded.map((sel) => [sel]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n      ')}`);
  }, exclude);
  if (violations.length > 0) throw new Error(`accessibility violations on ${page.url()}:\n    ${violations.join('\n    ')}`);
}

/**
 * Saves test-results/e2e/<name>.png of the whole page; with `phone`, at a phone's width (390 × 844) and back to the
 * previous size afterwards.
 */
export async function screenshot(page, name, { phone = false } = {}) {
  const before = page.viewportSize();
  if (phone) {
    await page.setViewportSize({ width: 390, height: 844 });
    await sleep(150);
  }
  // From the top, so a sticky header is drawn where it belongs in the full-page image.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
  if (phone && before) await page.setViewportSize(before);
}
