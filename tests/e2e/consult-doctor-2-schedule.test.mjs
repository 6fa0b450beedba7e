// Consultations, doctor 2) a verified doctor (Asia/Kolkata) sets weekly hours: video mornings and clinic
// afternoons with a lunch break, copied to the working week, plus a Saturday; an overlap is refused; then a
// whole-day leave and extra hours, which the public slots follow; deleting the leave brings the day back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, launchBrowser, openSection, screenshot, waitForText, withPage } from './helpers.mjs';
import { newApprovedDoctor, nextWeekday, signIn } from './doctor-helpers.mjs';

const ZONE = 'Asia/Kolkata';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function slotsOn(doctorId, date, type) {
  const r = await api('GET', `/v1/consultations/doctors/${doctorId}/slots?from=${date}&to=${date}&type=${type}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data.items;
}

test('a doctor sets weekly hours with breaks, leave and extra hours', { timeout: 180_000 }, async () => {
  const doctor = await newApprovedDoctor('schedule', { timeZone: ZONE, clinic: true });
  const clinic = doctor.profile.locations[0];
  assert.ok(clinic?.id, 'the clinic has an id');
  const monday = nextWeekday(ZONE, 1);
  const sunday = nextWeekday(ZONE, 7);

  await withPage(browser, 'consult-doctor-2-schedule', async (page) => {
    await signIn(page, doctor);
    await openSection(page, 'Schedule', '/practice/schedule');
    await page.getByRole('heading', { name: 'Weekly hours', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Time zone').inputValue(), ZONE);
    await waitForText(page.getByTestId('weekly-total'), 'No hours yet');

    const mondayBox = page.getByRole('group', { name: 'Monday', exact: true });
    await mondayBox.getByRole('button', { name: 'Add hours on Monday' }).click();
    await mondayBox.getByRole('button', { name: 'Add hours on Monday' }).click();
    const mon1 = page.getByRole('group', { name: 'Monday hours 1' });
    const mon2 = page.getByRole('group', { name: 'Monday hours 2' });
    assert.equal(await mon1.getByLabel('From').inputValue(), '09:00');
    assert.equal(await mon1.getByLabel('To').inputValue(), '13:00');
    assert.equal(await mon2.getByLabel('From').inputValue(), '14:00');
    await mon2.getByLabel('To').fill('17:00');
    await mon2.getByLabel('Type').selectOption('clinic');
    await mon2.getByLabel('Clinic').selectOption(clinic.id);
    await waitForText(mondayBox, 'Breaks: 13:00–14:00');
    await mondayBox.getByRole('button', { name: 'Copy to Monday–Friday' }).click();
    await page.getByRole('group', { name: 'Friday hours 2' }).waitFor();

    // Saturday morning, video.
    await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
    const sat = page.getByRole('group', { name: 'Saturday hours 1' });
    await sat.getByLabel('From').fill('10:00');
    await sat.getByLabel('To').fill('12:00');

    // An overlap on Wednesday is refused before anything is sent.
    const wed2 = page.getByRole('group', { name: 'Wednesday hours 2' });
    await wed2.getByLabel('From').fill('12:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Overlaps 09:00–13:00 on Wednesday.').waitFor();
    assert.equal((await api('GET', '/v1/consultations/doctors/me/schedule', { token: doctor.token })).data?.weekly?.length ?? 0, 0);
    await screenshot(page, 'consult-doctor-2-schedule-overlap');
    await page.getByRole('group', { name: 'Wednesday hours 2' }).getByLabel('From').fill('14:00');
    await waitForText(page.getByTestId('weekly-total'), '37 hours a week');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Your weekly hours were saved.').waitFor();

    const saved = await api('GET', '/v1/consultations/doctors/me/schedule', { token: doctor.token });
    assert.equal(saved.status, 200, JSON.stringify(saved.data));
    assert.equal(saved.data.time_zone, ZONE);
    assert.equal(saved.data.weekly.length, 11);
    const mondays = saved.data.weekly.filter((r) => r.weekday === 1);
    assert.deepEqual(
      mondays.map((r) => [r.start, r.end, r.type, r.location_id]),
      [
        ['09:00', '13:00', 'video', null],
        ['14:00', '17:00', 'clinic', clinic.id],
      ],
    );
    assert.deepEqual(
      saved.data.weekly.filter((r) => r.weekday === 6).map((r) => [r.start, r.end, r.type]),
      [['10:00', '12:00', 'video']],
    );

    // After a reload the hours are there; a second save goes through with the ETag.
    await page.reload();
    assert.equal(await page.getByRole('group', { name: 'Thursday hours 2' }).getByLabel('From').inputValue(), '14:00');
    await page.getByRole('group', { name: 'Saturday hours 1' }).getByLabel('To').fill('12:30');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Your weekly hours were saved.').waitFor();
    const resaved = await api('GET', '/v1/consultations/doctors/me/schedule', { token: doctor.token });
    assert.equal(resaved.data.weekly.find((r) => r.weekday === 6).end, '12:30');
    await screenshot(page, 'consult-doctor-2-schedule-saved');
    await screenshot(page, 'consult-doctor-2-schedule-phone', { phone: true });

    // Public slots follow the hours: Monday video 09:00–13:00 in 15-minute slots, clinic 14:00–17:00.
    const mondayVideo = await slotsOn(doctor.id, monday, 'video');
    assert.equal(mondayVideo.length, 16);
    assert.equal(mondayVideo[0].local_start, '09:00');
    assert.equal((await slotsOn(doctor.id, monday, 'clinic')).length, 12);

    // Leave on Monday (whole day).
    await page.getByRole('button', { name: 'Add an exception' }).click();
    let form = page.getByRole('form', { name: 'New exception' });
    await form.getByLabel('Date').fill(monday);
    await form.getByLabel('Note (optional)').fill('Dermatology conference');
    await form.getByRole('button', { name: 'Add exception' }).click();
    await page.getByText(/Added: Leave, whole day/).waitFor();
    const leave = page.getByTestId('exception').filter({ hasText: 'Leave, whole day' });
    await waitForText(leave, 'Dermatology conference');

    // Extra video hours on Sunday.
    await page.getByRole('button', { name: 'Add an exception' }).click();
    form = page.getByRole('form', { name: 'New exception' });
    await form.getByLabel('Extra hours').check();
    await form.getByLabel('Date').fill(sunday);
    await form.getByLabel('From').fill('10:00');
    await form.getByLabel('To').fill('11:00');
    await form.getByLabel('Type').selectOption('video');
    await form.getByRole('button', { name: 'Add exception' }).click();
    await page.getByText(/Added: Extra hours 10:00–11:00/).waitFor();
    assert.equal(await page.getByTestId('exception').count(), 2);
    await screenshot(page, 'consult-doctor-2-exceptions');

    assert.equal((await slotsOn(doctor.id, monday, 'video')).length, 0, 'no video slots on the leave day');
    assert.equal((await slotsOn(doctor.id, monday, 'clinic')).length, 0, 'no clinic slots on the leave day');
    const sundaySlots = await slotsOn(doctor.id, sunday, 'video');
    assert.deepEqual(
      sundaySlots.map((s) => s.local_start),
      ['10:00', '10:15', '10:30', '10:45'],
    );

    const listed = await api('GET', `/v1/consultations/doctors/me/exceptions?from=${monday < sunday ? monday : sunday}&to=${monday < sunday ? sunday : monday}`, { token: doctor.token });
    assert.equal(listed.status, 200, JSON.stringify(listed.data));
    assert.equal(listed.data.items.length, 2);

    // Deleting the leave gives Monday back.
    await leave.getByRole('button', { name: /^Delete Leave, whole day/ }).click();
    await page.getByText(/Removed: Leave, whole day/).waitFor();
    assert.equal(await page.getByTestId('exception').count(), 1);
    assert.equal((await slotsOn(doctor.id, monday, 'video')).length, 16);
    await page.reload();
    await page.getByTestId('exception').first().waitFor();
    assert.equal(await page.getByTestId('exception').count(), 1);
  });
});
