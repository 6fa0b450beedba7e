// Consultations, doctor 1) a new doctor fills the practice profile (specialties, qualification, registration,
// languages, fees, a clinic with coordinates, time zone), saves it, submits it for verification; the admin
// approves it in the provider queue; the doctor then sees "Verified" and patients can open the public profile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, launchBrowser, openSection, screenshot, waitForPath, waitForText, withPage } from './helpers.mjs';
import { findInQueue, newDoctorAccount, signIn, signInAsAdmin } from './doctor-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a new doctor completes the practice profile, submits it, and is verified by the admin', { timeout: 180_000 }, async () => {
  const doctor = await newDoctorAccount('practice');
  const registration = `DMC/${Date.now().toString(36).toUpperCase()}`;

  await withPage(browser, 'consult-doctor-1-profile', async (page) => {
    await signIn(page, doctor);
    await openSection(page, 'Practice profile', '/practice');
    await page.getByRole('heading', { name: 'Practice profile', level: 1 }).waitFor();
    const banner = page.getByTestId('verification-status');
    await waitForText(banner, 'Not set up yet');
    await waitForText(page.getByTestId('practice-name'), doctor.name);

    // An incomplete form is stopped in the browser with the fields named.
    await page.getByRole('button', { name: 'Save practice profile' }).click();
    await waitForText(page.getByRole('alert').first(), 'Please check the highlighted fields.');
    await page.getByText('Choose 1 to 5 specialties.').waitFor();
    await page.getByText('Enter the registration number (3–40 characters).').waitFor();

    await page.getByLabel('Gender').selectOption('female');
    await page.getByLabel('Years of experience').fill('12');
    await page.getByLabel('Introduction (optional)').fill('Skin, hair and nail problems for adults and children.');
    await page.getByLabel('Dermatology', { exact: true }).check();
    const q1 = page.getByRole('group', { name: 'Qualification 1' });
    await q1.getByLabel('Degree').fill('MBBS');
    await q1.getByLabel('Institution').fill('Maulana Azad Medical College');
    await q1.getByLabel('Year').fill('2009');
    await page.getByRole('button', { name: 'Add a qualification' }).click();
    const q2 = page.getByRole('group', { name: 'Qualification 2' });
    await q2.getByLabel('Degree').fill('MD (Dermatology)');
    await q2.getByLabel('Institution').fill('AIIMS Delhi');
    await q2.getByLabel('Year').fill('2013');
    await page.getByLabel('Registration number').fill(registration);
    await page.getByLabel('Issuing council').fill('Delhi Medical Council');
    await page.getByLabel('हिन्दी (Hindi)').check();
    await page.getByLabel('Other languages (optional)').fill('fr');
    await page.getByLabel('Conditions you treat').fill('acne, eczema, psoriasis, hair loss');
    await page.getByLabel('Video fee (INR)').fill('600');
    await page.getByLabel('Clinic visits').check();
    await page.getByLabel('Clinic fee (INR)').fill('900.50');
    await page.getByRole('button', { name: 'Add a clinic location' }).click();
    const loc = page.getByRole('group', { name: 'Location 1' });
    await loc.getByLabel('Clinic name').fill(`${doctor.surname} Skin Clinic`);
    await loc.getByLabel('Street address').fill('4 Park Street');
    await loc.getByLabel('City').fill('New Delhi');
    await loc.getByLabel('State or region').fill('DL');
    await loc.getByLabel('Postal code').fill('110001');
    await loc.getByLabel('Country (2-letter code)').fill('in');
    await loc.getByLabel('Latitude').fill('28.6304');
    await loc.getByLabel('Longitude').fill('77.2177');
    await page.getByLabel('Time zone').selectOption('Asia/Kolkata');
    await page.getByLabel('Slot length').selectOption('20');
    await page.getByLabel('Free follow-up within (days)').fill('10');
    await screenshot(page, 'consult-doctor-1-profile-form');
    await page.getByRole('button', { name: 'Save practice profile' }).click();
    await page.getByText('Your practice profile was saved.', { exact: false }).waitFor();
    await waitForText(banner, 'Draft');

    // Stored as the contract says: minor units, ids of locations, the chosen zone.
    const stored = await api('GET', '/v1/consultations/doctors/me', { token: doctor.token });
    assert.equal(stored.status, 200, JSON.stringify(stored.data));
    assert.deepEqual(stored.data.specialties, ['dermatology']);
    assert.deepEqual(stored.data.consultation_types.video.fee, { amount: 60000, currency: 'INR' });
    assert.deepEqual(stored.data.consultation_types.clinic.fee, { amount: 90050, currency: 'INR' });
    assert.deepEqual(stored.data.languages, ['en', 'hi', 'fr']);
    assert.deepEqual(stored.data.conditions, ['acne', 'eczema', 'psoriasis', 'hair loss']);
    assert.equal(stored.data.registration.number, registration);
    assert.equal(stored.data.qualifications.length, 2);
    assert.equal(stored.data.locations.length, 1);
    assert.ok(stored.data.locations[0].id, 'the new location got an id');
    assert.equal(stored.data.locations[0].address.country, 'IN');
    assert.equal(stored.data.time_zone, 'Asia/Kolkata');
    assert.equal(stored.data.slot_minutes, 20);
    assert.equal(stored.data.follow_up_days, 10);
    assert.equal(stored.data.status, 'draft');

    // After a reload the form shows what was saved; an edit goes through with the ETag.
    await page.reload();
    await waitForText(banner, 'Draft');
    assert.equal(await page.getByLabel('Registration number').inputValue(), registration);
    assert.equal(await page.getByLabel('Clinic fee (INR)').inputValue(), '900.50');
    assert.equal(await page.getByRole('group', { name: 'Location 1' }).getByLabel('Latitude').inputValue(), '28.6304');
    // Meanwhile "another device" changes the bio: the stale save is refused (412), the latest version is loaded.
    const other = await api('PUT', '/v1/consultations/doctors/me', {
      token: doctor.token,
      headers: { 'If-Match': stored.headers.get('etag') },
      body: { bio: 'Written on another device.' },
    });
    assert.equal(other.status, 200, JSON.stringify(other.data));
    await page.getByLabel('Years of experience').fill('13');
    await page.getByRole('button', { name: 'Save practice profile' }).click();
    await waitForText(page.getByRole('alert').first(), /changed on another device/);
    assert.equal(await page.getByLabel('Introduction (optional)').inputValue(), 'Written on another device.');
    assert.equal(await page.getByLabel('Years of experience').inputValue(), '12');
    await page.getByLabel('Years of experience').fill('13');
    await page.getByRole('button', { name: 'Save practice profile' }).click();
    await page.getByText('Your practice profile was saved.', { exact: false }).waitFor();
    const edited = await api('GET', '/v1/consultations/doctors/me', { token: doctor.token });
    assert.equal(edited.data.experience_years, 13);
    assert.equal(edited.data.bio, 'Written on another device.');
    assert.equal(edited.data.locations[0].id, stored.data.locations[0].id, 'the location kept its id');

    await page.getByRole('button', { name: 'Submit for verification' }).click();
    await waitForText(banner, 'Pending verification');
    await page.getByText('Submitted for verification.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Submit for verification' }).count(), 0);
    await screenshot(page, 'consult-doctor-1-profile-pending');
    await screenshot(page, 'consult-doctor-1-profile-phone', { phone: true });
    // Not verified yet: the public profile is not there.
    assert.equal((await api('GET', `/v1/consultations/doctors/${doctor.id}`)).status, 404);

    // The admin approves it in the queue (another browser context).
    await withPage(browser, 'consult-doctor-1-admin-approves', async (adminPage) => {
      assert.equal(await signInAsAdmin(adminPage), 'admin');
      await adminPage.getByRole('link', { name: 'Provider verification' }).click();
      await waitForPath(adminPage, '/admin/providers');
      const item = await findInQueue(adminPage, edited.data.name);
      await waitForText(item.getByTestId('provider-registration'), registration);
      await screenshot(adminPage, 'consult-doctor-1-admin-queue');
      await item.getByRole('button', { name: `Approve ${edited.data.name}` }).click();
      await adminPage.getByRole('group', { name: `Confirm approval of ${edited.data.name}` }).getByRole('button', { name: 'Yes, approve' }).click();
      await adminPage.getByText(`${edited.data.name} is verified`, { exact: false }).waitFor();
      assert.equal(await adminPage.getByRole('listitem', { name: edited.data.name }).count(), 0);
    });

    await page.reload();
    await waitForText(banner, 'Verified');
    await screenshot(page, 'consult-doctor-1-profile-verified');
  });

  const pub = await api('GET', `/v1/consultations/doctors/${doctor.id}`);
  assert.equal(pub.status, 200, JSON.stringify(pub.data));
  assert.equal(pub.data.name, doctor.name);
});
