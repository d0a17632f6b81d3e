// One browser check against a running server, with no network beyond it.
//
// A check is a script that calls `check(name, steps)`; run it as
// `node <script>.mjs http://127.0.0.1:PORT`. It exits 0 when the steps pass,
// 1 with a line "FAIL <name>: <why>" when they do not, and 2 when it cannot
// run. Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM): Playwright's
// own browser downloads are not used. A step fails, besides by throwing, when
// the page asks for anything outside the server (which is refused), when a
// script throws, or when the console shows an error (a refused request, a
// Content-Security-Policy violation, a failed asset). Screenshots go to
// artifacts/ (or $BROWSER_ARTIFACTS); a failed check also leaves
// <name>-failed.png and a Playwright trace, <name>-trace.zip, there (and
// -2, -3 … for each further browser a check opened).

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = process.env.BROWSER_ARTIFACTS ?? path.join(here, '..', 'artifacts');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// A whole check, however it hangs, ends within this.
const CHECK_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 20_000;

/**
 * Runs `steps({ page, context, url, screenshot, openPage })` in a fresh
 * browser context: `url(path)` is the server's address of `path`,
 * `screenshot(label, on = page)` saves `artifacts/<name>-<label>.png` (or
 * `<name>.png` without a label), `openPage(contextOptions)` opens a page in
 * another fresh context (a second person, a phone) under the same rules.
 * `options.allowConsole` lists patterns of console errors a check expects;
 * `options.context` sets the first context's options (viewport, locale);
 * `options.serviceWorkers: 'allow'` lets pages register service workers;
 * `options.timeoutMs` bounds a long walk (default 120 s).
 */
export async function check(name, steps, options = {}) {
  const base = process.argv[2];
  if (!base) {
    console.error(`usage: node ${process.argv[1]} http://127.0.0.1:PORT`);
    process.exit(2);
  }
  const server = new URL(base);
  const limit = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  // The steps are cut off at the limit (and leave their screenshots and
  // traces like any failure); this is for a browser that does not even close.
  const watchdog = setTimeout(() => {
    console.error(`FAIL ${name}: still running ${limit / 1000 + 30} s after it started`);
    process.exit(1);
  }, limit + 30_000);
  watchdog.unref();

  await mkdir(artifacts, { recursive: true });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      // Every host name but the server's fails to resolve, so nothing outside
      // could be reached even by a request that slipped past the routes below.
      args: [`--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${server.hostname}`],
    });
  } catch (error) {
    console.error(`cannot start Chromium at ${executablePath} (apt-get install chromium): ${error.message}`);
    process.exit(2);
  }

  const outside = new Set();
  const problems = [];
  // The server's own host and port, over http(s) or ws(s); data: and blob:
  // URLs never leave the browser.
  const isLocal = (address) => {
    const url = new URL(address);
    return ['data:', 'blob:', 'about:'].includes(url.protocol) || url.host === server.host;
  };
  const allowed = options.allowConsole ?? [];
  const pages = [];

  // A browser context (a separate person's browser: its own storage and
  // session) held to the same rules: nothing outside the server, no
  // uncaught error, no console error.
  async function openPage(contextOptions = {}) {
    const context = await browser.newContext({
      serviceWorkers: options.serviceWorkers ?? 'block',
      viewport: { width: 1400, height: 900 },
      ...contextOptions,
    });
    await context.route('**', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      outside.add(url);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket((url) => !isLocal(url.href), (socket) => {
      outside.add(socket.url());
      socket.close();
    });
    context.on('request', (request) => {
      if (!isLocal(request.url())) outside.add(request.url());
    });
    // Every person's browser is traced: a failure shows what each one saw.
    await context.tracing.start({ screenshots: true, snapshots: true });
    const opened = await context.newPage();
    opened.setDefaultTimeout(STEP_TIMEOUT_MS);
    opened.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`));
    opened.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !allowed.some((pattern) => pattern.test(text))) {
        problems.push(`console error: ${text}`);
      }
    });
    pages.push(opened);
    return opened;
  }

  const page = await openPage(options.context);
  const context = page.context();
  const shot = (label) => path.join(artifacts, label ? `${name}-${label}.png` : `${name}.png`);

  let thrown;
  let cutOff;
  try {
    await Promise.race([
      steps({
        page,
        context,
        url: (address) => new URL(address, server).toString(),
        screenshot: (label, on = page) => on.screenshot({ path: shot(label) }),
        openPage,
      }),
      new Promise((_, reject) => {
        cutOff = setTimeout(() => reject(new Error(`still running after ${limit / 1000} s`)), limit);
      }),
    ]);
  } catch (error) {
    // Playwright colours its call log even off a terminal.
    thrown = error.message.replace(/\x1b\[[0-9;]*m/g, '');
  }
  // A request outside is usually why a later step timed out: it comes first.
  const reasons = [];
  if (outside.size) reasons.push(`requests outside the server were attempted: ${[...outside].join(', ')}`);
  reasons.push(...problems);
  if (thrown) reasons.push(thrown);
  const failure = reasons.join('\n  ');
  clearTimeout(cutOff);
  for (const [index, opened] of pages.entries()) {
    const suffix = index ? `-${index + 1}` : '';
    if (failure) {
      await opened.screenshot({ path: shot(`failed${suffix}`) }).catch(() => {});
      await opened.context().tracing.stop({ path: path.join(artifacts, `${name}-trace${suffix}.zip`) }).catch(() => {});
    } else {
      await opened.context().tracing.stop().catch(() => {});
    }
  }
  await browser.close();
  clearTimeout(watchdog);
  if (failure) {
    console.error(`FAIL ${name}: ${failure}`);
    console.error(`screenshot and trace in ${artifacts}`);
    process.exitCode = 1;
  } else {
    console.log(`ok ${name}`);
  }
}
