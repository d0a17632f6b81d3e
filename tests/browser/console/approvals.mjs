// Quotes more than 10 % below standard wait for the general manager: two are
// set up through the API (paid work, 15 % off); the general manager sees
// each in the approvals inbox with its figures, approves one and refuses the
// other with a note. The server's state is asserted after each decision: the
// approved quote is APPROVED with the note, the refused one REJECTED with
// the note and its ticket still QUOTED for a new quote; the agent's open
// ticket page follows the approval live.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, UNIT_IN_WARRANTY, expect, graphql, reportFault, signIn, token } from './lib.mjs';

const QUOTE = 'id status total standardTotal discountPercent decisionNote';

/** Paid work on a new ticket, quoted 15 % below standard: it waits for approval. */
async function discountedQuote(url, agent, partId, description) {
  const reported = await reportFault(url, agent, UNIT_IN_WARRANTY, description);
  const accepted = await graphql(
    url,
    agent,
    'mutation($t:TicketRef!){acceptTicket(input:{ticket:$t,exclusion:MISUSE}){ticket{id version}}}',
    { t: { id: reported.id, version: reported.version } },
  );
  const quoted = await graphql(
    url,
    agent,
    `mutation($t:TicketRef!,$p:ID!){createQuote(input:{ticket:$t,parts:[{partId:$p,quantity:1}],labourHours:"2",discountPercent:"15"}){quote{${QUOTE}}}}`,
    { t: { id: reported.id, version: accepted.acceptTicket.ticket.version }, p: partId },
  );
  const quote = quoted.createQuote.quote;
  expect(quote.status === 'PENDING_APPROVAL', `15 % off waits for approval: ${quote.status}`);
  return { ticket: reported, quote };
}

async function ticketNow(url, as, id) {
  const data = await graphql(url, as, `query($id:ID!){ticket(id:$id){status quote{${QUOTE}}}}`, { id });
  return data.ticket;
}

// A page's first load may wait for a busy dev server; a step after it does not.
const LOAD = { timeout: 45_000 };

await check('console-approvals', async ({ page, url, screenshot, openPage }) => {
  const agent = await token(url, 'agent');
  const parts = await graphql(url, agent, '{parts(first:1){nodes{id}}}');
  const partId = parts.parts.nodes[0].id;
  const approving = await discountedQuote(url, agent, partId, '操作不当导致回转马达损坏');
  const refusing = await discountedQuote(url, agent, partId, '违规超载导致吊臂变形');

  // The agent keeps the first ticket open.
  await page.setViewportSize(DESK);
  await signIn(page, url, 'agent');
  await page.goto(url(`/tickets/${approving.ticket.id}`));
  await page.getByTestId('quote-status').waitFor(LOAD);

  const gm = await openPage({ viewport: DESK });
  await signIn(gm, url, 'gm');
  await gm.goto(url('/approvals'));
  const first = gm.locator(`[data-testid="inbox-quote"][data-ticket="${approving.ticket.number}"]`);
  const second = gm.locator(`[data-testid="inbox-quote"][data-ticket="${refusing.ticket.number}"]`);
  await first.waitFor(LOAD);
  await second.waitFor();
  expect((await first.getByTestId('inbox-quote-discount').innerText()).startsWith('15'), 'the inbox shows the discount');
  await screenshot('inbox-desk-zh', gm);

  // Approve the first with a note.
  await first.getByTestId('inbox-quote-approve').click();
  await gm.getByTestId('decision-note').fill('老客户，同意优惠');
  await gm.getByTestId('decision-submit').click();
  await first.waitFor({ state: 'detached' });
  const approved = await ticketNow(url, agent, approving.ticket.id);
  expect(approved.quote.status === 'APPROVED', `the server has it approved: ${approved.quote.status}`);
  expect(approved.quote.decisionNote === '老客户，同意优惠', 'the note is kept');
  // The agent's ticket page follows live: the customer's acceptance is offered.
  await page.getByTestId('action-ACCEPT_QUOTE').waitFor();

  // Refusing needs a note.
  await second.getByTestId('inbox-quote-refuse').click();
  await gm.getByTestId('decision-submit').click();
  await gm.locator('.ant-form-item-explain-error').waitFor();
  await gm.getByTestId('decision-note').fill('折扣过大，请按标准价重新报价');
  await gm.getByTestId('decision-submit').click();
  await second.waitFor({ state: 'detached' });
  const refused = await ticketNow(url, agent, refusing.ticket.id);
  expect(refused.quote.status === 'REJECTED', `the server has it refused: ${refused.quote.status}`);
  expect(refused.quote.decisionNote === '折扣过大，请按标准价重新报价', 'the reason is kept');
  expect(refused.status === 'QUOTED', `the ticket stays quoted for a new quote: ${refused.status}`);

  // The inbox on a phone, in English.
  const phone = await openPage(PHONE);
  await signIn(phone, url, 'gm', { locale: 'en' });
  await phone.goto(url('/approvals'));
  // Both lists loaded (empty, or others' quotes and lots wait).
  await phone.getByTestId('inbox-quotes').locator('.ant-empty, [data-testid="inbox-quote"]').first().waitFor(LOAD);
  await phone.getByTestId('inbox-lots').locator('.ant-empty, [data-testid="inbox-lot"]').first().waitFor(LOAD);
  await screenshot('inbox-phone-en', phone);
}, { timeoutMs: 180_000 });
