// The console's bundle size, cold-load times and queue render time, against
// a running server (see ./run). Prints a Markdown table of medians.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(`${process.env.NODE_PATH}/`);
const { chromium } = require('playwright-core');

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
const url = (path) => new URL(path, base).toString();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function fetchBytes(path) {
  const response = await fetch(url(path));
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

// The bundle: what index.html loads before anything else, and everything.
const index = (await fetchBytes('/')).toString();
const initial = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let initialJs = 0;
let initialJsGz = 0;
let initialCssGz = 0;
for (const path of new Set(initial)) {
  const bytes = await fetchBytes(path);
  if (path.endsWith('.js')) {
    initialJs += bytes.length;
    initialJsGz += gzipSync(bytes, { level: 9 }).length;
  } else {
    initialCssGz += gzipSync(bytes, { level: 9 }).length;
  }
}

async function signIn(username) {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!) { login(input: {username: $u, password: "demo-2026"}) { token expiresAt user { id username displayName roles dealer { name } } } }',
      variables: { u: username },
    }),
  });
  const { data } = await response.json();
  const { token, expiresAt, user } = data.login;
  return { token, expiresAt, user: { ...user, dealerName: user.dealer?.name ?? null }, expired: false };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true });
const session = await signIn('agent');
const signInMs = [];
const queueLoadMs = [];
const queueRenderMs = [];

for (let i = 0; i < runs; i += 1) {
  // Cold: a new context has an empty cache and no service worker.
  const anonymous = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await anonymous.newPage();
  const started = Date.now();
  await page.goto(url('/'));
  await page.locator('input#username').waitFor({ state: 'visible' });
  await page.locator('input#username').fill('agent');
  signInMs.push(Date.now() - started);
  await anonymous.close();

  const signedIn = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await signedIn.addInitScript((stored) => {
    sessionStorage.setItem('aftersales.session', stored);
    // When the client has read the queue's data (its own read of the
    // response body resolves), and when its rows are all there.
    const queueResponses = new WeakSet();
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      if (typeof init?.body === 'string' && init.body.includes('"TicketQueue"')) queueResponses.add(response);
      return response;
    };
    for (const read of ['text', 'json', 'arrayBuffer']) {
      const plain = Response.prototype[read];
      Response.prototype[read] = function (...args) {
        const result = plain.apply(this, args);
        return queueResponses.has(this)
          ? result.then((value) => { window.__queueDataAt ??= performance.now(); return value; })
          : result;
      };
    }
    new MutationObserver(() => {
      if (window.__queueDataAt && !window.__queueRenderedAt && document.querySelectorAll('[data-testid="ticket-row"], .ant-table-tbody tr.ant-table-row').length >= 50) {
        window.__queueRenderedAt = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  }, JSON.stringify(session));
  const queue = await signedIn.newPage();
  const start = Date.now();
  await queue.goto(url('/tickets'));
  await queue.waitForFunction(() => window.__queueRenderedAt !== undefined, null, { timeout: 30_000 });
  queueLoadMs.push(Date.now() - start);
  queueRenderMs.push(await queue.evaluate(() => window.__queueRenderedAt - window.__queueDataAt));
  await signedIn.close();
}
await browser.close();

console.log('| measure | median | min–max |');
console.log('|---|---|---|');
console.log(`| initial JS (entry + preloads), raw | ${kb(initialJs)} | |`);
console.log(`| initial JS, gzip -9 | ${kb(initialJsGz)} | |`);
console.log(`| initial CSS, gzip -9 | ${kb(initialCssGz)} | |`);
console.log(`| cold load: \`/\` until the sign-in form takes input (ms, ${runs} runs) | ${median(signInMs).toFixed(0)} | ${spread(signInMs)} |`);
console.log(`| cold load signed in: \`/tickets\` until 50 rows show (ms) | ${median(queueLoadMs).toFixed(0)} | ${spread(queueLoadMs)} |`);
console.log(`| queue: data read → 50th row in the DOM (ms) | ${median(queueRenderMs).toFixed(1)} | ${spread(queueRenderMs)} |`);
