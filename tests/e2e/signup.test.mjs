// a) Sign up as a patient, read the emailed code from the dev mailbox, verify, land on home.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectHome, launchBrowser, readCode, uniqueEmail, waitForPath, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a patient signs up, verifies the emailed code and sees home', { timeout: 120_000 }, async () => {
  await withPage(browser, 'a-signup-verify-home', async (page) => {
    const email = uniqueEmail('signup');
    const name = 'Asha Verma';
    await page.goto('/signup');
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Ocean-Lantern-4821');
    assert.equal(await page.getByLabel('Account type').inputValue(), 'patient');
    // The policy is shown beside the password.
    await page.getByText('At least 10 characters, and not a common password.').waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();

    await waitForPath(page, '/verify');
    assert.equal(new URL(page.url()).searchParams.get('identifier'), email);
    const code = await readCode(email);
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify and continue' }).click();

    const role = await expectHome(page, { name });
    assert.equal(role, 'patient');
    await page.getByText(email).waitFor();
  });
});

test('sign-up shows the API validation errors beside the fields', { timeout: 60_000 }, async () => {
  await withPage(browser, 'a2-signup-validation', async (page) => {
    await page.goto('/signup');
    await page.getByLabel('Full name').fill('Short Password');
    await page.getByLabel('Email').fill(uniqueEmail('weak'));
    await page.getByLabel('Password', { exact: true }).fill('password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(new URL(page.url()).pathname, '/signup');
    assert.notEqual((await page.getByRole('alert').innerText()).trim(), '');
  });
});

test('a doctor signs up and home shows the onboarding checklist, not "awaiting verification" before anything was submitted', { timeout: 90_000 }, async () => {
  await withPage(browser, 'a3-provider-signup-pending', async (page) => {
    const email = uniqueEmail('doctor');
    const name = 'Dr. Kavya Rao';
    await page.goto('/signup');
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Cedar-Compass-6150');
    await page.getByLabel('Account type').selectOption('doctor');
    await page.getByRole('button', { name: 'Create account' }).click();

    await waitForPath(page, '/verify');
    await page.getByLabel('Verification code').fill(await readCode(email));
    await page.getByRole('button', { name: 'Verify and continue' }).click();
    assert.equal(await expectHome(page, { name }), 'doctor');
    await page.getByRole('heading', { name: 'Get ready to see patients' }).waitFor();
    assert.equal(await page.getByTestId('step-submitted').getAttribute('data-state'), 'todo');
    assert.equal(await page.getByText(/awaiting verification/i).count(), 0, 'nothing was submitted yet');
  });
});
