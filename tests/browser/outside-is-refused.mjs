// The harness's own check, which must FAIL: a page on the server that asks
// for an image by host name and a fetch by IP address outside the server.
// lib/check.mjs must refuse both and name both in its "FAIL" line, which
// the e2e test expects, so a check that passes can be trusted to have
// attempted nothing outside.

import { check } from './lib/check.mjs';

await check('outside-is-refused', async ({ page, url }) => {
  await page.goto(url('/healthz'));
  await page.setContent('<img src="https://cdn.example.com/pixel.png">', { waitUntil: 'load' });
  await page.evaluate(() => fetch('http://192.0.2.1/data').catch(() => 'refused'));
});
