// The warehouse keeper's day: a requisition approved by the service manager
// (set up through the API as the manager) waits first in the keeper's list;
// the keeper issues it from its detail and the server shows it ISSUED with
// the stock down by each line's quantity. A second one asks for more than is
// on the shelf: issuing it shows the shortage and changes nothing. Then a
// count (盘点) with one part short is reviewed and booked, and the ledger
// holds the STOCKTAKE movement. Screens on a desk and a phone, in Chinese
// and English.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, expect, graphql, signIn, token } from './lib.mjs';

const WAREHOUSE = 'WH-SD';
const ISSUED_LINES = { 'HY-SEAL-04': 2, 'HY-FILTER-06': 1 };
const SHORT_PART = 'HY-HOSE-05';
const COUNTED_PART = 'OT-BELT-01';
// A screen's first render on a busy machine (a dev server, a shared CPU) may take long.
const RENDER = { timeout: 60_000 };

async function stockOf(url, as, warehouseId) {
  const data = await graphql(url, as, 'query($w:ID){stockLevels(warehouseId:$w){onHand part{id partNumber}}}', { w: warehouseId });
  return new Map(data.stockLevels.map((level) => [level.part.partNumber, { onHand: level.onHand, id: level.part.id }]));
}

async function requisition(url, as, ticketId, id) {
  const data = await graphql(
    url,
    as,
    'query($t:ID){requisitions(filter:{ticketId:$t},first:50){nodes{id status version lines{quantityIssued part{partNumber}}}}}',
    { t: ticketId },
  );
  return data.requisitions.nodes.find((node) => node.id === id);
}

/** The manager asks for `lines` on `ticketId` and approves it: a requisition waiting to be issued. */
async function approvedRequisition(url, manager, ticketId, warehouseId, stock, lines) {
  const asked = await graphql(
    url,
    manager,
    'mutation($i:RequestPartsInput!){requestParts(input:$i){requisition{id version}}}',
    {
      i: {
        ticketId,
        warehouseId,
        lines: Object.entries(lines).map(([number, quantity]) => ({ partId: stock.get(number).id, quantity })),
      },
    },
  );
  const { id, version } = asked.requestParts.requisition;
  await graphql(url, manager, 'mutation($i:RequisitionRef!){approveRequisition(input:$i){requisition{id}}}', {
    i: { id, version },
  });
  return id;
}

await check(
  'console-warehouse',
  async ({ page, url, screenshot }) => {
    // Set-up through the API: a ticket that may take parts, stock enough for
    // the first requisition, one shelf down to a single hose for the second.
    const manager = await token(url, 'manager');
    const keeper = await token(url, 'warehouse');
    const { warehouses } = await graphql(url, manager, '{warehouses(first:50){nodes{id code}}}');
    const warehouseId = warehouses.nodes.find((w) => w.code === WAREHOUSE).id;
    const { tickets } = await graphql(
      url,
      manager,
      '{tickets(filter:{states:[DISPATCHED,ON_SITE,ACCEPTED]},first:1){nodes{id number}}}',
    );
    expect(tickets.nodes.length === 1, 'the demo has a ticket that may take parts');
    const ticket = tickets.nodes[0];
    let stock = await stockOf(url, keeper, warehouseId);
    for (const [number, quantity] of Object.entries(ISSUED_LINES)) {
      if (stock.get(number).onHand < quantity) {
        await graphql(url, keeper, 'mutation($i:StockChangeInput!){receiveStock(input:$i){movement{id}}}', {
          i: { warehouseId, partId: stock.get(number).id, quantity: 10 },
        });
      }
    }
    const hose = stock.get(SHORT_PART);
    const toOne = 1 - hose.onHand;
    if (toOne !== 0) {
      await graphql(url, keeper, 'mutation($i:StockChangeInput!){adjustStock(input:$i){movement{id}}}', {
        i: { warehouseId, partId: hose.id, quantity: toOne, reason: 'browser check: one hose on the shelf' },
      });
    }
    stock = await stockOf(url, keeper, warehouseId);
    const issueId = await approvedRequisition(url, manager, ticket.id, warehouseId, stock, ISSUED_LINES);
    const shortId = await approvedRequisition(url, manager, ticket.id, warehouseId, stock, { [SHORT_PART]: 2 });

    // The keeper's home is the requisitions, which open on what waits to be
    // issued. (The steps move through the menu rather than reloading the
    // console.)
    await page.setViewportSize(DESK);
    await signIn(page, url, 'warehouse');
    expect(new URL(page.url()).pathname === '/requisitions', `the keeper lands on the requisitions: ${page.url()}`);
    const menu = (name) => page.locator('.ant-menu').getByRole('link', { name, exact: true }).click();
    const row = page.locator(`[data-testid="requisition-row"][data-id="${issueId}"]`);
    await row.waitFor(RENDER);
    expect((await row.getAttribute('data-status')) === 'APPROVED', 'the list shows requisitions waiting to be issued');
    await row.getByText(ticket.number).waitFor();
    await screenshot('desk-zh-requisitions');

    // Issue all lines from the detail.
    await row.getByTestId('requisition-open').click();
    await page.getByTestId('requisition-detail').waitFor(RENDER);
    await page.getByTestId('line-available').first().waitFor(RENDER);
    await screenshot('desk-zh-requisition');
    await page.getByTestId('requisition-issue').click();
    await page.getByTestId('requisition-issue-confirm').click();
    await page.locator('[data-testid="requisition-status"][data-status="ISSUED"]').waitFor(RENDER);

    const issued = await requisition(url, keeper, ticket.id, issueId);
    expect(issued.status === 'ISSUED', `the requisition is ISSUED, got ${issued.status}`);
    const after = await stockOf(url, keeper, warehouseId);
    for (const [number, quantity] of Object.entries(ISSUED_LINES)) {
      const was = stock.get(number).onHand;
      const now = after.get(number).onHand;
      expect(now === was - quantity, `${number}: ${was} on hand less ${quantity} issued is ${was - quantity}, got ${now}`);
    }
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.getByTestId('requisition-detail').waitFor({ state: 'detached' });

    // The short one: the detail warns, the server refuses, nothing changes.
    const shortRow = page.locator(`[data-testid="requisition-row"][data-id="${shortId}"]`);
    await shortRow.getByTestId('requisition-open').click();
    await page.getByTestId('requisition-short').waitFor(RENDER);
    await page.getByTestId('requisition-issue').click();
    await page.getByTestId('requisition-issue-confirm').click();
    await page.getByTestId('requisition-error').getByText(/库存不足/).waitFor(RENDER);
    await screenshot('desk-zh-shortage');
    const refused = await requisition(url, keeper, ticket.id, shortId);
    expect(refused.status === 'APPROVED', `the short requisition stays APPROVED, got ${refused.status}`);
    expect(refused.lines.every((line) => line.quantityIssued === 0), 'no line of the short requisition was issued');
    const afterShort = await stockOf(url, keeper, warehouseId);
    expect(afterShort.get(SHORT_PART).onHand === 1, `the hose stays at 1, got ${afterShort.get(SHORT_PART).onHand}`);
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.getByTestId('requisition-detail').waitFor({ state: 'detached' });

    // A count in the warehouse: one belt short of the book, reviewed, then booked.
    const belt = afterShort.get(COUNTED_PART);
    await menu('盘点');
    await page.getByTestId('count-warehouse').click();
    await page.locator('.ant-select-item-option', { hasText: WAREHOUSE }).click();
    await page.getByTestId(`count-${COUNTED_PART}`).fill(String(belt.onHand - 1));
    await page.getByTestId('count-progress').getByText(/1 项有差异/).waitFor(RENDER);
    await page.setViewportSize(PHONE.viewport);
    await page.locator('.ant-card-small[data-testid="count-row"]').first().waitFor(RENDER);
    await screenshot('phone-zh-stocktake');
    await page.setViewportSize(DESK);
    await page.getByTestId('count-review').click();
    const reviewRow = page.getByTestId('count-review-row');
    expect((await reviewRow.count()) === 1, 'the review lists the one part counted');
    expect((await reviewRow.getAttribute('data-difference')) === '-1', 'the review shows the difference of −1');
    await screenshot('desk-zh-stocktake-review');
    await page.getByTestId('count-book').click();
    await page.getByTestId('count-booked').waitFor(RENDER);
    await screenshot('desk-zh-stocktake-booked');

    const { stockMovements } = await graphql(
      url,
      keeper,
      'query($f:StockMovementFilter!){stockMovements(filter:$f,first:200){nodes{id kind quantity balanceAfter}}}',
      { f: { warehouseId, partId: belt.id, kind: 'STOCKTAKE' } },
    );
    const counted = stockMovements.nodes.at(-1);
    expect(counted && counted.quantity === -1, `a STOCKTAKE movement of −1 is booked, got ${JSON.stringify(counted)}`);
    expect(counted.balanceAfter === belt.onHand - 1, `the balance after the count is ${belt.onHand - 1}`);
    const afterCount = await stockOf(url, keeper, warehouseId);
    expect(afterCount.get(COUNTED_PART).onHand === belt.onHand - 1, 'the book now holds what was counted');

    // The part's ledger shows the count difference, with its balance after.
    await page.getByTestId('count-booked-line').getByRole('link').click();
    // The newest is last (the ledger runs oldest first).
    const ledgerRow = page.locator('[data-testid="ledger-row"][data-kind="STOCKTAKE"]').last();
    await ledgerRow.waitFor(RENDER);
    const balance = (await ledgerRow.getByTestId('ledger-balance').textContent()).trim();
    expect(balance === String(belt.onHand - 1), `the ledger's balance after the count is ${belt.onHand - 1}, got ${balance}`);
    await screenshot('desk-zh-ledger');
    await page.setViewportSize(PHONE.viewport);
    await ledgerRow.waitFor(RENDER);
    await screenshot('phone-zh-ledger');

    // In English on the phone: the ledger, the stock (low rows first) and a requisition.
    await page.getByTestId('language-switch').click();
    await page.getByText('Count difference').first().waitFor(RENDER);
    await screenshot('phone-en-ledger');
    const phoneMenu = async (name) => {
      await page.getByRole('button', { name: 'menu' }).click();
      await page.locator('.ant-drawer .ant-menu').getByRole('link', { name, exact: true }).click();
    };
    await phoneMenu('Stock');
    const first = page.getByTestId('stock-row').first();
    await first.waitFor(RENDER);
    expect((await first.getAttribute('data-low')) === '1', 'a low-stock row comes first');
    await screenshot('phone-en-stock');
    await phoneMenu('Requisitions');
    await page.getByTestId('requisitions-tab').getByText('All', { exact: true }).click();
    await page.locator(`[data-testid="requisition-row"][data-id="${issueId}"]`).click();
    await page.getByTestId('requisition-detail').waitFor(RENDER);
    await screenshot('phone-en-requisition');

    // And on the desk in English.
    await page.setViewportSize(DESK);
    await screenshot('desk-en-requisition');
    await page.keyboard.press('Escape');
    await menu('Stock');
    await page.getByTestId('stock-row').first().waitFor(RENDER);
    await screenshot('desk-en-stock');
  },
  { timeoutMs: 180_000 },
);
