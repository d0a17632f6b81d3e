// Paid work with a quote 10.01 % below standard waits for the general
// manager: the agent quotes it on the ticket page and sees it waiting; the
// general manager is offered the approval, the agent is not offered the
// customer's acceptance until then.

import { check } from '../lib/check.mjs';
import { DESK, UNIT_IN_WARRANTY, expect, reportFault, signIn, token } from './lib.mjs';

await check(
  'console-paid-quote',
  async ({ page, url, screenshot, openPage }) => {
    const ticket = await reportFault(url, await token(url, 'agent'), UNIT_IN_WARRANTY, '操作不当导致回转马达损坏');
    await page.setViewportSize(DESK);
    await signIn(page, url, 'agent');
    await page.goto(url(`/tickets/${ticket.id}`));

    // Triage: misuse is not covered, so the work is paid.
    await page.getByTestId('action-ACCEPT').click();
    await page.getByTestId('triage-exclusion').click();
    await page.locator('.ant-select-item-option', { hasText: /违规使用|Misuse/ }).click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('ticket-status').getByText(/已分诊|Triaged/).waitFor();

    // The quote: one part from the price list, labour, 10.01 % off.
    await page.getByTestId('action-QUOTE').click();
    await page.getByTestId('quote-part').click();
    await page.keyboard.type('密封');
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('quote-labour').fill('2');
    await page.getByTestId('quote-discount').fill('10.01');
    await page.getByTestId('quote-needs-approval').waitFor();
    await screenshot('quote-form');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('quote-status').getByText(/待总经理审批|Waiting for the general manager/).waitFor();
    expect(!(await page.getByTestId('action-ACCEPT_QUOTE').isVisible()), 'the customer cannot accept before the approval');
    await screenshot('quote-waiting');

    // The general manager is offered the approval.
    const gm = await openPage({ viewport: DESK });
    await signIn(gm, url, 'gm');
    await gm.goto(url(`/tickets/${ticket.id}`));
    await gm.getByTestId('action-APPROVE_QUOTE').click();
    await gm.getByTestId('action-submit').click();
    await gm.getByTestId('quote-status').getByText(/已批准|Approved/).waitFor();

    // The agent's page follows live and now offers the customer's acceptance.
    await page.getByTestId('action-ACCEPT_QUOTE').waitFor();
  },
  { timeoutMs: 180_000 },
);
