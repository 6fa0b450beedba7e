// Users 2) medical history: add an allergy and a medication, filter by kind, edit one, delete one; "load more".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiToken, launchBrowser, openSection, screenshot, signInAsFreshPatient, sleep, TIMEOUT, waitForText, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function entryTitles(page) {
  return (await page.getByTestId('history-entry').locator('h3').allInnerTexts()).map((t) => t.trim());
}

/** Waits until the list shows exactly `expected` (in this order): a filter change re-renders a moment later. */
async function waitForTitles(page, expected) {
  const deadline = Date.now() + TIMEOUT;
  let last = [];
  while (Date.now() < deadline) {
    last = await entryTitles(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await sleep(100);
  }
  assert.deepEqual(last, expected);
}

test('a patient adds an allergy and a medication, filters by kind, edits and deletes', { timeout: 150_000 }, async () => {
  await withPage(browser, 'users-2-history', async (page) => {
    await signInAsFreshPatient(page, 'history');
    await openSection(page, 'Records', '/medical-history');
    await page.getByRole('heading', { name: 'Medical history', level: 1 }).waitFor();
    await page.getByTestId('history-empty').waitFor();

    // An allergy with its reaction and severity.
    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('form', { name: 'New medical history entry' });
    await form.getByLabel('Type of entry').selectOption('allergy');
    await form.getByLabel('Allergic to').fill('Penicillin');
    await form.getByLabel('Reaction').fill('Rash and itching');
    await form.getByLabel('Severity').selectOption('severe');
    await form.getByLabel('Start date (optional)').fill('2015-06-01');
    await form.getByLabel('Notes (optional)').fill('Within hours of the first dose.');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText('Added “Penicillin”.').waitFor();

    // A medication with dose, frequency, route and an optional code.
    await page.getByRole('button', { name: 'Add entry' }).click();
    await form.getByLabel('Type of entry').selectOption('medication');
    await form.getByLabel('Medicine').fill('Metformin 500 mg');
    await form.getByLabel('Dose').fill('1 tablet');
    await form.getByLabel('How often').fill('twice a day');
    await form.getByLabel('How it is taken').fill('oral');
    await form.getByText('Medical code (optional)').click();
    await form.getByLabel('Code system').selectOption('RxNorm');
    await form.getByLabel('Code', { exact: true }).fill('860975');
    await screenshot(page, 'users-2-history-add-medication');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText('Added “Metformin 500 mg”.').waitFor();

    assert.deepEqual((await entryTitles(page)).sort(), ['Metformin 500 mg', 'Penicillin']);
    await page.getByRole('heading', { name: /^Allergies/ }).waitFor();
    await page.getByRole('heading', { name: /^Medications/ }).waitFor();
    await page.getByText('Rash and itching · severe reaction').waitFor();
    await page.getByText('1 tablet · twice a day · oral').waitFor();
    await screenshot(page, 'users-2-history-all');

    // Filter by kind.
    const filters = page.getByRole('group', { name: 'Show entries of kind' });
    await filters.getByRole('button', { name: 'Allergies' }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'allergy');
    await waitForTitles(page, ['Penicillin']);
    assert.equal(await filters.getByRole('button', { name: 'Allergies' }).getAttribute('aria-pressed'), 'true');
    await filters.getByRole('button', { name: 'Medications' }).click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'medication');
    await waitForTitles(page, ['Metformin 500 mg']);
    await filters.getByRole('button', { name: 'Immunizations' }).click();
    await page.getByTestId('history-empty').waitFor();
    await filters.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByTestId('history-entry').nth(1).waitFor();

    // Edit the allergy (PUT with If-Match).
    await page.getByRole('button', { name: 'Edit Penicillin' }).click();
    const edit = page.getByRole('form', { name: 'Edit medical history entry' });
    assert.equal(await edit.getByLabel('Reaction').inputValue(), 'Rash and itching');
    await edit.getByLabel('Severity').selectOption('moderate');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Penicillin”.').waitFor();
    await page.getByText('Rash and itching · moderate reaction').waitFor();

    // Delete the medication.
    await page.getByRole('button', { name: 'Delete Metformin 500 mg' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Deleted “Metformin 500 mg”.').waitFor();
    await waitForTitles(page, ['Penicillin']);

    await page.reload();
    await waitForText(page.getByTestId('history-entry'), 'Penicillin');
    assert.deepEqual(await entryTitles(page), ['Penicillin']);
    await page.getByText('Rash and itching · moderate reaction').waitFor();
    await screenshot(page, 'users-2-history-phone', { phone: true });
  });
});

test('a long history loads page by page ("Load more" follows the cursor)', { timeout: 150_000 }, async () => {
  await withPage(browser, 'users-2b-history-load-more', async (page) => {
    const { email, password } = await signInAsFreshPatient(page, 'history-more');
    const token = await apiToken(email, password);
    for (let i = 1; i <= 23; i++) {
      const r = await api('POST', '/v1/users/me/medical-history', {
        token,
        body: { kind: 'condition', title: `Condition ${String(i).padStart(2, '0')}`, status: i % 3 === 0 ? 'resolved' : 'active' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.data));
    }
    await page.goto('/medical-history');
    await page.getByTestId('history-entry').nth(19).waitFor();
    assert.equal(await page.getByTestId('history-entry').count(), 20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByTestId('history-entry').nth(22).waitFor();
    const titles = await entryTitles(page);
    assert.equal(titles.length, 23);
    assert.equal(new Set(titles).size, 23, 'no entry shown twice');
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
  });
});
