// Shared pieces of the video-call browser tests: a Chromium with a fake camera and microphone, one context per
// side (with its console and signaling logged, for the failure message, and the signaling message types it
// received), and the check that a <video> really shows frames.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, launchBrowser, RESULTS_DIR, sleep, TIMEOUT } from './helpers.mjs';

export function launchCallBrowser() {
  return launchBrowser({ fakeMedia: true });
}

export const CALL_TIMEOUT = 30_000;
/** A context of `browser` for one side of the call; `received` lists the signaling message types it got. */
export async function openContext(browser, timezoneId, viewport = { width: 1100, height: 800 }) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, timezoneId });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const logs = [];
  const received = [];
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') logs.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  // The signaling, in short (message types and times), for the failure message.
  const t0 = Date.now();
  const brief = (payload) => {
    try {
      const m = JSON.parse(String(payload));
      return `${m.type}${m.role ? `:${m.role}` : ''}${m.data?.type ? `:${m.data.type}` : ''}`;
    } catch {
      return String(payload).slice(0, 40);
    }
  };
  page.on('websocket', (ws) => {
    logs.push(`+${Date.now() - t0}ms socket open`);
    ws.on('framesent', (f) => logs.push(`+${Date.now() - t0}ms >> ${brief(f.payload)}`));
    ws.on('framereceived', (f) => {
      logs.push(`+${Date.now() - t0}ms << ${brief(f.payload)}`);
      received.push(brief(f.payload));
    });
    ws.on('close', () => logs.push(`+${Date.now() - t0}ms socket closed`));
  });
  return { context, page, logs, received };
}

/** Waits until `<video data-testid=testid>` shows frames: a decoded size and a playback time that advances. */
export async function expectFrames(page, testid, what) {
  const video = page.getByTestId(testid);
  const deadline = Date.now() + CALL_TIMEOUT;
  let last = null;
  while (Date.now() < deadline) {
    last = await video.evaluate((v) => ({ w: v.videoWidth, h: v.videoHeight, t: v.currentTime, ready: v.readyState, paused: v.paused }));
    if (last.w > 0 && last.h > 0 && last.t > 0) break;
    await sleep(200);
  }
  assert.ok(last && last.w > 0 && last.h > 0, `${what}: the video has a size (${JSON.stringify(last)})`);
  const t0 = last.t;
  await sleep(1200);
  const t1 = await video.evaluate((v) => v.currentTime);
  assert.ok(t1 > t0, `${what}: playback advances (${t0} → ${t1})`);
  // Frames really decode: the count of presented frames grows too.
  const frames = await video.evaluate(
    (v) =>
      new Promise((resolve) => {
        let n = 0;
        const tick = () => {
          n += 1;
          if (n >= 5) resolve(n);
          else v.requestVideoFrameCallback(tick);
        };
        v.requestVideoFrameCallback(tick);
        setTimeout(() => resolve(n), 5000);
      }),
  );
  assert.ok(frames >= 5, `${what}: new frames are presented (${frames})`);
}

/** Saves test-results/e2e/<name>.png: the whole page from the top, or (`fullPage: false`) what is in view now. */
export async function shot(page, name, { fullPage = true } = {}) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0)).catch(() => undefined);
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage }).catch(() => undefined);
}

/** Adds both sides' page logs to a failed test's message and saves each side's page as `<name>-<side>-failed`. */
export async function reportCallFailure(err, name, sides) {
  const logs = Object.entries(sides).flatMap(([side, s]) => s.logs.map((l) => `${side} ${l}`));
  if (logs.length > 0 && err instanceof Error) err.message += `\n  page logs:\n    ${logs.join('\n    ')}`;
  for (const [side, s] of Object.entries(sides)) await shot(s.page, `${name}-${side}-failed`);
}
