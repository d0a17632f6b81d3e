// A dealer sees only its own: another dealer's ticket opened by URL shows
// "not found" and nothing of the ticket; its own ticket opens.

import { check } from '../lib/check.mjs';
import { expect, graphql, signIn, token } from './lib.mjs';

await check('console-dealer-scope', async ({ page, url, screenshot }) => {
  const manager = await token(url, 'manager');
  const listed = await graphql(url, manager, '{ tickets(first: 200) { nodes { id number unit { dealer { code } } } } }');
  const nodes = listed.tickets.nodes;
  const other = nodes.find((t) => t.unit?.dealer?.code && t.unit.dealer.code !== 'D-JS01');
  const own = nodes.find((t) => t.unit?.dealer?.code === 'D-JS01');
  expect(other && own, 'the demo has tickets of the dealer and of another');

  await signIn(page, url, 'dealer');
  await page.goto(url(`/tickets/${other.id}`));
  await page.getByTestId('ticket-not-found').waitFor();
  expect(!(await page.getByText(other.number).count()), `nothing of ${other.number} is shown`);
  await screenshot('other-dealer');

  await page.goto(url(`/tickets/${own.id}`));
  await page.getByTestId('ticket-number').getByText(own.number).waitFor();

  // The queue lists the dealer's own tickets only.
  await page.goto(url('/tickets'));
  await page.getByTestId('ticket-row').first().waitFor();
  expect(!(await page.getByTestId('ticket-row').filter({ hasText: other.number }).count()), 'no other dealer in the queue');
});
