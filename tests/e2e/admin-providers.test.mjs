// Admin: the provider verification queue. Two doctors wait; the admin rejects one with a reason (a missing reason
// is refused first) and approves the other; the lists by status show each where it belongs; the rejected doctor
// sees the reason on the practice page and can submit again; a doctor cannot open the queue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAccessToken, api, launchBrowser, screenshot, waitForPath, waitForText, withPage } from './helpers.mjs';
import { findInQueue, newPendingDoctor, signIn, signInAsAdmin } from './doctor-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const REASON = 'The registration number is not in the Delhi Medical Council register.';

test('the admin rejects one doctor with a reason and approves another in the queue', { timeout: 180_000 }, async () => {
  const rejected = await newPendingDoctor('reject-me');
  const approved = await newPendingDoctor('approve-me');

  await withPage(browser, 'admin-providers', async (page) => {
    assert.equal(await signInAsAdmin(page), 'admin');
    // The admin's header links to the queue next to the developer mailbox.
    await page.getByRole('link', { name: 'Developer mailbox', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Provider verification' }).click();
    await waitForPath(page, '/admin/providers');
    await page.getByRole('heading', { name: 'Provider verification', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Pending verification' }).getAttribute('aria-pressed'), 'true');

    const first = await findInQueue(page, rejected.name);
    const second = await findInQueue(page, approved.name);
    await waitForText(first.getByTestId('provider-registration'), rejected.registration.number);
    await waitForText(first, 'Dermatology');
    await waitForText(first, rejected.email);
    await waitForText(first.getByTestId('provider-qualifications'), 'MBBS');
    await screenshot(page, 'admin-providers-queue');
    await screenshot(page, 'admin-providers-queue-phone', { phone: true });

    // Reject: the reason is required.
    await first.getByRole('button', { name: `Reject ${rejected.name}` }).click();
    const form = page.getByRole('form', { name: `Reject ${rejected.name}` });
    await form.getByRole('button', { name: 'Reject' }).click();
    await form.getByText('Give a short reason (at least 3 characters).').waitFor();
    await form.getByLabel('Reason (sent to the doctor)').fill(REASON);
    await screenshot(page, 'admin-providers-reject');
    await form.getByRole('button', { name: 'Reject' }).click();
    await page.getByText(`${rejected.name} was rejected`, { exact: false }).waitFor();
    assert.equal(await page.getByRole('listitem', { name: rejected.name }).count(), 0);

    // Approve asks for a confirmation and shows the full profile (with the clinics) at that moment.
    await second.getByRole('button', { name: `Approve ${approved.name}` }).click();
    const confirm = page.getByRole('group', { name: `Confirm approval of ${approved.name}` });
    await confirm.waitFor();
    await second.getByTestId('provider-preview').getByTestId('preview-clinic').first().waitFor();
    await screenshot(page, 'admin-providers-approve-confirm');
    assert.equal((await api('GET', `/v1/consultations/doctors/${approved.id}`)).status, 404, 'not approved before the confirmation');
    await confirm.getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByText(`${approved.name} is verified`, { exact: false }).waitFor();
    assert.equal(await page.getByRole('listitem', { name: approved.name }).count(), 0);

    // Each now shows under its status.
    await page.getByRole('button', { name: 'Rejected' }).click();
    assert.equal(await (await findInQueue(page, rejected.name, 'rejected')).getByRole('button', { name: /Approve/ }).count(), 0);
    await page.getByRole('button', { name: 'Verified', exact: true }).click();
    await findInQueue(page, approved.name, 'verified');
    assert.equal(await page.getByRole('listitem', { name: rejected.name }).count(), 0);
    await screenshot(page, 'admin-providers-verified');
  });

  // What the API says now.
  const admin = await adminAccessToken();
  const rejectedList = await api('GET', '/v1/admin/providers?status=rejected&limit=100', { token: admin });
  assert.equal(rejectedList.status, 200, JSON.stringify(rejectedList.data));
  assert.ok(rejectedList.data.items.some((i) => i.user_id === rejected.id));
  const mine = await api('GET', '/v1/consultations/doctors/me', { token: rejected.token });
  assert.equal(mine.data.status, 'rejected');
  assert.equal(mine.data.rejection_reason, REASON);
  assert.equal((await api('GET', `/v1/consultations/doctors/${approved.id}`)).status, 200);
  assert.equal((await api('GET', `/v1/consultations/doctors/${rejected.id}`)).status, 404);

  // The rejected doctor reads why, and may submit again; the queue is not theirs to open.
  await withPage(browser, 'admin-providers-doctor-rejected', async (page) => {
    await signIn(page, rejected);
    await page.goto('/practice');
    const banner = page.getByTestId('verification-status');
    await waitForText(banner, 'Rejected');
    await waitForText(page.getByTestId('rejection-reason'), REASON);
    await screenshot(page, 'admin-providers-doctor-sees-reason');
    await page.getByRole('button', { name: 'Submit for verification' }).click();
    await waitForText(banner, 'Pending verification');

    await page.goto('/admin/providers');
    await page.getByText('This page is for admin accounts only.').waitFor();
  });
  assert.equal((await api('GET', '/v1/admin/providers?status=pending', { token: rejected.token })).status, 403);
});
