/* global self, caches, fetch, URL, Response */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = "2986f71918467ff1";
const PRECACHE = ["/","/assets/AccountPage-DEEpvhMD.js","/assets/DeleteOutlined-4JNNTbi8.js","/assets/Input-BgYgXp8n.js","/assets/JobPage-C8dX8hDw.js","/assets/MyJobsPage-B_aRUP8u.js","/assets/MyOldPartsPage-D4A_pIm0.js","/assets/ReportFaultPage-BXZg_JtH.js","/assets/TicketPage-C2--8021.js","/assets/TicketQueuePage-DGsUQkwS.css","/assets/TicketQueuePage-DopPMuqO.js","/assets/app-AnHFHxa7.js","/assets/countdown-D1ilIRHT.js","/assets/dayjs.min-CExkNBsE.js","/assets/descriptions-CMM1AbsC.js","/assets/graphql-DMexucv9.js","/assets/index-CIjUfAkP.js","/assets/index-HF2F23Av.css","/assets/input-C2G6A6Ng.js","/assets/labels-BOGEKIym.js","/assets/radio-O8UPRFKg.js","/assets/rolldown-runtime-WkwZ5CU-.js","/assets/select-D5JYFxR9.js","/assets/space-B1TR1Cnp.js","/assets/spin-2m-4DuTz.js","/assets/timeline-TmqzCXQc.js","/assets/typography-DBF4Mubs.js","/assets/useBubbleLock-8DTGyAKV.js","/assets/useFeed-BVYCEwZU.js","/assets/useField-D4uszgId.js","/assets/useSignedInAgain-Bplo3GQO.js","/icon.svg"];
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
    // The network first (a new release shows at once), the kept page offline.
    // Nothing is written here: a navigation may be to something else the
    // server serves, which must never replace the app's page.
    event.respondWith(
      fetch(request).catch(() => caches.match(SHELL, { cacheName: CACHE }).then((kept) => kept || Response.error())),
    );
    return;
  }

  if (PRECACHE.includes(url.pathname)) {
    // Hashed names never change content: the kept copy is the file.
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((kept) => kept || fetch(request)));
  }
});
