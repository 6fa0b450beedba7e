// Consultations, what a visit needs: a clinic booking's page shows the clinic's address with a directions link,
// "Add to calendar" downloads a valid .ics file of the booking, and a finished consultation offers its free
// follow-up, which leads to booking with the same doctor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { api, launchBrowser, screenshot, signInWithPassword, waitForText, waitForPath, expectHome } from './helpers.mjs';
import { book, expectStatus, finishedConsultation, newPatient, newVerifiedDoctor, withZonedPage } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A verified doctor who works at their clinic all day every day (UTC). */
async function clinicDoctor() {
  const doctor = await newVerifiedDoctor({ clinic: true, allDayVideo: false });
  const me = expectStatus(await api('GET', '/v1/consultations/doctors/me', { token: doctor.token }), 200, 'doctors/me');
  const locationId = me.locations[0].id;
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00', type: 'clinic', location_id: locationId }));
  expectStatus(await api('PUT', '/v1/consultations/doctors/me/schedule', { token: doctor.token, body: { time_zone: 'Etc/UTC', slot_minutes: 10, weekly } }), 200, 'schedule');
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const slots = expectStatus(await api('GET', `/v1/consultations/doctors/${doctor.id}/slots?from=${from}&to=${from}&type=clinic`), 200, 'slots');
  return { doctor, slot: slots.items[0] };
}

test('a clinic booking shows where to go, adds to the calendar, and a finished consultation offers its free follow-up', { timeout: 180_000 }, async () => {
  const { doctor, slot } = await clinicDoctor();
  const patient = await newPatient('visit');
  const clinicBooking = await book(patient.token, doctor.id, slot);
  const videoDoctor = await newVerifiedDoctor();
  const { booking: finished } = await finishedConsultation(videoDoctor, patient, {
    plan: 'Review in a week.',
    items: [{ medicine: 'Cetirizine', dose: '1 tablet', frequency: 'once daily', duration: '5 days', route: 'oral' }],
  });

  await withZonedPage(browser, 'consult-visit-calendar', 'Asia/Kolkata', async (page) => {
    await signInWithPassword(page, patient.email, patient.password);
    await expectHome(page, { name: patient.name });
    await page.goto(`/bookings/${clinicBooking.id}`);
    await waitForText(page.getByTestId('visit-address'), '12 Janpath, 110001 New Delhi, DL, IN');
    const href = await page.getByTestId('visit-directions').getAttribute('href');
    assert.match(href, /^https:\/\/www\.openstreetmap\.org\/\?mlat=28\.610000&mlon=77\.210000/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('add-to-calendar').click()]);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(download.suggestedFilename(), /\.ics$/);
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar file');
    assert.match(ics, new RegExp(`\\r\\nUID:${clinicBooking.id}@kiorex\\r\\n`));
    assert.match(ics, /\r\nLOCATION:.*12 Janpath/);
    assert.match(ics, /\r\nSTATUS:CONFIRMED\r\n/);
    await screenshot(page, 'consult-visit-clinic-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'consult-visit-clinic-phone');
    await page.setViewportSize({ width: 1366, height: 900 });

    // No follow-up before the consultation took place; after it, one, leading to the doctor's booking page.
    assert.equal(await page.getByTestId('follow-up-offer').count(), 0);
    await page.goto(`/bookings/${finished.id}`);
    const offer = page.getByTestId('follow-up-offer');
    await waitForText(offer, 'free follow-up');
    await screenshot(page, 'consult-visit-follow-up');
    await offer.getByRole('link', { name: 'Book free follow-up' }).click();
    await waitForPath(page, `/doctors/${videoDoctor.id}`);
  });
});
