// Public pages, no account needed: the landing page at / with its doctor search box, the public doctor search and a
// doctor's profile (tab titles as the server's link previews say), "Sign in to book this time" that comes back to
// the same doctor and time after signing in; and the page a pharmacist sees on a phone when scanning a
// prescription's QR code ("Genuine prescription by Dr … on …", or a warning for a wrong code).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, BASE_URL, createVerifiedPatient, launchBrowser, screenshot, signInWithPassword, waitForPath, waitForText, withPage } from './helpers.mjs';
import { finishedConsultation, newPatient, newVerifiedDoctor, pickSlot, slotStartingWithin } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a visitor searches from the landing page, opens a doctor, and books the chosen time after signing in', { timeout: 180_000 }, async () => {
  const doctor = await newVerifiedDoctor();
  const patient = await createVerifiedPatient('visitor');

  await withPage(browser, 'public-1-booking', async (page) => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'See a verified doctor, online or in clinic' }).waitFor();
    assert.equal(await page.title(), 'Consult a verified doctor online or in clinic · Kiorex');
    // Only consultations work today; the other services say so and are not links.
    await page.getByRole('link', { name: 'Consult a doctor' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Lab tests' }).count(), 0);
    assert.equal(await page.getByText('Coming soon').count(), 3);
    await screenshot(page, 'public-landing', { phone: true });
    await screenshot(page, 'public-landing-desktop');

    await page.getByLabel('Search doctors').fill(doctor.surname);
    await page.getByRole('button', { name: 'Search doctors' }).click();
    await page.waitForURL((u) => u.pathname === '/doctors' && u.searchParams.get('q') === doctor.surname);
    await waitForText(page.getByTestId('result-count'), '1 doctor found');
    assert.equal(await page.title(), `Doctors for “${doctor.surname}” · Kiorex`);
    await page.getByRole('link', { name: doctor.name }).first().click();

    await waitForPath(page, `/doctors/${doctor.id}`);
    await page.getByRole('heading', { level: 1, name: doctor.name }).waitFor();
    assert.equal(await page.title(), `${doctor.name} — Dermatology · Kiorex`);
    const slot = await slotStartingWithin(doctor.id, 24 * 60);
    await pickSlot(page, slot.start, 'UTC');
    await page.getByTestId('picked-slot').waitFor();
    await screenshot(page, 'public-profile-visitor', { phone: true });
    await page.getByRole('link', { name: 'Sign in to book this time' }).click();

    await waitForPath(page, '/signin');
    await signInWithPassword(page, patient.email, patient.password);
    // Back on the same doctor with the same time chosen: only the reason is left to give.
    await waitForPath(page, `/doctors/${doctor.id}`);
    await page.getByRole('heading', { level: 1, name: doctor.name }).waitFor();
    await page.getByTestId('picked-slot').waitFor();
    await page.getByLabel('Reason for the visit').fill('Itchy rash on both arms');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/bookings/'));
    const bookingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const token = (await api('POST', '/v1/auth/login', { body: { identifier: patient.email, password: patient.password } })).data.access_token;
    const booking = await api('GET', `/v1/consultations/bookings/${encodeURIComponent(bookingId)}`, { token });
    assert.equal(booking.status, 200);
    assert.equal(booking.data.start, slot.start);
    assert.equal(booking.data.doctor?.id ?? booking.data.doctor_id, doctor.id);
  }, { timezoneId: 'UTC', locale: 'en-US' });
});

test("a pharmacist scanning the QR code on a phone reads who issued the prescription, or a clear warning", { timeout: 180_000 }, async () => {
  const doctor = await newVerifiedDoctor();
  const patient = await newPatient('qr');
  const { rx } = await finishedConsultation(doctor, patient, {
    plan: 'Moisturise',
    items: [{ medicine: 'Cetirizine', strength: '10 mg', dose: '1 tablet', frequency: 'once daily at night', duration: '5 days' }],
  });
  const verifyPath = new URL(rx.verify_url, BASE_URL);
  await withPage(browser, 'public-2-prescription-check', async (page) => {
    await page.goto(verifyPath.pathname + verifyPath.search);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Genuine prescription by ${doctor.name} on `) }).waitFor();
    assert.match(await page.locator('body').innerText(), new RegExp(rx.id));
    assert.ok(!(await page.locator('body').innerText()).includes(patient.name), 'no patient name');
    await screenshot(page, 'public-prescription-genuine');

    await page.goto(`${verifyPath.pathname}?code=not-the-code`);
    await page.getByRole('heading', { level: 1, name: 'Warning: this prescription could not be verified' }).waitFor();
    await screenshot(page, 'public-prescription-warning');
  }, { viewport: { width: 390, height: 844 }, isMobile: true });
});
