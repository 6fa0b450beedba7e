// b) sign in / sign out, c) wrong password, g) a session survives a reload, h) sign in with an emailed code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO,
  expectHome,
  launchBrowser,
  outboxIds,
  readCode,
  signInWithPassword,
  signOut,
  waitForPath,
  waitForText,
  withPage,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the demo patient signs in and out; a reload afterwards stays signed out', { timeout: 90_000 }, async () => {
  await withPage(browser, 'b-signin-signout', async (page) => {
    // Signed-out visitors see the landing page and sign in from its header.
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await waitForPath(page, '/signin');
    await signInWithPassword(page, DEMO.patient.email, DEMO.patient.password);
    assert.equal(await expectHome(page), 'patient');
    await page.getByText(DEMO.patient.email).waitFor();

    await signOut(page);
    await waitForPath(page, '/signin');
    await page.reload();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'See a verified doctor, online or in clinic' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  });
});

test('a wrong password shows the error and stays on /signin', { timeout: 90_000 }, async () => {
  await withPage(browser, 'c-wrong-password', async (page) => {
    // The demo doctor is used by no other test; the correct sign-in at the end clears the failure count.
    await signInWithPassword(page, DEMO.doctor.email, 'Not-The-Password-2026');
    const alert = page.getByRole('alert');
    const message = await waitForText(alert, /\S/);
    assert.ok(message.length > 3, `error message: ${message}`);
    assert.equal(new URL(page.url()).pathname, '/signin');
    await page.screenshot({ path: new URL('../../test-results/e2e/c-wrong-password-error.png', import.meta.url).pathname });

    await page.getByLabel('Password', { exact: true }).fill(DEMO.doctor.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.equal(await expectHome(page), 'doctor');
  });
});

test('a session survives a page reload (refresh cookie), the access token is not stored', { timeout: 90_000 }, async () => {
  await withPage(browser, 'g-session-survives-reload', async (page, context) => {
    await signInWithPassword(page, DEMO.patient.email, DEMO.patient.password, { remember: true });
    await expectHome(page);

    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'kiorex_refresh');
    assert.ok(refresh, `kiorex_refresh cookie set (cookies: ${cookies.map((c) => c.name).join(', ')})`);
    assert.equal(refresh.httpOnly, true, 'kiorex_refresh is httpOnly');
    assert.ok(cookies.some((c) => c.name === 'kiorex_csrf' && !c.httpOnly), 'kiorex_csrf is readable');

    await page.reload();
    assert.equal(await expectHome(page), 'patient');
    // A brand-new tab of the same browser profile is signed in too.
    const second = await context.newPage();
    await second.goto('/');
    assert.equal(await expectHome(second), 'patient');
    await second.close();

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!/eyJ|access_token/.test(stored), `no token in web storage: ${stored}`);
  });
});

test('the demo patient signs in with an emailed code instead of the password', { timeout: 90_000 }, async () => {
  await withPage(browser, 'h-signin-with-code', async (page) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
    const seen = await outboxIds(DEMO.patient.email);
    await page.getByLabel('Email or phone').fill(DEMO.patient.email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    const codeInput = page.getByLabel('Sign-in code');
    await codeInput.waitFor();
    await codeInput.fill(await readCode(DEMO.patient.email, seen));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.equal(await expectHome(page), 'patient');
  });
});
