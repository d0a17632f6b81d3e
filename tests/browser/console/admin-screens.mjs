// The administration screens (users, audit log, job queues, outbox) on a
// desk and on a phone, in Chinese and in English: each renders its content
// (not an error) and a screenshot is kept to look at.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, expect, signIn } from './lib.mjs';

await check(
  'console-admin-screens',
  async ({ page, screenshot, url }) => {
    page.setDefaultTimeout(60_000);
    await page.setViewportSize(DESK);
    await signIn(page, url, 'admin');
    // Moved to inside the app (no reload) and switched with the language button.
    const visit = async (path) => {
      await page.evaluate((to) => {
        window.history.pushState({}, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, path);
    };
    await page.goto(url('/admin/users'));
    for (const [path, ready, name] of [
      ['/admin/users', 'user-row', 'users'],
      ['/admin/audit?entityType=user', 'audit-entry', 'audit'],
      ['/admin/jobs', 'job-queue', 'jobs'],
      ['/admin/outbox', 'outbox-row', 'outbox'],
    ]) {
      await page.setViewportSize(DESK);
      await visit(path);
      await page.getByTestId(ready).first().waitFor();
      expect(!(await page.locator('.ant-alert-error').count()), `${name} loads without an error`);
      await screenshot(`${name}-desk-zh`);
      await page.getByTestId('language-switch').dispatchEvent('click');
      await screenshot(`${name}-desk-en`);
      await page.setViewportSize(PHONE.viewport);
      await page.getByTestId(ready).first().waitFor();
      await screenshot(`${name}-phone-en`);
      await page.getByTestId('language-switch').dispatchEvent('click');
      await screenshot(`${name}-phone-zh`);
    }
  },
  { timeoutMs: 480_000 },
);
