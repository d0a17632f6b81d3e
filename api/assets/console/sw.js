/* global self, caches, fetch, URL, Response, setTimeout, clearTimeout */
// The console's service worker: keeps the app itself (the page and its
// hashed scripts and styles) on the phone, so it opens without a connection.
// The engineer's data is not here: the pages keep their jobs in IndexedDB,
// and /graphql is never cached. The build (vite.config.ts) writes in the
// list of files and a version made from it; a new build is a new cache.

const VERSION = "adfb686a5d7ac48c";
const PRECACHE = ["/","/assets/AccountPage-17qS_cu4.js","/assets/ApprovalsPage-soY8GAAx.js","/assets/ArrowLeftOutlined-DkUz4Cfu.js","/assets/AuditPage-BVWsJFy_.js","/assets/CalendarOutlined-azg2m3hn.js","/assets/ComplaintsPage-Cr1XQw5w.js","/assets/ComplaintsPage-XtRFsK2y.css","/assets/DeleteOutlined-Dbsulke0.js","/assets/DownloadOutlined-00fb1mMp.js","/assets/EChart-w1UovUZv.js","/assets/HistoryDrawer-52LyTSQT.css","/assets/HistoryDrawer-BCFP_IkA.js","/assets/ImportPage-DnTLELOL.js","/assets/IncidentsPage-rfAMpn7q.js","/assets/Input-uZpS9rw2.js","/assets/JobPage-COmPI6NR.js","/assets/JobsPage-DZ1G5u9e.js","/assets/KpiPage-6cvlv23g.js","/assets/LocalSalesPage-bz6dgNuG.js","/assets/LotPage-qvOlp7Wt.js","/assets/MasterDataPage-DB8CwaT3.js","/assets/MyJobsPage-BaPIZYnM.js","/assets/MyOldPartsPage-BB_WTNxm.js","/assets/NewLotPage-BNOY6Ri7.js","/assets/OldPartBoardPage-rx3-lKEC.js","/assets/OldPartPage-HtPxiFt2.js","/assets/OutboxPage-CpZxnDQh.js","/assets/PartLedgerPage-DkfKqqdK.js","/assets/PhoneOutlined-CNI_IN-H.js","/assets/PurePanel-1zLmM0Gb.js","/assets/RecurrencePage-BtQPeaiJ.js","/assets/ReportFaultPage-CHt3g1Vx.js","/assets/RequisitionsPage-B3PYeSkH.js","/assets/ReturnReportPage-Cax97Ivz.js","/assets/StockPage-DcuW-WGm.css","/assets/StockPage-Uh5kwzaR.js","/assets/StocktakePage-D5X8Uaf6.js","/assets/StoredPage-jJp_-tBR.js","/assets/TicketNumber-Dtusiozu.js","/assets/TicketPage-BkgMTJ8P.js","/assets/TicketQueuePage-BgkuVzIr.js","/assets/TicketQueuePage-DGsUQkwS.css","/assets/TicketStatusTag-D-VXsiSQ.js","/assets/UsersPage-Dm5M6i-9.js","/assets/VisitsPage-CFs88pok.js","/assets/VisitsPage-Cic_59Y2.css","/assets/WarehouseSelect-BhfRHvQ4.js","/assets/app-CHuWtVYA.js","/assets/auto-complete-CKqOUzO7.js","/assets/board-CFZdD8jY.js","/assets/board-h_PUHzUS.css","/assets/checkbox-Df_fhKIb.js","/assets/collapse-B3COGBEN.js","/assets/context-C7mH5YwD.js","/assets/context-CkgaRiUf.js","/assets/countdown-BZ9NwvWM.js","/assets/date-picker-iZXb0kEu.js","/assets/descriptions-DZD2SWsX.js","/assets/errors-HYXDKZ7y.js","/assets/flex-Dh2Hg1fb.js","/assets/index-C228Fkjy.js","/assets/index-HF2F23Av.css","/assets/input-number-DWJXnIj-.js","/assets/labels-ClhZ_16Z.js","/assets/labels-DoHQIbSE.js","/assets/list-2pzc--T_.js","/assets/messages-DTPb-4Ed.js","/assets/money-DBa6v4Ul.js","/assets/move-37-VCjs6.js","/assets/paging-BpGDobd6.js","/assets/policy-CJ-NACyC.js","/assets/popconfirm-C2K8Q1wP.js","/assets/provinces-BI9tQ_hB.js","/assets/rate-COe4LtJL.js","/assets/reports-Bj0ReFj7.css","/assets/reports-DX810_wJ.js","/assets/rolldown-runtime-XKyaHtl9.js","/assets/row-Bb3MACbL.js","/assets/row-SOZuIAL4.js","/assets/scrapFloor-gCHq1ZjB.js","/assets/segmented-ncnDaU98.js","/assets/select-Cee6_AYu.js","/assets/space-DFXOt8Ia.js","/assets/spin-Dn4dCXqE.js","/assets/statistic-ka6VeTrf.js","/assets/stock-DG2neDI7.js","/assets/stocktake-BOUmwkqB.js","/assets/style-B9OvKmbN.js","/assets/switch-BfqclSjT.js","/assets/system-BjyBsiRd.js","/assets/system-COra3UIU.css","/assets/table-BpgKs0fT.js","/assets/tag-DIraoGYQ.js","/assets/timeline-Cnf0e7tB.js","/assets/typography-p1lvGoME.js","/assets/useClosable-BIQW236j.js","/assets/useFeed-DOLb-pFa.js","/assets/useField-CHZoA5KT.js","/assets/useSignedInAgain-BLUqx_G4.js","/assets/view-gDuFt7VX.js","/assets/warranty-CNJ0Dis5.js","/icon.svg"];
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
