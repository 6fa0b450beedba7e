// Kiorex service worker: keeps the app shell (index.html, icons, offline page) and the hashed build assets, so
// the app starts fast and, without a network, shows offline.html instead of a browser error.
// It never caches the API (/v1/...) or anything else that carries health data: those requests are not even
// intercepted, so they always go to the network with the browser's normal (no-store) handling.
const VERSION = 'kiorex-shell-v1';
const SHELL = ['/', '/offline.html', '/manifest.webmanifest', '/favicon.svg', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Only same-origin GETs of the app itself; never the API, the docs' live data or the well-known endpoints. */
function cacheable(url, request) {
  if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
  return !(url.pathname.startsWith('/v1/') || url.pathname.startsWith('/.well-known/') || url.pathname === '/sw.js');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!cacheable(url, request)) return; // the browser handles it as if there were no service worker

  if (request.mode === 'navigate') {
    // Pages: always the network (deep links, a fresh index.html after a release). Offline, the offline page:
    // the app cannot show appointments or records without the API, and must not pretend to.
    event.respondWith(fetch(request).catch(async () => (await caches.match('/offline.html')) || Response.error()));
    return;
  }

  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    // Hashed build files never change under one name: the cache first, filled on first use.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(VERSION).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
