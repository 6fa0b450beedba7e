// d) The demo admin signs in with password + authenticator code; a wrong code shows an error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { totp } from './totp.mjs';
import { DEMO, expectHome, freshAdminTotp, launchBrowser, signInWithPassword, waitForPath, waitForText, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

function wrongCode() {
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totp(DEMO.admin.totpSecret, now + d)));
  let n = Number(totp(DEMO.admin.totpSecret, now));
  let code;
  do {
    n = (n + 111_111) % 1_000_000;
    code = String(n).padStart(6, '0');
  } while (valid.has(code));
  return code;
}

test('the demo admin needs the authenticator code; a wrong one is refused', { timeout: 120_000 }, async () => {
  await withPage(browser, 'd-admin-mfa-home', async (page) => {
    await signInWithPassword(page, DEMO.admin.email, DEMO.admin.password);
    const codeInput = page.getByLabel('Authentication code');
    await codeInput.waitFor();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();

    await codeInput.fill(wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForText(page.getByRole('alert'), /\S/);
    assert.equal(new URL(page.url()).pathname, '/signin');
    await page.screenshot({ path: new URL('../../test-results/e2e/d-admin-mfa-wrong-code.png', import.meta.url).pathname });

    // Start again (the server may end an MFA challenge after a wrong code) and use the right one.
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await codeInput.waitFor();
    await codeInput.fill(await freshAdminTotp());
    await page.getByRole('button', { name: 'Verify' }).click();
    assert.equal(await expectHome(page), 'admin');

    // Admins get the developer mailbox.
    await page.getByRole('link', { name: 'Open the developer mailbox' }).click();
    await waitForPath(page, '/admin/dev-mailbox');
    await page.getByRole('heading', { name: 'Developer mailbox' }).waitFor();
    await page.locator('table, p:text("No messages.")').first().waitFor();
    // The list masks codes (an admin with MFA opens one message on purpose to see it whole).
    const rows = page.locator('tbody tr');
    if ((await rows.count()) > 0) {
      for (const text of await page.locator('tbody pre').allTextContents()) assert.doesNotMatch(text, /\b\d{6}\b/);
      await rows.first().getByRole('button', { name: /^Open the message/ }).click();
      await rows.first().getByText('Opened').waitFor();
    }
  });
});
