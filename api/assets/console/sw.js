/* global self, caches, fetch, URL, Response, setTimeout, clearTimeout */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = "af2d883ff7c4ecad";
const PRECACHE = ["/","/assets/AccountPage-BVgDjT18.js","/assets/CalendarOutlined-DCaYCmZx.js","/assets/DeleteOutlined-BsIHpmsI.js","/assets/Input-SzVbjPY1.js","/assets/JobPage-CfaHjcNU.js","/assets/MyJobsPage-Dt8OswfW.js","/assets/MyOldPartsPage-Ddlhl1Jm.js","/assets/PurePanel-Cdf9bAkM.js","/assets/ReportFaultPage-DWjIJALX.js","/assets/TicketPage-B1tgpLJk.js","/assets/TicketQueuePage-BTwp5W4u.js","/assets/TicketQueuePage-DGsUQkwS.css","/assets/app-DYpppBFI.js","/assets/checkbox-ByI2WHod.js","/assets/countdown-wsYTTjQu.js","/assets/descriptions-DW9knvqD.js","/assets/graphql-CqypYTRd.js","/assets/index-BzEm13JV.js","/assets/index-HF2F23Av.css","/assets/input-BWHQ4ImT.js","/assets/labels-4-2uzIrs.js","/assets/rolldown-runtime-WkwZ5CU-.js","/assets/select-DhNMWBmp.js","/assets/space-CKpBjhQI.js","/assets/spin-D3E0mZxd.js","/assets/table-D2yxm7F4.js","/assets/typography-B7pAyf59.js","/assets/useFeed-C8nfBIXf.js","/assets/useField-B8oPqoDP.js","/assets/useSignedInAgain-DCruPPlS.js","/assets/warranty-BMWnMlAM.js","/icon.svg"];
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
