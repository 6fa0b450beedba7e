// Users 1) a patient edits the profile and sees it after a reload; an edit made meanwhile on another device
// (a stale ETag, 412) is reported and the latest version is loaded; a new email takes effect after its code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiToken, launchBrowser, openSection, readCode, screenshot, signInAsFreshPatient, uniqueEmail, waitForText, withPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a patient edits the profile and sees it after a reload', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-1-profile', async (page) => {
    await signInAsFreshPatient(page, 'profile');
    await openSection(page, 'Profile', '/profile');
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.getByTestId('profile-name').waitFor();

    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Full name').fill('Meera Iyer');
    await page.getByLabel('Date of birth').fill('1988-09-15');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Preferred language').selectOption('mr');
    await page.getByLabel('Blood group').selectOption('O+');
    await page.getByLabel('Height (cm)').fill('158');
    await page.getByLabel('Weight (kg)').fill('54.5');
    await page.getByLabel('Address line 1').fill('21 Lake View Road');
    await page.getByLabel('City').fill('Pune');
    await page.getByLabel('State or region').fill('MH');
    await page.getByLabel('Postal code').fill('411001');
    await page.getByLabel('Country').fill('in');
    await screenshot(page, 'users-1-profile-edit');
    await screenshot(page, 'users-1-profile-edit-phone', { phone: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes were saved.').waitFor();

    await page.reload();
    await waitForText(page.getByTestId('profile-name'), 'Meera Iyer');
    assert.equal((await page.getByTestId('profile-blood-group').innerText()).trim(), 'O+');
    assert.equal((await page.getByTestId('profile-height').innerText()).trim(), '158 cm');
    assert.equal((await page.getByTestId('profile-weight').innerText()).trim(), '54.5 kg');
    assert.match(await page.getByTestId('profile-dob').innerText(), /1988/);
    const address = await page.getByTestId('profile-address').innerText();
    assert.match(address, /21 Lake View Road/);
    assert.match(address, /Pune, MH, 411001/);
    assert.match(address, /IN/);
    await screenshot(page, 'users-1-profile-phone', { phone: true });
  });
});

test('a change saved on another device meanwhile is reported (412) and the latest profile loaded', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-1b-profile-conflict', async (page) => {
    const { email, password } = await signInAsFreshPatient(page, 'conflict');
    await page.goto('/profile');
    await page.getByTestId('profile-name').waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();

    // "Another device": the same person changes the height through the API with the current ETag.
    const token = await apiToken(email, password);
    const current = await api('GET', '/v1/users/me', { token });
    assert.equal(current.status, 200, JSON.stringify(current.data));
    const etag = current.headers.get('etag');
    assert.ok(etag, 'GET /v1/users/me sends an ETag');
    const put = await api('PUT', '/v1/users/me', { token, body: { height_cm: 171 }, headers: { 'If-Match': etag } });
    assert.equal(put.status, 200, JSON.stringify(put.data));

    await page.getByLabel('Weight (kg)').fill('61');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await waitForText(page.getByRole('alert'), /changed on another device/);
    // The form now shows the other device's change, ready for another try.
    assert.equal(await page.getByLabel('Height (cm)').inputValue(), '171');
    assert.equal(await page.getByLabel('Weight (kg)').inputValue(), '');
    await page.getByLabel('Weight (kg)').fill('61');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes were saved.').waitFor();
    assert.equal((await page.getByTestId('profile-height').innerText()).trim(), '171 cm');
    assert.equal((await page.getByTestId('profile-weight').innerText()).trim(), '61 kg');
  });
});

test('a patient changes the email: the new address works after the code sent to it', { timeout: 120_000 }, async () => {
  await withPage(browser, 'users-1c-profile-email', async (page) => {
    const { email } = await signInAsFreshPatient(page, 'newmail');
    await page.goto('/profile');
    const box = page.getByTestId('contact-email');
    await waitForText(box, email);
    await box.getByRole('button', { name: 'Change email' }).click();
    const newEmail = uniqueEmail('newmail-to');
    await box.getByLabel('New email').fill(newEmail);
    await box.getByRole('button', { name: 'Send code' }).click();
    await waitForText(box, `We sent a 6-digit code to ${newEmail}`);
    // Until confirmed, the old address stays.
    await waitForText(box, email);

    const code = await readCode(newEmail);
    const wrong = code === '000000' ? '111111' : '000000';
    await box.getByLabel('Code sent to the new email').fill(wrong);
    await box.getByRole('button', { name: 'Confirm' }).click();
    // The server's 401 invalid-otp is shown beside the code field, bound to it.
    await waitForText(box.locator('.field--invalid .field__error'), /code/i);
    assert.equal(await box.getByLabel('Code sent to the new email').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'users-1c-profile-email-wrong-code');
    await box.getByLabel('Code sent to the new email').fill(code);
    await box.getByRole('button', { name: 'Confirm' }).click();
    await waitForText(box, `Your email address is now ${newEmail}.`);
    await page.reload();
    await waitForText(page.getByTestId('contact-email'), newEmail);
    assert.ok(!(await page.getByTestId('contact-email').innerText()).includes(email), 'the old address is gone');
  });
});
