// Users 3) a guardian adds a dependent child and opens (and adds to) the child's medical history; a link request
// sent by email is accepted by the other person, who then sees the sender's records read-only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, createVerifiedPatient, launchBrowser, openSection, screenshot, signInAsFreshPatient, signInWithPassword, expectHome, TIMEOUT, waitForPath, waitForText, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a guardian adds a dependent child and opens the child’s history', { timeout: 150_000 }, async () => {
  await withPage(browser, 'users-3-family', async (page) => {
    await signInAsFreshPatient(page, 'guardian');
    await openSection(page, 'Family', '/family');
    await page.getByRole('heading', { name: 'Family', level: 1 }).waitFor();

    const child = `Aarav ${Date.now().toString(36).slice(-4)}`;
    await page.getByRole('button', { name: 'Add a dependent' }).click();
    const form = page.getByRole('form', { name: 'Add a dependent' });
    await form.getByLabel('Their full name').fill(child);
    await form.getByLabel('They are your').selectOption('child');
    await form.getByLabel('Their date of birth').fill('2019-02-03');
    await form.getByLabel('Their sex').selectOption('male');
    await screenshot(page, 'users-3-family-add');
    await form.getByRole('button', { name: 'Add dependent' }).click();

    const card = page.getByRole('article', { name: child });
    await card.waitFor();
    await waitForText(card, 'You manage their records');
    await screenshot(page, 'users-3-family-list');
    await screenshot(page, 'users-3-family-phone', { phone: true });

    // The child's medical history, opened from the family page: the calls go to /v1/users/<child id>/...
    await card.getByRole('link', { name: 'Medical history' }).click();
    await waitForPath(page, '/medical-history');
    const childId = new URL(page.url()).searchParams.get('for');
    assert.match(childId ?? '', /\S/, 'the page has ?for=<child id>');
    await page.getByRole('heading', { name: `${child}'s medical history` }).waitFor();
    await page.getByTestId('history-empty').waitFor();
    assert.equal(await page.getByLabel('Showing records of').inputValue(), childId);

    await page.getByRole('button', { name: 'Add entry' }).click();
    const entry = page.getByRole('form', { name: 'New medical history entry' });
    await entry.getByLabel('Type of entry').selectOption('immunization');
    await entry.getByLabel('Vaccine').fill('MMR');
    await entry.getByLabel('Dose number').fill('1');
    await entry.getByLabel('Date (optional)').fill('2020-03-01');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes(`/v1/users/${encodeURIComponent(childId)}/medical-history`),
    );
    await entry.getByRole('button', { name: 'Add entry' }).click();
    assert.equal((await created).status(), 201);
    await waitForText(page.getByTestId('history-entry'), 'MMR');
    await screenshot(page, 'users-3-family-child-history');

    // The guardian's own history does not have it; the switcher goes back and forth.
    await page.getByLabel('Showing records of').selectOption('');
    await page.waitForURL((u) => u.pathname === '/medical-history' && !u.searchParams.get('for'));
    await page.getByRole('heading', { name: 'Medical history', level: 1 }).waitFor();
    await page.getByTestId('history-empty').waitFor();
    await page.getByLabel('Showing records of').selectOption(childId);
    await waitForText(page.getByTestId('history-entry'), 'MMR');

    // The child's profile, through the navigation (which keeps ?for).
    await openSection(page, 'Profile', '/profile');
    assert.equal(new URL(page.url()).searchParams.get('for'), childId);
    await page.getByRole('heading', { name: `${child}'s profile` }).waitFor();
    await waitForText(page.getByTestId('profile-name'), child);
    assert.match(await page.getByTestId('profile-dob').innerText(), /2019/);
  });
});

test('a link request sent by email is accepted; each side then sees the other read-only', { timeout: 150_000 }, async () => {
  const other = await createVerifiedPatient('linked');
  await withPage(browser, 'users-3b-family-link', async (page) => {
    const me = await signInAsFreshPatient(page, 'linker');
    await page.goto('/family');
    await page.getByRole('button', { name: 'Link an existing account' }).click();
    const form = page.getByRole('form', { name: 'Link an existing account' });
    await form.getByLabel('Their email').fill(other.email);
    await form.getByLabel('They are your').selectOption('sibling');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.getByText(/Request sent\./).waitFor();

    // The other person, in their own browser, accepts.
    const theirs = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 390, height: 844 } });
    theirs.setDefaultTimeout(TIMEOUT);
    try {
      const p2 = await theirs.newPage();
      await signInWithPassword(p2, other.email, other.password);
      await expectHome(p2, { name: other.name });
      await p2.goto('/family');
      const request = p2.getByRole('article', { name: `Request from ${me.name}` });
      await waitForText(request, 'described you as their brother or sister');
      await screenshot(p2, 'users-3b-family-incoming-phone');
      await request.getByRole('button', { name: 'Accept' }).click();
      const card = p2.getByRole('article', { name: me.name });
      await waitForText(card, "You can view each other's records");
      // They open the sender's profile: readable, not editable.
      await card.getByRole('link', { name: 'Profile' }).click();
      await waitForPath(p2, '/profile');
      await p2.getByRole('heading', { name: `${me.name}'s profile` }).waitFor();
      await waitForText(p2.getByTestId('profile-name'), me.name);
      await p2.getByText(/only they can change them/).waitFor();
      assert.equal(await p2.getByRole('button', { name: 'Edit profile' }).count(), 0);
    } finally {
      await theirs.close();
    }

    // The sender sees the link as accepted and can open the other person's history.
    await page.reload();
    const card = page.getByRole('article', { name: other.name });
    await waitForText(card, "You can view each other's records");
    await card.getByRole('link', { name: 'Medical history' }).click();
    await page.getByRole('heading', { name: `${other.name}'s medical history` }).waitFor();
    await page.getByTestId('history-empty').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add entry' }).count(), 0, 'a linked relative cannot add entries');
  });
});
