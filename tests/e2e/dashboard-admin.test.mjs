// The admin's home (dashboard): the provider verification queue with counts per status that match the queue
// itself, and a count that follows a new submission. At desktop 1366x900 and phone 390x844.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAccessToken, api, launchBrowser, screenshot, waitForPath, waitForText, withPage } from './helpers.mjs';
import { newPendingDoctor, signInAsAdmin } from './doctor-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DESKTOP = { viewport: { width: 1366, height: 900 } };

async function queueLength(status) {
  const token = await adminAccessToken();
  let n = 0;
  let cursor = null;
  do {
    const r = await api('GET', `/v1/admin/providers?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    assert.equal(r.status, 200);
    n += r.data.items.length;
    cursor = r.data.next_cursor;
  } while (cursor);
  return n;
}

test('the admin home shows the queue counts of the provider queue and opens it', { timeout: 180_000 }, async () => {
  await newPendingDoctor('dash-admin');
  await withPage(browser, 'dashboard-admin', async (page) => {
    assert.equal(await signInAsAdmin(page), 'admin');
    const card = page.getByTestId('provider-queue');
    await card.getByTestId('count-pending').waitFor();
    for (const status of ['pending', 'verified', 'rejected', 'draft'])
      await waitForText(card.getByTestId(`count-${status}`), new RegExp(`^${await queueLength(status)}$`));
    const before = Number(await card.getByTestId('count-pending').innerText());
    await newPendingDoctor('dash-admin-more');
    await page.reload();
    await waitForText(card.getByTestId('count-pending'), new RegExp(`^${before + 1}$`));
    await screenshot(page, 'dashboard-admin-desktop');
    await screenshot(page, 'dashboard-admin-phone', { phone: true });
    await card.getByRole('link', { name: /Review \d+ waiting provider/ }).click();
    await waitForPath(page, '/admin/providers');
  }, DESKTOP);
});
