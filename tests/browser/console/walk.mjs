// A ticket walked from the phone call to the customer's signature: the
// agent (desk-sized window) reports a fault on a unit in warranty, triages
// and dispatches it; the engineer (a phone, a second browser) sees the job
// arrive live, arrives on site, records the repair with a part and takes
// the sign-off; the agent's queue shows the new state without a reload.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, UNIT_IN_WARRANTY, expect, signIn } from './lib.mjs';

await check(
  'console-walk',
  async ({ page, url, screenshot, openPage }) => {
    await page.setViewportSize(DESK);
    await signIn(page, url, 'agent');

    // The engineer's phone is open on the job list before anything is dispatched.
    const phone = await openPage(PHONE);
    await signIn(phone, url, 'eng.zhang');
    await phone.goto(url('/my/jobs'));
    // The list is there, and so its live subscription, before the dispatch.
    await phone.getByRole('heading', { name: /我的任务|My jobs/ }).waitFor();

    // Report: the serial's first characters suggest the unit; the warranty shows at once.
    await page.goto(url('/intake'));
    await page.getByTestId('serial-input').fill(UNIT_IN_WARRANTY.slice(0, 9));
    await page.locator('.ant-select-item-option', { hasText: UNIT_IN_WARRANTY }).first().click();
    await page.getByTestId('warranty-status').getByText(/保修期内|In warranty/).waitFor();
    await page.getByTestId('fault-description').fill('大臂油缸漏油，无法起升');
    await page.getByTestId('fault-category').click();
    await page.locator('.ant-select-item-option', { hasText: /液压|Hydraulic/ }).click();
    await screenshot('report');
    await page.getByTestId('report-submit').click();
    const number = (await page.getByTestId('report-number').textContent()).trim();
    expect(/^SR-\d{4}-\d+$/.test(number), `a ticket number is shown, got "${number}"`);
    await screenshot('reported');

    // Triage and dispatch on the ticket page.
    await page.getByRole('link', { name: number }).first().click();
    await page.getByTestId('ticket-number').getByText(number).waitFor();
    await page.getByTestId('action-ACCEPT').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('ticket-status').getByText(/已分诊|Triaged/).waitFor();
    await page.getByTestId('action-DISPATCH').click();
    await page.getByTestId('dispatch-engineer').click();
    await page.locator('.ant-select-item-option', { hasText: '张伟' }).click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('ticket-status').getByText(/已派工|Dispatched/).waitFor();
    await screenshot('dispatched');

    // The agent watches the queue; the phone shows the job without a reload.
    await page.goto(url('/tickets'));
    const row = page.getByTestId('ticket-row').filter({ hasText: number });
    await row.getByText(/已派工|Dispatched/).waitFor();
    const card = phone.getByTestId('job-card').filter({ hasText: number });
    await card.waitFor();
    await screenshot('phone-jobs', phone);

    // On site: arrive, repair with a part, the customer's signature.
    await card.click();
    await phone.getByTestId('job-arrive').click();
    await phone.getByTestId('job-status').getByText(/已到场|On site/).waitFor();
    await phone.getByTestId('repair-cause').click();
    await phone.locator('.ant-select-item-option').first().click();
    await phone.getByTestId('repair-measures').fill('更换大臂油缸密封件，试机正常');
    await phone.getByTestId('repair-part').click();
    await phone.keyboard.type('密封');
    await phone.locator('.ant-select-item-option').first().click();
    await phone.getByTestId('repair-labour').fill('2.5');
    await screenshot('phone-repair', phone);
    await phone.getByTestId('job-repair-submit').click();
    await phone.getByTestId('job-status').getByText(/已维修|Repaired/).waitFor();
    await phone.getByTestId('signoff-name').fill('刘建国');
    await phone.getByTestId('job-signoff-submit').click();
    await phone.getByTestId('job-status').getByText(/客户已验收|Signed off/).waitFor();
    await screenshot('phone-signed', phone);

    // The queue on the desk followed, without a reload.
    await row.getByText(/客户已验收|Signed off/).waitFor();
    await screenshot('queue-after');
  },
  { timeoutMs: 240_000 },
);
