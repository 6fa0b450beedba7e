// Consultations: THE video call. The patient and the doctor, in two Chromium contexts with a fake camera and
// microphone, join the started consultation; each side's remote <video> plays the other's camera (frames
// arrive: a size, and time that advances). They chat; the patient leaves and rejoins, the doctor reloads; the
// doctor ends it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectHome, signInWithPassword, waitForText } from './helpers.mjs';
import { expectFrames, launchCallBrowser, openContext, reportCallFailure, shot } from './call-helpers.mjs';
import { book, expectStatus, newPatient, newVerifiedDoctor, slotStartingWithin, start } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchCallBrowser();
});
after(async () => {
  await browser?.close();
});

test('patient and doctor see each other over WebRTC, chat, rejoin, and the doctor ends the call', { timeout: 240_000 }, async () => {
  const doctor = await newVerifiedDoctor();
  const patient = await newPatient('video');
  const slot = await slotStartingWithin(doctor.id, 15);
  const booking = await book(patient.token, doctor.id, slot);
  const started = await start(doctor.token, booking.id);
  assert.equal(started.status, 'in_progress');
  assert.ok(Array.isArray(started.room.ice_servers));

  const p = await openContext(browser, 'Asia/Kolkata');
  const d = await openContext(browser, 'Etc/UTC');
  try {
    // The patient joins first, from the booking page.
    await signInWithPassword(p.page, patient.email, patient.password);
    await expectHome(p.page, { name: patient.name });
    await p.page.goto(`/bookings/${booking.id}`);
    await p.page.getByRole('link', { name: 'Join the call' }).click();
    await p.page.waitForURL((u) => u.pathname === `/consultations/${booking.id}/call`);
    await expectFrames(p.page, 'local-video', 'patient camera preview');
    await waitForText(p.page.getByText(/Waiting for the doctor to join/), 'Waiting');

    // The doctor joins second.
    await signInWithPassword(d.page, doctor.email, doctor.password);
    await expectHome(d.page, { name: doctor.name });
    await d.page.goto(`/consultations/${booking.id}/call`);

    await expectFrames(p.page, 'remote-video', 'the patient sees the doctor');
    await expectFrames(d.page, 'remote-video', 'the doctor sees the patient');
    await waitForText(p.page.getByTestId('call-phase'), 'Connected');
    await waitForText(d.page.getByTestId('call-phase'), 'Connected');
    await shot(p.page, 'consult-video-patient');
    await shot(d.page, 'consult-video-doctor');

    // In-call chat reaches the other side (and is stored with the consultation).
    await p.page.getByRole('textbox', { name: 'Message' }).fill('Hello doctor, can you see the rash?');
    await p.page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForText(d.page.getByTestId('chat-log'), 'Hello doctor, can you see the rash?');
    await d.page.getByRole('textbox', { name: 'Message' }).fill('Yes, clearly. Please hold your arm closer.');
    await d.page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForText(p.page.getByTestId('chat-log'), 'Yes, clearly.');
    const chat = expectStatus(await api('GET', `/v1/consultations/${booking.id}/chat`, { token: patient.token }), 200, 'GET chat');
    const texts = (chat.items ?? chat).map((m) => m.text);
    assert.deepEqual(texts, ['Hello doctor, can you see the rash?', 'Yes, clearly. Please hold your arm closer.']);

    // Mute and camera toggles change the local tracks.
    await p.page.getByRole('button', { name: 'Mute' }).click();
    await p.page.getByRole('button', { name: 'Unmute' }).waitFor();
    await p.page.getByRole('button', { name: 'Turn camera off' }).click();
    await p.page.getByRole('button', { name: 'Turn camera on' }).click();

    // The patient leaves; the doctor is told; the patient rejoins (the doctor was there first this time).
    await p.page.getByRole('button', { name: 'Leave' }).click();
    await p.page.waitForURL((u) => u.pathname === `/bookings/${booking.id}`);
    await waitForText(d.page.getByText('The patient left the call.'), 'left');
    await p.page.getByRole('link', { name: 'Join the call' }).click();
    await p.page.waitForURL((u) => u.pathname === `/consultations/${booking.id}/call`);
    await expectFrames(p.page, 'remote-video', 'after rejoining, the patient sees the doctor');
    await expectFrames(d.page, 'remote-video', 'after the patient rejoined, the doctor sees the patient');
    // The earlier chat is still there.
    await waitForText(p.page.getByTestId('chat-log'), 'Yes, clearly.');

    // The doctor reloads the page (a new connection on the doctor's side): the call comes back.
    await d.page.reload();
    await expectFrames(d.page, 'remote-video', 'after reloading, the doctor sees the patient');
    await expectFrames(p.page, 'remote-video', 'after the doctor came back, the patient sees the doctor');

    // Only the doctor can end it; both sides see the end.
    assert.equal(await p.page.getByRole('button', { name: 'End consultation' }).count(), 0);
    await d.page.getByRole('button', { name: 'End consultation' }).click();
    await waitForText(d.page.getByTestId('call-phase'), 'Ended');
    await waitForText(p.page.getByTestId('call-phase'), 'Ended');
    await p.page.getByText('The consultation has ended.').waitFor();
    const b = expectStatus(await api('GET', `/v1/consultations/bookings/${booking.id}`, { token: patient.token }), 200, 'GET booking');
    assert.equal(b.status, 'completed');
    await shot(p.page, 'consult-video-ended');
  } catch (err) {
    await reportCallFailure(err, 'consult-video', { patient: p, doctor: d });
    throw err;
  } finally {
    await p.context.close();
    await d.context.close();
  }
});
