// Consultations, patient 1) find a doctor: a misspelt specialty still finds dermatologists, the name is found as
// it is typed, facets show counts and filter, and the filters (gender, fee, type, date) narrow the list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiToken, BASE_URL, expectStatus, launchBrowser, openSection, screenshot, signInAsFreshPatient, sleep, TIMEOUT, waitForText } from './helpers.mjs';
import { newVerifiedDoctor, uniqueSurname, withZonedPage } from './consult-helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Waits until the result list has settled on a count ("1 doctor found", "No doctors match"). */
async function waitForCount(page, pattern) {
  await waitForText(page.getByTestId('result-count'), pattern);
}

async function resultNames(page) {
  return (await page.getByTestId('doctor-result').locator('h2').allInnerTexts()).map((t) => t.trim());
}

test('a typo finds dermatologists; typing a name, facets and filters narrow the list', { timeout: 180_000 }, async () => {
  const doctor = await newVerifiedDoctor({ languages: ['en', 'ta'], specialties: ['dermatology'], gender: 'female', videoFee: 50000 });

  await withZonedPage(browser, 'consult-patient-1-search', 'Asia/Kolkata', async (page) => {
    await signInAsFreshPatient(page, 'search');
    await openSection(page, 'Consult a doctor', '/doctors');
    await page.getByRole('heading', { name: 'Find a doctor', level: 1 }).waitFor();

    // A misspelt specialty, typed as a person types.
    const box = page.getByLabel('Search doctors');
    await box.pressSequentially('dermatolgist', { delay: 40 });
    await page.waitForURL((u) => u.searchParams.get('q') === 'dermatolgist');
    await waitForCount(page, /doctors? found/);
    await page.getByTestId('doctor-result').first().waitFor();
    const specialties = await page.getByTestId('doctor-specialties').allInnerTexts();
    assert.ok(specialties.length > 0, 'some results');
    // Dermatologists first (others may follow: an allergist who treats dermatitis is a fair match for the text).
    assert.match(specialties[0], /Dermatology/, `the best match is a dermatologist: ${specialties[0]}`);
    const derm = specialties.filter((s) => /Dermatology/.test(s)).length;
    assert.ok(derm >= specialties.length / 2, `mostly dermatologists: ${derm} of ${specialties.length}`);
    // The specialty facet counts them.
    const dermChip = page.getByTestId('facet-specialty').locator('[data-facet="dermatology"]');
    await dermChip.waitFor();
    assert.match(await dermChip.innerText(), /Dermatology\s*\d+/);
    await screenshot(page, 'consult-patient-1-search-typo');

    // Prefix as you type: the first letters of the doctor's (made-up) surname find only them.
    await box.fill('');
    await box.pressSequentially(doctor.surname.slice(0, 5), { delay: 60 });
    await waitForCount(page, '1 doctor found');
    assert.deepEqual(await resultNames(page), [doctor.name]);

    // Facets: the language facet lists Tamil with its count; choosing it keeps the doctor and marks the chip.
    const tamil = page.getByTestId('facet-language').locator('[data-facet="ta"]');
    assert.match(await tamil.innerText(), /Tamil\s*1/);
    await tamil.click();
    await page.waitForURL((u) => u.searchParams.get('language') === 'ta');
    assert.equal(await tamil.getAttribute('aria-pressed'), 'true');
    await waitForCount(page, '1 doctor found');

    // Filters that exclude her: a male doctor, a fee cap below her fee, clinic visits only.
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel("Doctor's gender").selectOption('male');
    await page.getByTestId('no-results').waitFor();
    await filters.getByLabel("Doctor's gender").selectOption('female');
    await waitForCount(page, '1 doctor found');

    // The page is in en-US and this patient has no address: fees in USD by default, so she picks rupees.
    assert.equal(await filters.getByLabel('Fees in').inputValue(), 'USD');
    await filters.getByLabel('Fees in').selectOption('INR');
    await page.waitForURL((u) => u.searchParams.get('currency') === 'INR');
    await filters.getByLabel(/^Fee up to/).fill('400');
    await filters.getByLabel(/^Fee up to/).press('Enter');
    await page.waitForURL((u) => u.searchParams.get('fee_max') === '40000');
    await page.getByTestId('no-results').waitFor();
    await filters.getByLabel(/^Fee up to/).fill('600');
    await filters.getByLabel(/^Fee up to/).press('Enter');
    await page.waitForURL((u) => u.searchParams.get('fee_max') === '60000');
    await waitForCount(page, '1 doctor found');

    await filters.getByLabel('Consultation').selectOption('clinic');
    await page.getByTestId('no-results').waitFor();
    await filters.getByLabel('Consultation').selectOption('video');
    await waitForCount(page, '1 doctor found');

    // Available on tomorrow (she works every day, all day).
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await filters.getByLabel('Available on').fill(tomorrow);
    await page.waitForURL((u) => u.searchParams.get('available_on') === tomorrow);
    await waitForCount(page, '1 doctor found');
    await sleep(200);
    await screenshot(page, 'consult-patient-1-search-filters');
    await screenshot(page, 'consult-patient-1-search-phone', { phone: true });

    // Sorting by fee keeps her; "Clear filters" keeps the text only.
    await filters.getByLabel('Sort by').selectOption('fee:asc');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'fee:asc');
    await waitForCount(page, '1 doctor found');
    await page.getByRole('button', { name: /^Clear filters/ }).click();
    await page.waitForURL((u) => !u.searchParams.has('language') && !u.searchParams.has('fee_max') && u.searchParams.has('q'));

    // The card opens her profile.
    await page.getByRole('link', { name: doctor.name }).click();
    await page.waitForURL((u) => u.pathname === `/doctors/${doctor.id}`, { timeout: TIMEOUT });
    await page.getByRole('heading', { name: doctor.name, level: 1 }).waitFor();
  });
});

test('the fee filter is in the patient\'s currency (from their profile country), filters only fees in it, and keeps it', { timeout: 150_000 }, async () => {
  // Two doctors with one surname: ₹500 and £40. The pound doctor is made first, so she is listed first.
  const surname = uniqueSurname();
  const pounds = await newVerifiedDoctor({ surname, videoFee: 4000, currency: 'GBP' });
  const rupees = await newVerifiedDoctor({ surname, videoFee: 50000 });
  await withZonedPage(browser, 'consult-patient-1-search-currency', 'Asia/Kolkata', async (page) => {
    const account = await signInAsFreshPatient(page, 'currency');
    // Her profile says she lives in India (the page is in en-US, whose own currency would be USD).
    const token = await apiToken(account.email, account.password);
    const me = await api('GET', '/v1/users/me', { token });
    expectStatus(await api('PUT', '/v1/users/me', {
      token, headers: { 'If-Match': me.headers.get('etag') ?? `"${me.data.version}"` }, body: { address: { city: 'New Delhi', country: 'IN' } },
    }), 200, 'profile country');

    await page.goto(`/doctors?q=${encodeURIComponent(surname)}`);
    await waitForCount(page, '2 doctors found');
    const filters = page.getByRole('group', { name: 'Filters' });
    const feeUpTo = filters.getByLabel(/^Fee up to/);
    await waitForText(filters, /Fee up to \(INR\)/);
    assert.equal(await filters.getByLabel('Fees in').inputValue(), 'INR', 'from her profile country');
    // The first result charges in pounds: the label stays in rupees.
    assert.deepEqual(await resultNames(page), [pounds.name, rupees.name]);

    // "Up to 600" in rupees: the ₹500 doctor only (not the £40 one), and the page says one was left out.
    await feeUpTo.fill('600');
    await feeUpTo.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('fee_max') === '60000' && u.searchParams.get('currency') === 'INR');
    await waitForCount(page, '1 doctor found');
    assert.deepEqual(await resultNames(page), [rupees.name]);
    await waitForText(page.getByTestId('fees-note'), /Fees compared in INR: 1 doctor charging in other currencies is not shown/);
    assert.match(await filters.getByText(/^Fee up to/).innerText(), /\(INR\)/, 'still rupees');
    await screenshot(page, 'consult-patient-1-search-currency');

    // Her choice of pounds: the rupee bound goes, the label says GBP, and "up to 50" finds the £40 doctor.
    await filters.getByLabel('Fees in').selectOption('GBP');
    await page.waitForURL((u) => u.searchParams.get('currency') === 'GBP' && !u.searchParams.has('fee_max'));
    await waitForText(filters, /Fee up to \(GBP\)/);
    await waitForCount(page, '2 doctors found');
    await feeUpTo.fill('50');
    await feeUpTo.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('fee_max') === '5000');
    await waitForCount(page, '1 doctor found');
    assert.deepEqual(await resultNames(page), [pounds.name]);
    // Reloading keeps her choice.
    await page.reload();
    await waitForCount(page, '1 doctor found');
    assert.equal(await filters.getByLabel('Fees in').inputValue(), 'GBP');
  });
});

test('"near me" uses the browser\'s location and a radius, and sorts by distance', { timeout: 150_000 }, async () => {
  // A clinic in central New Delhi (28.61, 77.21).
  const doctor = await newVerifiedDoctor({ clinic: true });
  await withZonedPage(browser, 'consult-patient-1-near-me', 'Asia/Kolkata', async (page, context) => {
    await context.grantPermissions(['geolocation'], { origin: BASE_URL });
    await context.setGeolocation({ latitude: 28.6448, longitude: 77.2167 }); // ~4 km north, Karol Bagh side
    await signInAsFreshPatient(page, 'nearme');
    await page.goto('/doctors');
    const box = page.getByLabel('Search doctors');
    await box.pressSequentially(doctor.surname.slice(0, 5), { delay: 40 });
    await waitForCount(page, '1 doctor found');

    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByRole('button', { name: 'Near me' }).click();
    await page.waitForURL((u) => u.searchParams.get('near') === '28.645,77.217');
    await waitForCount(page, '1 doctor found');
    await waitForText(page.getByTestId('doctor-result'), /\d+\.\d km away/);
    const km = Number((await page.getByTestId('doctor-result').innerText()).match(/(\d+\.\d) km away/)[1]);
    assert.ok(km > 2 && km < 6, `about 4 km: ${km}`);

    // Within 5 km she is found; sorting by distance is offered; a place 40 km away with a 10 km radius finds nobody.
    await filters.getByLabel('Within').selectOption('5');
    await page.waitForURL((u) => u.searchParams.get('radius_km') === '5');
    await waitForCount(page, '1 doctor found');
    await filters.getByLabel('Sort by').selectOption('distance');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'distance');
    await screenshot(page, 'consult-patient-1-near-me-distance');
    await filters.getByLabel('Or coordinates (lat,lng)').fill('28.98,77.70'); // Meerut
    await filters.getByLabel('Or coordinates (lat,lng)').blur();
    await page.waitForURL((u) => u.searchParams.get('near') === '28.98,77.70');
    await page.getByTestId('no-results').waitFor();
    // "Anywhere" drops the place, the radius and the distance sort.
    await filters.getByRole('button', { name: 'Anywhere' }).click();
    await page.waitForURL((u) => !u.searchParams.has('near') && !u.searchParams.has('radius_km') && u.searchParams.get('sort') !== 'distance');
    await waitForCount(page, '1 doctor found');
  });
});

test('"load more" pages through a long list without repeats', { timeout: 120_000 }, async () => {
  await withZonedPage(browser, 'consult-patient-1-load-more', 'Europe/London', async (page) => {
    await signInAsFreshPatient(page, 'searchmore');
    await page.goto('/doctors');
    await waitForCount(page, /doctors? found/);
    const total = Number((await page.getByTestId('result-count').innerText()).match(/\d+/)?.[0] ?? 0);
    const first = (await resultNames(page)).length;
    if (total <= first) {
      // Fewer doctors than a page (no demo data): nothing to load, and no button.
      assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
      return;
    }
    await page.getByRole('button', { name: 'Load more' }).click();
    const deadline = Date.now() + TIMEOUT;
    while ((await page.getByTestId('doctor-result').count()) <= first && Date.now() < deadline) await sleep(100);
    const ids = await page.getByTestId('doctor-result').evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby')));
    assert.ok(ids.length > first, 'more results were added');
    assert.equal(new Set(ids).size, ids.length, 'no doctor is listed twice');
  });
});
