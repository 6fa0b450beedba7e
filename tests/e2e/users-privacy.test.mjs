// Users 5) withdraw the marketing consent and see it in the history; the access log has entries.
// 6) "Download my data": the JSON export contains the medical history; the PDF is a PDF.
// 7) delete a fresh account: what was kept is shown, the person is signed out and cannot sign in again.
// 8) a guardian deletes the account: warned that the dependent they alone manage goes too, they confirm, and
//    the dependent is listed as deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  api,
  apiToken,
  expectStatus,
  launchBrowser,
  openSection,
  screenshot,
  signInAsFreshPatient,
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

test('a patient withdraws the marketing consent; history and access log show it', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-5-privacy-consents', async (page) => {
    await signInAsFreshPatient(page, 'consent');
    await openSection(page, 'Profile', '/profile'); // a read of the profile, for the access log
    await page.getByTestId('profile-name').waitFor();
    await openSection(page, 'Privacy', '/privacy');

    const marketing = page.getByRole('switch', { name: 'Health tips and offers' });
    await marketing.waitFor();
    if (!(await marketing.isChecked())) {
      await marketing.click();
      await waitForText(page.getByTestId('consent-marketing'), /Given on/);
      assert.equal(await marketing.isChecked(), true);
    }
    await marketing.click();
    await waitForText(page.getByTestId('consent-marketing'), /Withdrawn on/);
    assert.equal(await marketing.isChecked(), false);
    // The text version the person saw is shown with the choice.
    await waitForText(page.getByTestId('consent-marketing'), /text version \S+/);

    const history = page.getByTestId('consent-history');
    await waitForText(history, /Withdrawn\s+Health tips and offers/);

    await page.reload();
    await waitForText(page.getByTestId('consent-history'), /Withdrawn\s+Health tips and offers/);
    assert.equal(await page.getByRole('switch', { name: 'Health tips and offers' }).isChecked(), false);
    const log = page.getByTestId('access-log');
    await log.locator('li').first().waitFor();
    assert.ok((await log.locator('li').count()) >= 1);
    await waitForText(log, /(Viewed|Changed|Added|Downloaded)/);
    await screenshot(page, 'users-5-privacy');
    await screenshot(page, 'users-5-privacy-phone', { phone: true });
  });
});

test('"Download my data" gives a JSON file with the medical history, and a PDF', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-6-export', async (page) => {
    await signInAsFreshPatient(page, 'export');
    await page.goto('/medical-history');
    await page.getByTestId('history-empty').waitFor();
    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('form', { name: 'New medical history entry' });
    await form.getByLabel('Type of entry').selectOption('medication');
    const title = `Lisinopril 10 mg ${Date.now().toString(36)}`;
    await form.getByLabel('Medicine').fill(title);
    await form.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText(`Added “${title}”.`).waitFor();

    await openSection(page, 'Privacy', '/privacy');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^kiorex-export-.+\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.includes(title), 'the export contains the history entry');
    const data = JSON.parse(text);
    assert.ok(Array.isArray(data.medical_history), 'medical_history is a list');
    assert.ok(data.profile, 'the export has the profile');
    await page.getByText(/Your download has started/).waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    assert.match(pdf.suggestedFilename(), /\.pdf$/);
    assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});

test('a patient deletes the account, sees what was kept, is signed out and cannot sign in again', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-7-delete-account', async (page) => {
    const { email, password } = await signInAsFreshPatient(page, 'erase');
    await page.goto('/privacy');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const confirm = page.getByRole('button', { name: 'Delete my account', exact: true });
    assert.equal(await confirm.isDisabled(), true);
    await page.getByLabel('Type DELETE to confirm').fill('delete');
    assert.equal(await confirm.isDisabled(), true, 'lower case is not the confirmation');
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    assert.equal(await confirm.isDisabled(), false);
    await screenshot(page, 'users-7-delete-confirm');
    await confirm.click();

    await waitForPath(page, '/account-deleted');
    await page.getByRole('heading', { name: 'Your account has been deleted' }).waitFor();
    const kept = page.getByTestId('kept');
    if ((await kept.count()) > 0) assert.ok((await kept.locator('li').count()) >= 1);
    await screenshot(page, 'users-7-deleted');

    // Signed out: a signed-in page sends the visitor to sign in, and the old password no longer works.
    await page.goto('/privacy');
    await waitForPath(page, '/signin');
    await signInWithPassword(page, email, password);
    await waitForText(page.getByRole('alert'), /\S/);
    assert.equal(new URL(page.url()).pathname, '/signin');
    const r = await api('POST', '/v1/auth/login', { body: { identifier: email, password } });
    assert.ok(r.status >= 400 && r.status < 500, `login after erasure: HTTP ${r.status}`);
  });
});

test('a guardian is warned that their lone dependent is deleted too, confirms, and sees it listed', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-8-delete-guardian', async (page) => {
    const { email, password } = await signInAsFreshPatient(page, 'guardian');
    const token = await apiToken(email, password);
    const depName = `Tara ${Date.now().toString(36)}`;
    const dep = expectStatus(await api('POST', '/v1/users/me/family-members', {
      token, body: { kind: 'dependent', name: depName, relationship: 'child', date_of_birth: '2018-05-06' },
    }), 201, 'create dependent');
    const depId = dep.member?.id ?? dep.id;

    await page.goto('/privacy');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account', exact: true }).click();

    // Refused until the dependent's erasure is confirmed: the warning names them, nothing is deleted yet.
    const warning = page.getByTestId('erase-dependents');
    await waitForText(warning, new RegExp(depName));
    const confirm = page.getByRole('button', { name: 'Delete my account and theirs' });
    assert.equal(await confirm.isDisabled(), true, 'the box must be ticked first');
    const still = await api('GET', `/v1/users/${depId}`, { token });
    assert.equal(still.status, 200, 'the dependent is still there');
    await screenshot(page, 'users-8-delete-guardian-warning');
    await page.getByLabel('Also delete the accounts of the dependents only I manage').check();
    assert.equal(await confirm.isDisabled(), false);
    await confirm.click();

    await waitForPath(page, '/account-deleted');
    await waitForText(page.getByTestId('also-erased'), new RegExp(depName));
    await screenshot(page, 'users-8-delete-guardian-done');
    const r = await api('POST', '/v1/auth/login', { body: { identifier: email, password } });
    assert.ok(r.status >= 400 && r.status < 500, `login after erasure: HTTP ${r.status}`);
  });
});
