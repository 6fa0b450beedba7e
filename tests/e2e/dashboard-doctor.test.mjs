// The doctor's home (dashboard): the onboarding checklist step by step (nothing says "awaiting verification"
// before the profile was submitted), then, once verified, today's agenda with the next patient and the recent
// prescriptions. At desktop 1366x900 and phone 390x844.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAccessToken, api, expectHome, expectStatus, launchBrowser, screenshot, signInWithPassword, waitForText, withPage } from './helpers.mjs';
import { book, newPatient, setAllDayVideo, slotStartingWithin } from './consult-helpers.mjs';
import { newDoctorAccount, practiceProfile } from './doctor-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DESKTOP = { viewport: { width: 1366, height: 900 } };

async function states(page) {
  const out = {};
  for (const id of ['profile', 'qualifications', 'registration', 'schedule', 'submitted', 'verified'])
    out[id] = await page.getByTestId(`step-${id}`).getAttribute('data-state');
  return out;
}

test('the checklist follows the doctor from sign-up to verified; then the agenda shows the next patient', { timeout: 180_000 }, async () => {
  const doctor = await newDoctorAccount('dash-doctor');
  await withPage(browser, 'dashboard-doctor', async (page) => {
    await signInWithPassword(page, doctor.email, doctor.password);
    await expectHome(page, { name: doctor.name });
    await page.getByRole('heading', { name: 'Get ready to see patients' }).waitFor();
    assert.deepEqual(await states(page), { profile: 'todo', qualifications: 'todo', registration: 'todo', schedule: 'todo', submitted: 'todo', verified: 'todo' });
    assert.equal(await page.getByText(/awaiting verification/i).count(), 0);
    await screenshot(page, 'dashboard-doctor-new-phone', { phone: true });

    // Profile saved (not submitted) and weekly hours set.
    expectStatus(await api('PUT', '/v1/consultations/doctors/me', { token: doctor.token, body: practiceProfile(doctor) }), [200, 201], 'PUT profile');
    await setAllDayVideo(doctor.token);
    await page.reload();
    await page.getByTestId('step-profile').waitFor();
    assert.deepEqual(await states(page), { profile: 'done', qualifications: 'done', registration: 'done', schedule: 'done', submitted: 'todo', verified: 'todo' });
    assert.equal(await page.getByText(/awaiting verification/i).count(), 0, 'saved, not submitted');

    expectStatus(await api('POST', '/v1/consultations/doctors/me/submit', { token: doctor.token, body: {} }), 200, 'submit');
    await page.reload();
    await page.getByTestId('step-submitted').waitFor();
    assert.equal(await page.getByTestId('step-submitted').getAttribute('data-state'), 'done');
    assert.equal(await page.getByTestId('step-verified').getAttribute('data-state'), 'waiting');
    await page.getByText('Your profile is awaiting verification').waitFor();
    await screenshot(page, 'dashboard-doctor-submitted');

    // Verified, and a patient books a visit that starts soon: the checklist is gone, the agenda has the patient.
    expectStatus(
      await api('POST', `/v1/admin/providers/${encodeURIComponent(doctor.id)}/verify`, { token: await adminAccessToken(), body: { decision: 'approve' } }),
      200,
      'approve',
    );
    const patient = await newPatient('dash-doctor-patient');
    const booking = await book(patient.token, doctor.id, await slotStartingWithin(doctor.id));
    await page.reload();
    const next = page.getByTestId('next-patient');
    await waitForText(next, patient.name);
    assert.equal(await next.getAttribute('data-booking-id'), booking.id);
    assert.equal(await page.getByTestId('onboarding').count(), 0, 'no checklist once verified');
    await waitForText(page.getByTestId('agenda').getByTestId('agenda-item').first(), patient.name);
    await page.getByTestId('recent-prescriptions').getByText('No prescriptions issued yet.').waitFor();
    await screenshot(page, 'dashboard-doctor-desktop');
    await screenshot(page, 'dashboard-doctor-phone', { phone: true });
    await next.getByRole('link', { name: /consultation|Open/ }).click();
    await page.waitForURL((u) => u.pathname === `/practice/appointments/${booking.id}`);
  }, DESKTOP);
});
