// The app shell: each role's menus (only what it can use), the active item visible on a phone, nothing cut off
// at 1366 px, page titles, the skip link, no serious accessibility violation, Hindi, and the PWA (manifest,
// service worker, offline page, no /v1/ response in its cache).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, DEMO, expectHome, launchBrowser, screenshot, signInAsFreshPatient, signInWithPassword, waitForPath, withPage } from './helpers.mjs';
import { signInAsAdmin } from './doctor-helpers.mjs';

const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const menuLinks = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();

/** No element of the shell reaches past the window's right edge, and the page does not scroll sideways. */
async function assertNothingCutOff(page) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll('.shell a, .shell button')]
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 1)
      .map((el) => el.textContent?.trim());
    return { cut, scrolls: document.documentElement.scrollWidth > width };
  });
  assert.deepEqual(overflow, { cut: [], scrolls: false });
}

test('a patient sees the services and their own things, titled pages, a working skip link', async () => {
  await withPage(
    browser,
    'shell-patient-desktop',
    async (page) => {
      await signInAsFreshPatient(page, 'shell');
      assert.deepEqual(await menuLinks(page), ['Home', 'Consult a doctor', 'Appointments', 'Records', 'Family', 'Emergency contacts', 'Profile', 'Privacy']);
      assert.match(await page.title(), /^Signed in as .+ · Kiorex$/);
      await assertNothingCutOff(page);
      await checkA11y(page);

      // Skip link: the first Tab reaches it; following it puts focus on the page's main content.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');

      // A section: highlighted in the menu, its heading names it, the title follows; a reload keeps all that.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).click();
      await waitForPath(page, '/medical-history');
      // (the previous page stays on screen while the new page's code loads: wait for the new one)
      const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
      await current.filter({ hasText: 'Records' }).waitFor();
      assert.equal(await current.count(), 1);
      const title = await page.title();
      assert.match(title, / · Kiorex$/);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/medical-history');
      await page.waitForFunction((t) => document.title === t, title);
      await checkA11y(page);
      await screenshot(page, 'shell-patient-records');
    },
    DESKTOP,
  );
});

test('a doctor sees the practice, not the patient services; an admin sees the administration', async () => {
  await withPage(
    browser,
    'shell-doctor-desktop',
    async (page) => {
      await signInWithPassword(page, DEMO.doctor.email, DEMO.doctor.password);
      await expectHome(page);
      assert.deepEqual(await menuLinks(page), ['Home', 'Appointments', 'Schedule', 'Practice profile', 'Profile', 'Privacy']);
      await assertNothingCutOff(page);
      await checkA11y(page);
      // A patient's page typed in by hand still says it is not for this role, inside the shell.
      await page.goto('/admin/providers');
      await page.getByRole('heading', { name: 'Not available' }).waitFor();
      assert.equal(await page.title(), 'Not available · Kiorex');
    },
    DESKTOP,
  );
  await withPage(
    browser,
    'shell-admin-desktop',
    async (page) => {
      assert.equal(await signInAsAdmin(page), 'admin');
      assert.deepEqual(await menuLinks(page), ['Home', 'Provider verification', 'Developer mailbox', 'Profile', 'Privacy']);
      await assertNothingCutOff(page);
      await checkA11y(page);
    },
    DESKTOP,
  );
});

test('on a phone: a bottom bar that shows the active item, the full menu behind "Menu"', async () => {
  await withPage(
    browser,
    'shell-patient-phone',
    async (page) => {
      await signInAsFreshPatient(page, 'shellphone');
      const bar = page.getByRole('navigation', { name: 'Menu' });
      assert.deepEqual(await bar.getByRole('link').allInnerTexts(), ['Home', 'Consult a doctor', 'Appointments', 'Records']);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
      await assertNothingCutOff(page);
      await checkA11y(page);

      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      const menu = page.getByRole('navigation', { name: 'Main' });
      await menu.waitFor();
      await screenshot(page, 'shell-patient-phone-menu');
      await menu.getByRole('link', { name: 'Privacy' }).click();
      await waitForPath(page, '/privacy');
      await menu.waitFor({ state: 'hidden' }); // the menu closes on a new page
      // Privacy is not a shortcut, yet it shows as the current item in the bottom bar.
      const current = bar.locator('[aria-current="page"]');
      await current.filter({ hasText: 'Privacy' }).waitFor();
      assert.equal(await current.isVisible(), true);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await checkA11y(page);
      await screenshot(page, 'shell-patient-phone-privacy');
    },
    PHONE,
  );
});

test('Hindi, chosen in the account menu, is remembered and rendered in Devanagari', async () => {
  await withPage(
    browser,
    'shell-hindi',
    async (page) => {
      await signInAsFreshPatient(page, 'shellhindi');
      await page.locator('.account-menu .popover__button').click();
      await page.getByLabel('Language').selectOption('hi');
      const menu = page.getByRole('navigation', { name: 'मुख्य' });
      await menu.getByRole('link', { name: 'डॉक्टर से परामर्श' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'hi');
      await page.reload();
      await menu.getByRole('link', { name: 'रिकॉर्ड' }).waitFor();
      // The Devanagari text is drawn with a real font: its width differs from the same count of tofu boxes.
      const widths = await page.evaluate(async () => {
        await document.fonts.ready;
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = getComputedStyle(document.body).font;
        return { text: ctx.measureText('डॉक्टर').width, tofu: ctx.measureText('\uFFFF\uFFFF\uFFFF\uFFFF\uFFFF\uFFFF').width };
      });
      assert.notEqual(widths.text, widths.tofu);
      await checkA11y(page);
      await screenshot(page, 'shell-hindi-desktop');
      await screenshot(page, 'shell-hindi-phone', { phone: true });
    },
    DESKTOP,
  );
});

test('installable: a manifest with icons, a service worker, an offline page, no API response cached', async () => {
  await withPage(
    browser,
    'shell-pwa',
    async (page, context) => {
      await page.goto('/signin');
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifest = await (await page.request.get(href)).json();
      assert.equal(manifest.display, 'standalone');
      assert.equal(manifest.start_url, '/');
      for (const size of ['192x192', '512x512']) {
        const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
        assert.ok(icon, `an icon of ${size}`);
        assert.equal((await page.request.get(icon.src)).headers()['content-type'], 'image/png');
      }
      await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
      // Sign in (API calls under /v1/ go out while the worker runs), then look into its cache.
      await page.reload();
      await signInWithPassword(page, DEMO.patient.email, DEMO.patient.password);
      await expectHome(page);
      const cached = await page.evaluate(async () => {
        const urls = [];
        for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
        return urls;
      });
      assert.ok(cached.includes('/offline.html'), `offline page cached: ${cached}`);
      assert.ok(cached.some((p) => p.startsWith('/assets/')), 'built assets cached');
      assert.deepEqual(cached.filter((p) => p.startsWith('/v1/')), [], 'no API response in the cache');

      await context.setOffline(true);
      await page.goto('/medical-history').catch(() => undefined);
      await page.getByRole('heading', { name: 'You are offline' }).waitFor();
      await context.setOffline(false);
    },
    DESKTOP,
  );
});

test('a visitor can choose Hindi on the sign-in page, and the page passes the accessibility check', async () => {
  await withPage(
    browser,
    'shell-signin-hindi',
    async (page) => {
      await page.goto('/signin');
      await checkA11y(page);
      await page.getByLabel('Language').selectOption('hi');
      await page.getByLabel('भाषा').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'hi');
      await screenshot(page, 'shell-signin-hindi-phone', { phone: true });
    },
    DESKTOP,
  );
});
