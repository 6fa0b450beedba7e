// Consultations, patient 2) booking: pick a free slot on the doctor's profile (shown in the patient's time zone
// with the doctor's local time), book it for oneself or a dependent, find it in My bookings, reschedule, cancel;
// a slot taken meanwhile gives a clear message and fresh slots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, launchBrowser, openSection, screenshot, signInWithPassword, expectHome, waitForText, waitForPath } from './helpers.mjs';
import { book, expectStatus, freeSlots, newPatient, newVerifiedDoctor, pickSlot, withZonedPage } from './consult-helpers.mjs';

let browser;
let doctor;
before(async () => {
  browser = await launchBrowser();
  doctor = await newVerifiedDoctor();
});
after(async () => {
  await browser?.close();
});

const norm = (t) => t.replace(/\s+/g, ' ').trim();

/** A time as the page writes it for an en-US browser ("6:30 PM"). */
function timeIn(iso, timeZone) {
  return norm(new Date(iso).toLocaleTimeString('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }));
}

/** A date and time as the booking pages write it ("Mon, Mar 9, 2026, 6:30 PM"). */
function dateTimeIn(iso, timeZone) {
  return norm(new Date(iso).toLocaleString('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }));
}

/** Free slots at least `hours` ahead (outside the cancellation window), from the API. */
async function slotsAhead(hours, count) {
  const after = Date.now() + hours * 3_600_000;
  const slots = (await freeSlots(doctor.id, 3)).filter((s) => new Date(s.start).getTime() >= after);
  assert.ok(slots.length >= count, 'enough free slots');
  return slots.slice(0, count);
}

async function signIn(page, patient) {
  await signInWithPassword(page, patient.email, patient.password);
  await expectHome(page, { name: patient.name });
}

test('a patient books a slot, sees it in My bookings, reschedules and cancels it', { timeout: 180_000 }, async () => {
  const patient = await newPatient('booker');
  const [first, second] = await slotsAhead(3, 8).then((s) => [s[0], s[6]]);

  await withZonedPage(browser, 'consult-patient-2-booking', 'Asia/Kolkata', async (page) => {
    await signIn(page, patient);
    await page.goto(`/doctors/${doctor.id}`);
    await page.getByRole('heading', { name: doctor.name, level: 1 }).waitFor();
    await page.getByText('Times are in your time zone (Kolkata)').waitFor();

    // The slot shows Kolkata time with the doctor's (UTC) time under it.
    const button = await pickSlot(page, first.start, 'Asia/Kolkata');
    const label = norm(await button.innerText());
    assert.ok(label.startsWith(timeIn(first.start, 'Asia/Kolkata')), `Kolkata time first: ${label}`);
    assert.ok(label.includes(timeIn(first.start, 'UTC')) && label.endsWith('in UTC'), `then the doctor's UTC time: ${label}`);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');

    const form = page.getByRole('form', { name: 'Booking details' });
    await form.getByRole('button', { name: 'Book this time' }).click();
    await form.getByText('Tell the doctor briefly why you are booking').waitFor(); // the reason is required
    await form.getByLabel('Reason for the visit').fill('Itchy rash on both arms for two weeks');
    await screenshot(page, 'consult-patient-2-booking-form');
    await form.getByRole('button', { name: 'Book this time' }).click();

    await page.waitForURL((u) => /^\/bookings\/bkg_/.test(u.pathname));
    const bookingId = new URL(page.url()).pathname.split('/').pop();
    await page.getByText('Your consultation is booked.').waitFor();
    assert.equal((await page.getByTestId('booking-status').innerText()).trim(), 'Confirmed');
    assert.ok(norm(await page.getByTestId('booking-when').innerText()).startsWith(dateTimeIn(first.start, 'Asia/Kolkata')));
    const booked = expectStatus(await api('GET', `/v1/consultations/bookings/${bookingId}`, { token: patient.token }), 200, 'GET booking');
    assert.equal(booked.start, first.start);
    assert.equal(booked.reason, 'Itchy rash on both arms for two weeks');
    await screenshot(page, 'consult-patient-2-booked');

    // My bookings lists it under Upcoming.
    await openSection(page, 'Appointments', '/bookings');
    const card = page.locator(`[data-booking-id="${bookingId}"]`);
    await card.waitFor();
    await waitForText(card, doctor.name);
    await screenshot(page, 'consult-patient-2-my-bookings');

    // Reschedule to another free time.
    await card.getByRole('link', { name: 'Details' }).click();
    await waitForPath(page, `/bookings/${bookingId}`);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await pickSlot(page, second.start, 'Asia/Kolkata');
    await page.getByRole('button', { name: /^Move to / }).click();
    await page.getByText(/^Moved to /).waitFor();
    const moved = expectStatus(await api('GET', `/v1/consultations/bookings/${bookingId}`, { token: patient.token }), 200, 'GET booking');
    assert.equal(moved.start, second.start);
    assert.equal(moved.status, 'confirmed');
    // The old slot is free again.
    assert.ok((await freeSlots(doctor.id, 3)).some((s) => s.start === first.start), 'the old slot is offered again');

    // Cancel with a reason.
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const cancel = page.getByRole('form', { name: 'Cancel booking' });
    await cancel.getByLabel('Reason for cancelling').fill('Feeling better already');
    await cancel.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByText('Your booking is cancelled.').waitFor();
    assert.equal((await page.getByTestId('booking-status').innerText()).trim(), 'Cancelled');
    await waitForText(page.getByTestId('cancellation'), 'Feeling better already');
    assert.equal(await page.getByRole('button', { name: 'Reschedule' }).count(), 0);

    // Upcoming is empty now; the booking is under "Past and cancelled".
    await openSection(page, 'Appointments', '/bookings');
    await page.getByTestId('bookings-empty').waitFor();
    await page.getByRole('button', { name: 'Past and cancelled' }).click();
    await page.locator(`[data-booking-id="${bookingId}"]`).getByText('Cancelled').waitFor();
    await screenshot(page, 'consult-patient-2-cancelled');
  });
});

test('a guardian books for a dependent child', { timeout: 150_000 }, async () => {
  const guardian = await newPatient('guardian');
  const child = expectStatus(
    await api('POST', '/v1/users/me/family-members', {
      token: guardian.token,
      body: { kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2018-04-02', sex: 'male' },
    }),
    [200, 201],
    'add dependent',
  );
  const childId = child.member?.id ?? child.id;
  const [slot] = await slotsAhead(3, 20).then((s) => [s[12]]);

  await withZonedPage(browser, 'consult-patient-2-dependent', 'Europe/London', async (page) => {
    await signIn(page, guardian);
    await page.goto(`/doctors/${doctor.id}`);
    await pickSlot(page, slot.start, 'Europe/London');
    const form = page.getByRole('form', { name: 'Booking details' });
    await form.getByLabel('Who is the consultation for?').selectOption(childId);
    await form.getByLabel('Reason for the visit').fill('Red patches behind the knees');
    await form.getByRole('button', { name: 'Book this time' }).click();
    await page.waitForURL((u) => /^\/bookings\/bkg_/.test(u.pathname));
    await waitForText(page.getByTestId('booking-patient'), 'Aarav Sharma');
    const bookingId = new URL(page.url()).pathname.split('/').pop();
    const b = expectStatus(await api('GET', `/v1/consultations/bookings/${bookingId}`, { token: guardian.token }), 200, 'GET booking');
    assert.equal(b.patient.id, childId);
    assert.equal(b.booked_by !== childId, true);

    // It shows in the guardian's list, marked as for the child.
    await openSection(page, 'Appointments', '/bookings');
    await waitForText(page.locator(`[data-booking-id="${bookingId}"]`), 'for Aarav Sharma');
  });
});

test('a slot taken while the patient was deciding gives a clear message and fresh slots', { timeout: 150_000 }, async () => {
  const slow = await newPatient('slow');
  const fast = await newPatient('fast');
  const [slot] = await slotsAhead(4, 30).then((s) => [s[25]]);

  await withZonedPage(browser, 'consult-patient-2-slot-taken', 'America/New_York', async (page) => {
    await signIn(page, slow);
    await page.goto(`/doctors/${doctor.id}`);
    const button = await pickSlot(page, slot.start, 'America/New_York');
    const form = page.getByRole('form', { name: 'Booking details' });
    await form.getByLabel('Reason for the visit').fill('Dry skin on the hands');

    // Someone else books the same slot first.
    await book(fast.token, doctor.id, slot);

    await form.getByRole('button', { name: 'Book this time' }).click();
    await waitForText(page.getByTestId('slot-taken'), 'just booked by someone else');
    // The slot list was reloaded: that time is no longer offered, and nothing was booked for this patient.
    await button.waitFor({ state: 'detached' });
    const mine = expectStatus(await api('GET', '/v1/consultations/bookings?role=patient', { token: slow.token }), 200, 'list bookings');
    assert.equal(mine.items.length, 0);
    await screenshot(page, 'consult-patient-2-slot-taken');
  });
});
