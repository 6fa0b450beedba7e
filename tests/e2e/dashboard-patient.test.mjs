// The patient's home (dashboard): the next appointment with a Join button once the visit can be joined, the
// other upcoming visits, recent visits, the latest prescriptions, family members and the services. At desktop
// 1366x900 and phone 390x844.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectHome, expectStatus, launchBrowser, screenshot, signInWithPassword, waitForText, withPage } from './helpers.mjs';
import { book, finishedConsultation, freeSlots, newPatient, newVerifiedDoctor, slotStartingWithin, start } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DESKTOP = { viewport: { width: 1366, height: 900 } };

test('the patient sees the next visit with Join when it is time, visits, prescriptions, family and services', { timeout: 180_000 }, async () => {
  const patient = await newPatient('dash-patient');
  const past = await newVerifiedDoctor();
  const now = await newVerifiedDoctor();
  const { rx } = await finishedConsultation(past, patient, { plan: 'Moisturise twice daily', items: [{ medicine: 'Cetirizine', dose: '1 tablet', frequency: 'at night', duration: '5 days' }] });
  // A later visit, some hours ahead: upcoming, no Join yet.
  const laterSlot = (await freeSlots(past.id)).find((s) => Date.parse(s.start) > Date.now() + 3 * 3600_000);
  const later = await book(patient.token, past.id, laterSlot);
  const dep = expectStatus(
    await api('POST', `/v1/users/${(await api('GET', '/v1/auth/me', { token: patient.token })).data.id}/family-members`, {
      token: patient.token,
      body: { kind: 'dependent', name: 'Aarav Child', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' },
    }),
    201,
    'add dependent',
  );
  assert.ok(dep);

  await withPage(browser, 'dashboard-patient', async (page) => {
    await signInWithPassword(page, patient.email, patient.password);
    await expectHome(page, { name: patient.name });
    const next = page.getByTestId('next-appointment');
    await waitForText(next, past.name);
    assert.equal(await next.getByRole('link', { name: 'Join the call' }).count(), 0, 'hours ahead: no Join yet');
    await next.getByTestId('join-opens').waitFor();
    await waitForText(page.getByTestId('recent-visits'), past.name);
    await waitForText(page.getByTestId('latest-prescriptions').getByTestId('prescription'), past.name);
    assert.equal(await page.getByTestId('latest-prescriptions').getByRole('link', { name: past.name }).getAttribute('href'), `/prescriptions/${rx.id}`);
    await waitForText(page.getByTestId('family-members'), 'Aarav Child');
    for (const s of ['Consult a doctor', 'Appointments', 'Records', 'Family', 'Emergency contacts', 'Privacy'])
      await page.getByRole('list', { name: 'Services' }).getByRole('link', { name: new RegExp(`^${s}`) }).waitFor();

    // A visit the doctor has started: it is the next appointment and Join opens the call.
    const slot = await slotStartingWithin(now.id);
    const current = await book(patient.token, now.id, slot);
    await start(now.token, current.id);
    await page.reload();
    await waitForText(next, now.name);
    await waitForText(page.getByTestId('upcoming-visits'), past.name);
    assert.ok((await page.getByTestId('upcoming-visits').getByTestId('visit').first().getAttribute('data-booking-id')) === later.id);
    await screenshot(page, 'dashboard-patient-desktop');
    await screenshot(page, 'dashboard-patient-phone', { phone: true });
    await next.getByRole('link', { name: 'Join the call' }).click();
    await page.waitForURL((u) => u.pathname === `/consultations/${current.id}/call`);
  }, DESKTOP);
});
