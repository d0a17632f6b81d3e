/* global self, caches, fetch, URL, Response, setTimeout, clearTimeout */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = '__VERSION__';
const PRECACHE = /*__PRECACHE__*/ [];
const CACHE = `aftersales-app-${VERSION}`;
/** Every route of the single-page app is answered with the page at `/`. */
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('aftersales-app-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Only the app's own files: never the API, its exports or this worker.
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/graphql') || url.pathname.startsWith('/exports') || url.pathname === '/sw.js') return;

  if (request.mode === 'navigate') {
    // The network first (a new release shows at once), the kept page offline
    // or when the network is too slow to wait for (one bar on a building
    // site). Nothing is written here: a navigation may be to something else
    // the server serves, which must never replace the app's page.
    event.respondWith(networkOrKept(request));
    return;
  }

  if (PRECACHE.includes(url.pathname)) {
    // Hashed names never change content: the kept copy is the file.
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((kept) => kept || fetch(request)));
  }
});

/** How long a page load waits for the network before the kept page is shown. */
const SLOW_NETWORK_MS = 4000;

function networkOrKept(request) {
  const kept = () => caches.match(SHELL, { cacheName: CACHE });
  return new Promise((resolve) => {
    let answered = false;
    const answer = (response) => {
      if (!answered) {
        answered = true;
        resolve(response);
      }
    };
    const slow = setTimeout(() => {
      kept().then((page) => page && answer(page));
    }, SLOW_NETWORK_MS);
    fetch(request).then(
      (response) => {
        clearTimeout(slow);
        answer(response);
      },
      () => {
        clearTimeout(slow);
        kept().then((page) => answer(page || Response.error()));
      },
    );
  });
}
