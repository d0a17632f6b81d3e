/* global self, caches, fetch, URL, Response */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = "4d718e8d1363a407";
const PRECACHE = ["/","/assets/AccountPage-DxPVhzR8.js","/assets/CalendarOutlined-DCaYCmZx.js","/assets/DeleteOutlined-BsIHpmsI.js","/assets/Input-SzVbjPY1.js","/assets/JobPage-kjXiou0r.js","/assets/MyJobsPage-Dt0nbSZJ.js","/assets/MyOldPartsPage-CjELJjww.js","/assets/PurePanel-Cdf9bAkM.js","/assets/ReportFaultPage-DUqZ_4Xc.js","/assets/TicketPage-DmLszB2E.js","/assets/TicketQueuePage--LdPdIDn.js","/assets/TicketQueuePage-DGsUQkwS.css","/assets/app-DYpppBFI.js","/assets/checkbox-ByI2WHod.js","/assets/countdown-wsYTTjQu.js","/assets/descriptions-DW9knvqD.js","/assets/graphql-CqypYTRd.js","/assets/index-Css6PE9L.js","/assets/index-HF2F23Av.css","/assets/input-BWHQ4ImT.js","/assets/labels-4-2uzIrs.js","/assets/rolldown-runtime-WkwZ5CU-.js","/assets/select-DhNMWBmp.js","/assets/space-CKpBjhQI.js","/assets/spin-D3E0mZxd.js","/assets/table-BFZxY_Z8.js","/assets/typography-B7pAyf59.js","/assets/useFeed-bQHtbvSA.js","/assets/useField-BlrYxysT.js","/assets/useSignedInAgain-KSdqDQnz.js","/assets/warranty-BMWnMlAM.js","/icon.svg"];
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
