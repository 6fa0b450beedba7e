// e) Forgot password: code from the dev mailbox, new password; the new one signs in, the old one no longer does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createVerifiedPatient,
  expectHome,
  launchBrowser,
  outboxIds,
  readCode,
  signInWithPassword,
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

test('a patient resets a forgotten password', { timeout: 120_000 }, async () => {
  const user = await createVerifiedPatient('forgot');
  const newPassword = 'Harbour-Meadow-7395';
  await withPage(browser, 'e-forgot-password', async (page) => {
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await waitForPath(page, '/forgot-password');

    const seen = await outboxIds(user.email);
    await page.getByLabel('Email or phone').fill(user.email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByText('If an account exists, we sent a code').waitFor();

    await page.getByLabel('Code', { exact: true }).fill(await readCode(user.email, seen));
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password has been reset').waitFor();
    await page.screenshot({ path: new URL('../../test-results/e2e/e-forgot-password-done.png', import.meta.url).pathname });

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await waitForPath(page, '/signin');
    await signInWithPassword(page, user.email, user.password);
    await waitForText(page.getByRole('alert'), /\S/);
    assert.equal(new URL(page.url()).pathname, '/signin', 'the old password no longer works');

    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.equal(await expectHome(page, { name: user.name }), 'patient');
  });
});
