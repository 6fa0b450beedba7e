// Consultations, doctor 3) a patient books two video slots (through the API); the doctor sees today's and the
// upcoming appointment, cancels the later one with a reason, opens the workspace of the first, reads the
// patient's profile and medical history (care relationship of the booking), starts the consultation (the call
// opens in the workspace), writes SOAP notes (saved twice: the second with If-Match), issues a prescription of two
// medicines, downloads its PDF, checks the verify link, and ends the consultation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, launchBrowser, openSection, screenshot, waitForPath, waitForText, withPage } from './helpers.mjs';
import { book, expectStatus, freeSlots, newPatient, setAllDayVideo, slotStartingWithin } from './consult-helpers.mjs';
import { newApprovedDoctor, signIn } from './doctor-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function patientWithHistory() {
  const patient = await newPatient('consulted');
  const me = await api('GET', '/v1/users/me', { token: patient.token });
  expectStatus(
    await api('PUT', '/v1/users/me', { token: patient.token, headers: { 'If-Match': me.headers.get('etag') }, body: { date_of_birth: '1990-04-02', sex: 'female', blood_group: 'B+' } }),
    200,
    'PUT /v1/users/me',
  );
  for (const body of [
    { kind: 'allergy', title: 'Penicillin', status: 'active', details: { reaction: 'Hives', severity: 'severe' } },
    { kind: 'condition', title: 'Asthma', status: 'active', onset_date: '2004-06-01' },
  ]) {
    expectStatus(await api('POST', '/v1/users/me/medical-history', { token: patient.token, body }), 201, 'POST medical-history');
  }
  return patient;
}

test('a doctor runs a consultation from the appointment list to a signed prescription', { timeout: 240_000 }, async () => {
  // Video hours all day (UTC, 10-minute slots): a slot always starts within 15 minutes, so it can be started now.
  const doctor = await newApprovedDoctor('consulting', { clinic: false });
  await setAllDayVideo(doctor.token);
  const patient = await patientWithHistory();
  const soon = await slotStartingWithin(doctor.id, 15);
  const booking = await book(patient.token, doctor.id, soon, { reason: 'Itchy red rash on both forearms for two weeks' });
  const later = (await freeSlots(doctor.id, 3)).find((s) => Date.parse(s.start) > Date.now() + 25 * 3_600_000);
  assert.ok(later, 'a slot more than a day ahead');
  const laterBooking = await book(patient.token, doctor.id, later, { reason: 'Follow-up of the rash' });

  await withPage(browser, 'consult-doctor-3-consultation', async (page) => {
    await signIn(page, doctor);
    await openSection(page, 'Appointments', '/practice/appointments');
    // The booking starts within 15 minutes: today, unless that crosses midnight (the browser's zone is this process's).
    const sameDay = new Date(booking.start).toDateString() === new Date().toDateString();
    const list = page.getByRole('list', { name: sameDay ? "Today's appointments" : 'Upcoming appointments' });
    const todayItem = list.locator(`[data-booking-id="${booking.id}"]`);
    await waitForText(todayItem.getByTestId('appointment-patient'), patient.name);
    await waitForText(todayItem, 'Itchy red rash');
    const upcoming = page.getByRole('list', { name: 'Upcoming appointments' }).locator(`[data-booking-id="${laterBooking.id}"]`);
    await waitForText(upcoming.getByTestId('booking-status'), 'Confirmed');
    await screenshot(page, 'consult-doctor-3-appointments');
    await screenshot(page, 'consult-doctor-3-appointments-phone', { phone: true });

    // Cancel the later one with a reason (a missing reason is refused first).
    await upcoming.getByRole('button', { name: 'Cancel appointment' }).click();
    const cancel = page.getByRole('form', { name: `Cancel the appointment with ${patient.name}` });
    await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
    await cancel.getByText('Give a short reason (at least 3 characters).').waitFor();
    await cancel.getByLabel('Reason for cancelling').fill('I am away at a conference that day; please book another day.');
    await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
    await waitForText(upcoming.getByTestId('booking-status'), 'Cancelled');
    const cancelled = await api('GET', `/v1/consultations/bookings/${laterBooking.id}`, { token: patient.token });
    assert.equal(cancelled.data.status, 'cancelled');
    assert.equal(cancelled.data.cancellation?.by, 'doctor');

    // The workspace: the appointment and the patient's records.
    await todayItem.getByRole('link', { name: 'Open' }).click();
    await waitForPath(page, `/practice/appointments/${booking.id}`);
    await page.getByRole('heading', { name: `Consultation with ${patient.name}`, level: 1 }).waitFor();
    await waitForText(page.getByTestId('visit-reason'), 'Itchy red rash on both forearms');
    const summary = page.getByTestId('patient-summary');
    await waitForText(summary.getByTestId('patient-facts'), 'B+');
    await waitForText(summary.getByTestId('patient-facts'), /born/);
    await summary.getByTestId('patient-history-entry').filter({ hasText: 'Penicillin' }).waitFor();
    await waitForText(summary.getByTestId('patient-history-entry').filter({ hasText: 'Penicillin' }), 'severe');
    await summary.getByTestId('patient-history-entry').filter({ hasText: 'Asthma' }).waitFor();
    await page.getByText('They open when you start the consultation.').waitFor();
    await screenshot(page, 'consult-doctor-3-workspace-before-start');

    // Start; the video call opens in the workspace itself (consult-workspace-call.test.mjs follows it with a camera).
    await page.getByRole('button', { name: 'Start consultation' }).click();
    await page.getByText('The consultation has started', { exact: false }).waitFor();
    await waitForText(page.getByTestId('visit').getByTestId('booking-status'), 'In progress');
    await page.getByTestId('workspace-call').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Join the video call' }).count(), 0);
    assert.equal((await api('GET', `/v1/consultations/bookings/${booking.id}`, { token: doctor.token })).data.status, 'in_progress');

    // SOAP notes: first save, then a change (If-Match).
    const notes = page.getByRole('form', { name: 'Consultation notes' });
    await notes.getByLabel('Subjective').fill('Itching for two weeks, worse at night. No new soaps or detergents.');
    await notes.getByLabel('Objective').fill('Dry scaly erythematous patches on both forearms; no vesicles.');
    await notes.getByLabel('Assessment').fill('Atopic eczema, flare.');
    await notes.getByLabel('Plan').fill('Emollients twice daily; antihistamine at night.');
    const saveNotes = async () => {
      const [put] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/v1/consultations/${booking.id}/notes`) && r.request().method() === 'PUT'),
        notes.getByRole('button', { name: 'Save notes' }).click(),
      ]);
      assert.equal(put.status(), 200);
      await page.getByText(/Notes saved/).waitFor();
      return put;
    };
    const first = await saveNotes();
    assert.equal(first.request().headers()['if-match'], undefined, 'the first save has nothing to match');
    await notes.getByLabel('Plan').fill('Emollients twice daily; antihistamine at night; mild steroid cream for 2 weeks.');
    const second = await saveNotes();
    assert.equal(second.request().headers()['if-match'], '"1"', 'the second save names the version it changes');
    const stored = await api('GET', `/v1/consultations/${booking.id}/notes`, { token: doctor.token });
    assert.equal(stored.status, 200, JSON.stringify(stored.data));
    assert.equal(stored.data.version, 2);
    assert.match(stored.data.plan, /mild steroid cream/);
    const patientView = await api('GET', `/v1/consultations/${booking.id}/notes`, { token: patient.token });
    assert.equal(patientView.status, 200, JSON.stringify(patientView.data));
    assert.match(patientView.data.plan, /mild steroid cream/);
    assert.deepEqual(Object.keys(patientView.data).filter((k) => ['subjective', 'objective', 'assessment'].includes(k)), []);

    // The prescription: an empty one is refused in the browser.
    const rxForm = page.getByRole('form', { name: 'Prescription' });
    await rxForm.getByRole('button', { name: 'Issue prescription' }).click();
    await rxForm.getByText('Add at least one medicine.').waitFor();
    const m1 = rxForm.getByRole('group', { name: 'Medicine 1' });
    await m1.getByLabel('Medicine', { exact: true }).fill('Cetirizine');
    await m1.getByLabel('Strength (optional)').fill('10 mg');
    await m1.getByLabel('Form (optional)').fill('tablet');
    await m1.getByLabel('Route (optional)').fill('oral');
    await m1.getByLabel('Dose', { exact: true }).fill('1 tablet');
    await m1.getByLabel('Frequency', { exact: true }).fill('once daily at night');
    await m1.getByLabel('Duration', { exact: true }).fill('5 days');
    await m1.getByLabel('Instructions (optional)').fill('May cause drowsiness');
    await rxForm.getByRole('button', { name: 'Add a medicine' }).click();
    const m2 = rxForm.getByRole('group', { name: 'Medicine 2' });
    await m2.getByLabel('Medicine', { exact: true }).fill('Mometasone furoate 0.1% cream');
    await m2.getByLabel('Route (optional)').fill('topical');
    await m2.getByLabel('Dose', { exact: true }).fill('thin layer');
    await m2.getByLabel('Frequency', { exact: true }).fill('once daily');
    // A missing duration is named on its row.
    await rxForm.getByRole('button', { name: 'Issue prescription' }).click();
    await m2.getByText('Enter the duration.').waitFor();
    await m2.getByLabel('Duration', { exact: true }).fill('2 weeks');
    await rxForm.getByLabel('Advice (optional)').fill('Keep the skin moisturised; avoid hot showers.');
    await rxForm.getByLabel('Follow-up (optional)').fill('in 2 weeks');
    await screenshot(page, 'consult-doctor-3-prescription-form');
    // On a phone the panels are tabs: the form is under "Prescription".
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Prescription' }).click();
    await screenshot(page, 'consult-doctor-3-prescription-form-phone');
    await page.setViewportSize({ width: 1024, height: 800 });
    await rxForm.getByRole('button', { name: 'Issue prescription' }).click();

    const issued = page.getByTestId('prescription');
    await issued.waitFor();
    assert.equal(await issued.getByTestId('prescription-item').count(), 2);
    await waitForText(issued.getByTestId('prescription-item').first(), 'Cetirizine 10 mg tablet');
    await waitForText(issued, 'avoid hot showers');
    const rxId = await issued.getAttribute('data-prescription-id');
    assert.match(rxId ?? '', /^rx_/);

    // The PDF downloads; the verify link says the prescription is genuine.
    const [download] = await Promise.all([page.waitForEvent('download'), issued.getByRole('button', { name: 'Download PDF' }).click()]);
    const path = await download.path();
    const pdf = readFileSync(path);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 1000, `a real PDF (${pdf.length} bytes)`);
    const verifyHref = await issued.getByTestId('verify-link').getAttribute('href');
    const verifyUrl = new URL(verifyHref);
    assert.equal(verifyUrl.pathname, `/v1/prescriptions/${rxId}/verify`);
    const verified = await api('GET', verifyUrl.pathname + verifyUrl.search);
    assert.equal(verified.status, 200);
    assert.equal(verified.data.valid, true);
    assert.equal(verified.data.prescription_id, rxId);
    assert.equal(verified.data.doctor.name, doctor.name);

    // End the consultation.
    await page.getByRole('button', { name: 'End consultation' }).click();
    await page.getByRole('button', { name: 'Yes, end it' }).click();
    await page.getByText('The consultation and its video call have ended.', { exact: false }).waitFor();
    await page.getByTestId('workspace-call').waitFor({ state: 'detached' });
    await waitForText(page.getByTestId('visit').getByTestId('booking-status'), 'Completed');
    await page.getByTestId('visit-ended').waitFor();
    const done = await api('GET', `/v1/consultations/bookings/${booking.id}`, { token: patient.token });
    assert.equal(done.data.status, 'completed');
    assert.ok(done.data.duration_seconds >= 0);

    // After a reload: notes and prescription still there, notes still writable for 24 hours.
    await page.reload();
    await waitForText(page.getByTestId('visit').getByTestId('booking-status'), 'Completed');
    assert.match(await page.getByRole('form', { name: 'Consultation notes' }).getByLabel('Plan').inputValue(), /mild steroid cream/);
    await page.getByRole('button', { name: 'Save notes' }).waitFor();
    await page.getByTestId('prescription').waitFor();
    await screenshot(page, 'consult-doctor-3-completed');
  });
});
