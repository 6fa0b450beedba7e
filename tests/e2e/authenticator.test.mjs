// f) A patient turns on the authenticator app: QR + secret, confirm with a code, recovery codes once;
// the next sign-in asks for a code, and a recovery code works too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { totp, totpStep } from './totp.mjs';
import { createVerifiedPatient, expectHome, launchBrowser, signInWithPassword, signOut, sleep, waitForPath, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a patient enables the authenticator and then needs its code to sign in', { timeout: 150_000 }, async () => {
  const user = await createVerifiedPatient('mfa');
  await withPage(browser, 'f-authenticator', async (page) => {
    await signInWithPassword(page, user.email, user.password);
    await expectHome(page, { name: user.name });

    await page.getByRole('button', { name: 'Enable authenticator app' }).click();
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    const qrWidth = await qr.evaluate((img) => img.naturalWidth);
    assert.ok(qrWidth > 0, 'the QR image renders');
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await page.screenshot({ path: new URL('../../test-results/e2e/f-authenticator-setup.png', import.meta.url).pathname });

    const confirmStep = totpStep();
    await page.getByLabel('6-digit code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    const recovery = (await codes.allInnerTexts()).map((c) => c.trim()).filter(Boolean);
    assert.ok(recovery.length >= 1, 'recovery codes are shown');
    await page.screenshot({ path: new URL('../../test-results/e2e/f-authenticator-recovery-codes.png', import.meta.url).pathname });

    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByText('Two-step sign-in with an authenticator app is enabled.').waitFor();

    // Sign out; the next sign-in asks for a code. A recovery code works in place of it.
    await signOut(page);
    await waitForPath(page, '/signin');
    await signInWithPassword(page, user.email, user.password);
    const codeInput = page.getByLabel('Authentication code');
    await codeInput.waitFor();
    await page.screenshot({ path: new URL('../../test-results/e2e/f-authenticator-signin-asks-code.png', import.meta.url).pathname });
    await codeInput.fill(recovery[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await expectHome(page, { name: user.name }), 'patient');

    // And so does the authenticator code (a new one: a code is accepted once).
    await signOut(page);
    await waitForPath(page, '/signin');
    await signInWithPassword(page, user.email, user.password);
    await codeInput.waitFor();
    while (totpStep() <= confirmStep) await sleep(250);
    await codeInput.fill(totp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await expectHome(page, { name: user.name }), 'patient');
  });
});
