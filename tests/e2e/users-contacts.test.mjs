// Users 4) emergency contacts: add one (with a field error first), see it after a reload, edit it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSection, screenshot, signInAsFreshPatient, waitForText, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a patient adds an emergency contact', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-4-emergency-contacts', async (page) => {
    await signInAsFreshPatient(page, 'contacts');
    await openSection(page, 'Emergency contacts', '/emergency-contacts');
    await page.getByRole('heading', { name: 'Emergency contacts', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add contact' }).click();
    const form = page.getByRole('form', { name: 'New emergency contact' });
    await form.getByLabel('Name').fill('Rahul Sharma');
    await form.getByLabel('Relationship').fill('spouse');
    await form.getByLabel('Phone').fill('98123');
    await form.getByRole('button', { name: 'Save contact' }).click();
    // The error is shown next to the phone field and bound to it.
    const phone = form.getByLabel('Phone');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    await waitForText(form.locator('.field--invalid .field__error'), /country code/);
    await screenshot(page, 'users-4-emergency-contacts-error');

    await phone.fill('+91 98123 45678');
    await form.getByLabel('Email (optional)').fill('rahul@example.com');
    await form.getByLabel('Notes (optional)').fill('Speaks Hindi and Marathi.');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Added Rahul Sharma.').waitFor();

    await page.reload();
    const card = page.getByTestId('emergency-contact');
    await waitForText(card, 'Rahul Sharma');
    const text = await card.innerText();
    assert.match(text, /\+919812345678/);
    assert.match(text, /Priority 1/);
    assert.match(text, /rahul@example\.com/);

    await page.getByRole('button', { name: 'Edit Rahul Sharma' }).click();
    const edit = page.getByRole('form', { name: 'Edit emergency contact' });
    await edit.getByLabel('Priority').selectOption('2');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Rahul Sharma.').waitFor();
    await waitForText(card, 'Priority 2');
    await screenshot(page, 'users-4-emergency-contacts-phone', { phone: true });
  });
});
