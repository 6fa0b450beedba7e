// Registers public/sw.js (the offline page and cached app files) in a built app; never in `vite dev`, where
// cached files would hide the developer's edits.
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (private mode, blocked): the app works the same, only not offline.
    });
  });
}
