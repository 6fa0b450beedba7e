// Consultations, patient 3) after the visit: the patient reads the doctor's plan (not the other notes) and the
// prescription, downloads its PDF, and rates the consultation once; the rating shows on the doctor's profile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { api, expectHome, launchBrowser, openSection, screenshot, signInWithPassword, waitForText, waitForPath } from './helpers.mjs';
import { expectStatus, finishedConsultation, newPatient, newVerifiedDoctor, withZonedPage } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a patient reads the plan and prescription, downloads the PDF and rates once', { timeout: 180_000 }, async () => {
  const doctor = await newVerifiedDoctor();
  const patient = await newPatient('aftercare');
  const plan = 'Apply the emollient twice a day. Cetirizine at night for 5 days. Review in 2 weeks.';
  const { booking, rx } = await finishedConsultation(doctor, patient, {
    plan,
    items: [
      { medicine: 'Cetirizine', strength: '10 mg', form: 'tablet', dose: '1 tablet', frequency: 'once daily at night', duration: '5 days', route: 'oral', instructions: 'may cause drowsiness' },
      { medicine: 'Emollient cream', dose: 'thin layer', frequency: 'twice a day', duration: '2 weeks', route: 'topical' },
    ],
  });

  await withZonedPage(browser, 'consult-patient-3-after', 'Asia/Kolkata', async (page) => {
    await signInWithPassword(page, patient.email, patient.password);
    await expectHome(page, { name: patient.name });

    // The finished consultation is under "Past and cancelled".
    await openSection(page, 'Appointments', '/bookings');
    await page.getByRole('button', { name: 'Past and cancelled' }).click();
    const card = page.locator(`[data-booking-id="${booking.id}"]`);
    await waitForText(card, 'Completed');
    await card.getByRole('link', { name: 'Details' }).click();
    await waitForPath(page, `/bookings/${booking.id}`);

    // The plan, and only the plan, of the notes.
    await waitForText(page.getByTestId('plan'), plan);
    assert.equal(await page.getByText('Atopic eczema').count(), 0, 'the assessment is not shown to the patient');

    // The prescription with its items, and its PDF.
    const view = page.getByTestId('prescription');
    await waitForText(view, 'Cetirizine');
    await waitForText(view, 'once daily at night');
    await waitForText(view, 'Emollient cream');
    await waitForText(view, 'Keep the skin moisturised');
    await waitForText(view, doctor.name);
    const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Download PDF' }).click()]);
    const file = await download.path();
    const pdf = await readFile(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await screenshot(page, 'consult-patient-3-prescription');

    // The prescription's own page shows the same.
    await page.goto(`/prescriptions/${rx.id}`);
    await waitForText(page.getByTestId('prescription'), 'Cetirizine');
    await page.goBack();
    await waitForPath(page, `/bookings/${booking.id}`);

    // Rate: the stars are required, then 4 stars with a comment.
    const form = page.getByRole('form', { name: 'Rate consultation' });
    await form.getByRole('button', { name: 'Send rating' }).click();
    await form.getByText('Choose 1 to 5 stars.').waitFor();
    await form.getByRole('button', { name: '4 stars' }).click();
    await form.getByLabel('Comment (optional)').fill('Clear advice, the rash is settling.');
    await form.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you for rating this consultation.').waitFor();
    await screenshot(page, 'consult-patient-3-rated');

    await waitForText(page.getByTestId('my-rating'), 'Clear advice, the rash is settling.');
    assert.equal(await page.getByRole('form', { name: 'Rate consultation' }).count(), 0);

    // Once only: the API refuses a second rating; the page shows the one given, with no form.
    const again = await api('POST', `/v1/consultations/${booking.id}/rating`, { token: patient.token, body: { stars: 1 } });
    assert.equal(again.status, 409);
    await page.reload();
    await waitForText(page.getByTestId('my-rating'), 'Clear advice');
    assert.equal(await page.getByTestId('my-rating').locator('[aria-label="4 of 5 stars"]').count(), 1);
    assert.equal(await page.getByRole('form', { name: 'Rate consultation' }).count(), 0);

    // The doctor's profile counts it and shows the comment with the patient's first name.
    await page.goto(`/doctors/${doctor.id}`);
    await waitForText(page.getByTestId('rating-summary'), '4.0 ★ (1 rating)');
    await waitForText(page.getByTestId('comments'), 'Clear advice, the rash is settling.');
    await waitForText(page.getByTestId('comments'), patient.name.split(' ')[0]);
    const profile = expectStatus(await api('GET', `/v1/consultations/doctors/${doctor.id}`), 200, 'doctor profile');
    assert.deepEqual({ count: profile.rating.count, average: profile.rating.average }, { count: 1, average: 4 });
    await screenshot(page, 'consult-patient-3-doctor-rating');
  });
});
