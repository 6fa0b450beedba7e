// Consultations: the doctor's workspace holds the video call. The doctor starts the consultation in the
// workspace and the call opens there; the patient joins from the booking. While the doctor writes the SOAP
// notes and issues a prescription on the same page, the patient's remote video keeps getting frames and the
// patient never hears that the doctor left. End (confirmed once) closes the call and the consultation together;
// the patient then sees the plan and the prescription on the call page. Leaving the call (and rejoining) is apart
// from ending it. At a desktop's size (1366x900) and a phone's (390x844), where the doctor's panels switch by
// tabs without dropping the call.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectHome, signInWithPassword, waitForText } from './helpers.mjs';
import { expectFrames, launchCallBrowser, openContext, reportCallFailure, shot } from './call-helpers.mjs';
import { book, expectStatus, newPatient, newVerifiedDoctor, slotStartingWithin } from './consult-helpers.mjs';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const PLAN = 'Emollients twice daily; cetirizine at night for 5 days.';

let browser;
before(async () => {
  browser = await launchCallBrowser();
});
after(async () => {
  await browser?.close();
});

/** A started video consultation: the doctor signed in on its workspace, the call open there; the patient in the call. */
async function consultationInCall(viewport, name) {
  const doctor = await newVerifiedDoctor();
  const patient = await newPatient(name);
  const slot = await slotStartingWithin(doctor.id, 15);
  const booking = await book(patient.token, doctor.id, slot);
  const d = await openContext(browser, 'Etc/UTC', viewport);
  const p = await openContext(browser, 'Asia/Kolkata', viewport);

  await signInWithPassword(d.page, doctor.email, doctor.password);
  await expectHome(d.page, { name: doctor.name });
  await d.page.goto(`/practice/appointments/${booking.id}`);
  await d.page.getByRole('button', { name: 'Start consultation' }).click();
  await d.page.getByTestId('workspace-call').waitFor();
  assert.equal(await d.page.getByRole('link', { name: 'Join the video call' }).count(), 0, 'the call is here, not on another page');

  await signInWithPassword(p.page, patient.email, patient.password);
  await expectHome(p.page, { name: patient.name });
  await p.page.goto(`/bookings/${booking.id}`);
  await p.page.getByRole('link', { name: 'Join the call' }).click();
  await p.page.waitForURL((u) => u.pathname === `/consultations/${booking.id}/call`);
  await expectFrames(p.page, 'remote-video', 'the patient sees the doctor');
  await expectFrames(d.page, 'remote-video', 'the doctor sees the patient in the workspace');
  await waitForText(d.page.getByTestId('workspace-call').getByTestId('call-phase'), 'Connected');
  return { doctor, patient, booking, d, p };
}

async function writeNotes(page) {
  const notes = page.getByRole('form', { name: 'Consultation notes' });
  await notes.getByLabel('Subjective').fill('Itching for two weeks, worse at night.');
  await notes.getByLabel('Assessment').fill('Atopic eczema, flare.');
  await notes.getByLabel('Plan').fill(PLAN);
  await notes.getByRole('button', { name: 'Save notes' }).click();
  await page.getByText(/Notes saved/).waitFor();
}

async function issuePrescription(page) {
  const rx = page.getByRole('form', { name: 'Prescription' });
  const m1 = rx.getByRole('group', { name: 'Medicine 1' });
  await m1.getByLabel('Medicine', { exact: true }).fill('Cetirizine');
  await m1.getByLabel('Strength (optional)').fill('10 mg');
  await m1.getByLabel('Dose', { exact: true }).fill('1 tablet');
  await m1.getByLabel('Frequency', { exact: true }).fill('once daily at night');
  await m1.getByLabel('Duration', { exact: true }).fill('5 days');
  await rx.getByRole('button', { name: 'Issue prescription' }).click();
  await page.getByTestId('prescription').waitFor();
}

/** The patient's side stayed in the call: never told the doctor left, and the call is still connected. */
async function expectPatientStillInCall(p, what) {
  await expectFrames(p.page, 'remote-video', `${what}: the patient still sees the doctor`);
  assert.equal(await p.page.getByText(/left the call/).count(), 0, `${what}: the patient never reads "left the call"`);
  assert.deepEqual(p.received.filter((t) => t.startsWith('peer-left')), [], `${what}: no peer-left reached the patient`);
  await waitForText(p.page.getByTestId('call-phase'), 'Connected');
}

/** End, confirmed: the call and the consultation end together, and the patient reads the plan and the prescription. */
async function endAndExpectOutcome({ booking, doctor, patient, d, p }) {
  await d.page.getByRole('button', { name: 'End consultation' }).click();
  await waitForText(d.page.getByTestId('end-confirm-text'), 'End the video call and the consultation for both of you?');
  // Nothing has ended before the confirmation.
  assert.equal(expectStatus(await api('GET', `/v1/consultations/bookings/${booking.id}`, { token: doctor.token }), 200, 'GET booking').status, 'in_progress');
  await d.page.getByRole('button', { name: 'Yes, end it' }).click();
  await waitForText(d.page.getByTestId('visit').getByTestId('booking-status'), 'Completed');
  await d.page.getByText('The consultation and its video call have ended.', { exact: false }).waitFor();
  await d.page.getByTestId('workspace-call').waitFor({ state: 'detached' });
  await waitForText(p.page.getByTestId('call-phase'), 'Ended');
  const b = expectStatus(await api('GET', `/v1/consultations/bookings/${booking.id}`, { token: patient.token }), 200, 'GET booking');
  assert.equal(b.status, 'completed');
  assert.ok(b.ended_at, 'the end is recorded');
  // The room is closed: nobody can join the call any more.
  assert.equal((await api('GET', `/v1/consultations/${booking.id}/room`, { token: patient.token })).status, 409);

  const outcome = p.page.getByTestId('visit-outcome');
  await waitForText(outcome.getByTestId('outcome-plan'), PLAN);
  await waitForText(outcome.getByTestId('prescription'), 'Cetirizine');
  await waitForText(outcome.getByTestId('prescription'), 'once daily at night');
  // The doctor's own notes (subjective, assessment) are not shown to the patient.
  assert.equal(await p.page.getByText('Atopic eczema, flare.').count(), 0);
  // Opened again after the end, the call page says so (not "not started yet") and still shows them.
  await p.page.reload();
  await waitForText(p.page.getByTestId('call-phase'), 'Ended');
  await waitForText(p.page.getByTestId('visit-outcome').getByTestId('outcome-plan'), PLAN);
}

/**
 * Runs `during` in a started consultation with both sides in the call (`name`: desktop or phone), then ends it
 * from the workspace and checks what the patient sees; screenshots consult-workspace-<name>-*.png.
 */
async function inConsultation(viewport, name, during) {
  let c;
  try {
    c = await consultationInCall(viewport, `workspace-${name}`);
    await during(c);
    await endAndExpectOutcome(c);
    await shot(c.d.page, `consult-workspace-${name}-doctor-ended`);
    await shot(c.p.page, `consult-workspace-${name}-patient-after`);
  } catch (err) {
    if (c) await reportCallFailure(err, `consult-workspace-${name}`, { patient: c.p, doctor: c.d });
    throw err;
  } finally {
    await c?.p.context.close();
    await c?.d.context.close();
  }
}

test('desktop: the call stays up in the workspace while the doctor writes notes and a prescription; End ends both', { timeout: 240_000 }, async () => {
  await inConsultation(DESKTOP, 'desktop', async (c) => {
    const { d, p } = c;
    // Every panel is in view at once: the call with its chat, the patient's records, the notes, the prescription.
    assert.equal(await d.page.getByRole('tablist', { name: 'Consultation panels' }).isVisible(), false);
    await d.page.getByTestId('patient-summary').waitFor();
    await d.page.getByRole('form', { name: 'Consultation notes' }).waitFor();
    await shot(d.page, 'consult-workspace-desktop-doctor-call');

    await d.page.getByRole('textbox', { name: 'Message' }).fill('I am writing your notes now, stay with me.');
    await d.page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForText(p.page.getByTestId('chat-log'), 'I am writing your notes now');

    await writeNotes(d.page);
    await expectPatientStillInCall(p, 'after the notes');
    await issuePrescription(d.page);
    await expectPatientStillInCall(p, 'after the prescription');
    await expectFrames(d.page, 'remote-video', 'the doctor still sees the patient');
    // Scrolled down to the issued prescription, the call is still in view beside it.
    await d.page.getByTestId('prescription').scrollIntoViewIfNeeded();
    const video = await d.page.getByTestId('remote-video').boundingBox();
    assert.ok(video && video.y >= 0 && video.y + video.height <= DESKTOP.height, `the video is on screen (${JSON.stringify(video)})`);
    await shot(d.page, 'consult-workspace-desktop-doctor-scrolled', { fullPage: false });
    await shot(d.page, 'consult-workspace-desktop-doctor-written');
    await shot(p.page, 'consult-workspace-desktop-patient-call');

    // Leaving is separate from ending: the patient is told, the consultation goes on, and the doctor rejoins.
    await d.page.getByRole('button', { name: 'Leave the call' }).click();
    await waitForText(p.page.getByTestId('call-message'), 'The doctor left the call.');
    assert.equal(expectStatus(await api('GET', `/v1/consultations/bookings/${c.booking.id}`, { token: c.doctor.token }), 200, 'GET booking').status, 'in_progress');
    await d.page.getByRole('button', { name: 'Rejoin the call' }).click();
    await expectFrames(p.page, 'remote-video', 'after the doctor rejoined, the patient sees the doctor');
    await expectFrames(d.page, 'remote-video', 'after rejoining, the doctor sees the patient');
  });
});

test('phone: the doctor switches panels by tabs and the call goes on; the patient sees the plan after the end', { timeout: 240_000 }, async () => {
  await inConsultation(PHONE, 'phone', async (c) => {
    const { d, p } = c;
    const tabs = d.page.getByRole('tablist', { name: 'Consultation panels' });
    await tabs.waitFor();
    assert.equal(await tabs.getByRole('tab', { name: 'Call', exact: true }).getAttribute('aria-selected'), 'true');
    assert.equal(await d.page.getByRole('form', { name: 'Consultation notes' }).isVisible(), false, 'one panel at a time');
    await shot(d.page, 'consult-workspace-phone-doctor-call');

    await tabs.getByRole('tab', { name: 'Patient' }).click();
    await d.page.getByTestId('patient-summary').waitFor();
    assert.equal(await d.page.getByTestId('remote-video').isVisible(), false);
    await shot(d.page, 'consult-workspace-phone-doctor-patient');

    await tabs.getByRole('tab', { name: 'Notes' }).click();
    await writeNotes(d.page);
    await shot(d.page, 'consult-workspace-phone-doctor-notes');
    await expectPatientStillInCall(p, 'after the notes on the Notes tab');

    await tabs.getByRole('tab', { name: 'Prescription' }).click();
    await issuePrescription(d.page);
    await shot(d.page, 'consult-workspace-phone-doctor-prescription');
    await expectPatientStillInCall(p, 'after the prescription on its tab');

    // Back on the call tab, the same call is still there.
    await tabs.getByRole('tab', { name: 'Call', exact: true }).click();
    await expectFrames(d.page, 'remote-video', 'back on the call tab, the doctor sees the patient');
    await waitForText(d.page.getByTestId('workspace-call').getByTestId('call-phase'), 'Connected');
    await shot(p.page, 'consult-workspace-phone-patient-call');

  });
});
