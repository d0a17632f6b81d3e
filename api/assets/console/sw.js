/* global self, caches, fetch, URL, Response, setTimeout, clearTimeout */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = "ab268692e6d96ebc";
const PRECACHE = ["/","/assets/AccountPage-DTEEbZO7.js","/assets/ApprovalsPage-CB8gL7yl.js","/assets/ArrowLeftOutlined-DkUz4Cfu.js","/assets/AuditPage-Dl_sYSMH.js","/assets/CalendarOutlined-azg2m3hn.js","/assets/ComplaintsPage-CLc-hare.js","/assets/ComplaintsPage-XtRFsK2y.css","/assets/DeleteOutlined-Dbsulke0.js","/assets/DownloadOutlined-00fb1mMp.js","/assets/EChart-w1UovUZv.js","/assets/HistoryDrawer-52LyTSQT.css","/assets/HistoryDrawer-DgYoL9HC.js","/assets/ImportPage-BrsOpiPp.js","/assets/IncidentsPage-Bi4Aq24w.js","/assets/Input-uZpS9rw2.js","/assets/JobPage-BrJARDgn.js","/assets/JobsPage-BqcpaOuq.js","/assets/KpiPage-qnsrJ_IP.js","/assets/LocalSalesPage-CAOI7StT.js","/assets/LotPage-DAlJZTwV.js","/assets/MasterDataPage-DH8yxkAO.js","/assets/MyJobsPage-ClAaPZRU.js","/assets/MyOldPartsPage-BxMoSWZE.js","/assets/NewLotPage-Clt7kXvd.js","/assets/OldPartBoardPage-Ergbt93Y.js","/assets/OldPartPage-CyG-e5Mt.js","/assets/OutboxPage-CW7O0Y43.js","/assets/PartLedgerPage-CyIzwagQ.js","/assets/PhoneOutlined-CNI_IN-H.js","/assets/PurePanel-1zLmM0Gb.js","/assets/RecurrencePage-Ct4FxSPL.js","/assets/ReportFaultPage-DVPkNkex.js","/assets/RequisitionsPage-DBeTN8d1.js","/assets/ReturnReportPage-Z_Het7DV.js","/assets/StockPage-C38Z3Emv.js","/assets/StockPage-DcuW-WGm.css","/assets/StocktakePage-CEcAoNsv.js","/assets/StoredPage-B5qO7Q0D.js","/assets/TicketNumber-CQn8uaJS.js","/assets/TicketPage-CR1WrVAu.js","/assets/TicketQueuePage-DGsUQkwS.css","/assets/TicketQueuePage-_TLcUWGM.js","/assets/TicketStatusTag-D-VXsiSQ.js","/assets/UsersPage-BCXhb1sr.js","/assets/VisitsPage-BlLLZvZr.js","/assets/VisitsPage-Cic_59Y2.css","/assets/WarehouseSelect-DrwQ1i7B.js","/assets/app-CHuWtVYA.js","/assets/auto-complete-CKqOUzO7.js","/assets/board-CFZdD8jY.js","/assets/board-h_PUHzUS.css","/assets/checkbox-Df_fhKIb.js","/assets/collapse-B8KF_0Hd.js","/assets/context-C7mH5YwD.js","/assets/context-CkgaRiUf.js","/assets/countdown-BZ9NwvWM.js","/assets/date-picker-Brzb9YIu.js","/assets/decimal-KHuqWZx8.js","/assets/descriptions-DZD2SWsX.js","/assets/errors-HYXDKZ7y.js","/assets/flex-Dh2Hg1fb.js","/assets/index-HF2F23Av.css","/assets/index-mARspzbu.js","/assets/input-number-DWJXnIj-.js","/assets/labels-ClhZ_16Z.js","/assets/labels-DoHQIbSE.js","/assets/list-DTsKziEZ.js","/assets/messages-DTPb-4Ed.js","/assets/money-DBa6v4Ul.js","/assets/move-37-VCjs6.js","/assets/paging-BpGDobd6.js","/assets/policy-DX8zGm7j.js","/assets/popconfirm-C2K8Q1wP.js","/assets/provinces-C28b40oB.js","/assets/rate-COe4LtJL.js","/assets/reports-Bj0ReFj7.css","/assets/reports-CItT7OAZ.js","/assets/rolldown-runtime-XKyaHtl9.js","/assets/row-Bb3MACbL.js","/assets/row-SOZuIAL4.js","/assets/scrapFloor-CYWyjVfd.js","/assets/segmented-ncnDaU98.js","/assets/select-Cee6_AYu.js","/assets/space-DFXOt8Ia.js","/assets/spin-Dn4dCXqE.js","/assets/statistic-ka6VeTrf.js","/assets/stock-DG2neDI7.js","/assets/stocktake-BOUmwkqB.js","/assets/style-B9OvKmbN.js","/assets/switch-BfqclSjT.js","/assets/system-BjyBsiRd.js","/assets/system-COra3UIU.css","/assets/table-BR3JTKUy.js","/assets/tag-DIraoGYQ.js","/assets/timeline-Cnf0e7tB.js","/assets/typography-p1lvGoME.js","/assets/useClosable-BIQW236j.js","/assets/useFeed-2C-RcQ95.js","/assets/useField-BDPB25qS.js","/assets/useSignedInAgain-1gH-Kgag.js","/assets/view-gDuFt7VX.js","/assets/warranty-CNJ0Dis5.js","/icon.svg"];
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
