// Return visits and complaints: the agent opens the visit work list (the
// overdue first), records a dissatisfied visit that files a quality
// complaint in the same step, and the visit leaves the list; quality finds
// it by category and severity, takes it within its routing deadline (and is
// shown as its handler) and answers it; the agent opens it by its link, on
// a fresh load of a list it is not on, and closes it, on the same desk
// (signing out and in). Every step is checked through the API. Screenshots: desk and phone, Chinese and English.

import { check } from '../lib/check.mjs';
import { DESK, PASSWORD, PHONE, UNIT_IN_WARRANTY, expect, graphql, reportFault, signIn, token } from './lib.mjs';

/** The options of the select list that is open (a closed list may linger hidden). */
const OPTION = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';
const STANDING_ORDER = ['overdue', 'due', 'later'];

const OPEN_VISITS = `query($after:String){returnVisits(filter:{visited:false},orderBy:{field:DUE_AT},first:200,after:$after){
  pageInfo{hasNextPage endCursor} nodes{id dueAt ticket{id number version allowedActions}}}}`;

/** The first open visit (by deadline) the agent may record now, if the demo has one. */
async function visitToRecord(url, agent) {
  let after = null;
  for (;;) {
    const { returnVisits } = await graphql(url, agent, OPEN_VISITS, { after });
    const ready = returnVisits.nodes.find((v) => v.ticket?.allowedActions.includes('VISIT'));
    if (ready) return ready.ticket;
    if (!returnVisits.pageInfo.hasNextPage) return null;
    after = returnVisits.pageInfo.endCursor;
  }
}

/** A repair signed off through the API: its return visit falls due (only when the demo has none left). */
async function signedOffTicket(url, agent) {
  const step = async (as, mutation, variables) => graphql(url, as, mutation, variables);
  const reported = await reportFault(url, agent, UNIT_IN_WARRANTY, '回转马达异响');
  let { acceptTicket: { ticket } } = await step(agent, 'mutation($t:TicketRef!){acceptTicket(input:{ticket:$t}){ticket{id version}}}', {
    t: { id: reported.id, version: reported.version },
  });
  const { engineers } = await graphql(url, agent, '{engineers(first:200){nodes{id username}}}');
  const zhang = engineers.nodes.find((e) => e.username === 'eng.zhang');
  ({ dispatchTicket: { ticket } } = await step(agent, 'mutation($i:DispatchTicketInput!){dispatchTicket(input:$i){ticket{id version}}}', {
    i: { ticket, engineerId: zhang.id, appointment: new Date(Date.now() + 3600_000).toISOString() },
  }));
  const engineer = await token(url, 'eng.zhang');
  ({ arriveOnSite: { ticket } } = await step(engineer, 'mutation($t:TicketRef!){arriveOnSite(input:$t){ticket{id version}}}', { t: ticket }));
  const { faultCauses } = await graphql(url, engineer, '{faultCauses{code}}');
  ({ recordRepair: { ticket } } = await step(engineer, 'mutation($i:RecordRepairInput!){recordRepair(input:$i){ticket{id version}}}', {
    i: { ticket, faultCause: faultCauses[0].code, measures: '更换回转马达轴承', labourHours: '1.5' },
  }));
  await step(engineer, 'mutation($t:TicketRef!){signOff(input:$t,signedBy:"刘建国"){ticket{id}}}', { t: ticket });
  return reported;
}

/**
 * Signs out and in again as `username` in the same page: the console stays
 * loaded, as on a shared desk (and a second browser costs a second load).
 */
async function switchUser(page, username) {
  // A drawer open over the page goes first (its mask covers the header).
  if (await page.getByTestId('complaint-drawer').isVisible()) {
    await page.keyboard.press('Escape');
    await page.getByTestId('complaint-drawer').waitFor({ state: 'detached' });
  }
  await page.getByTestId('account-menu').hover();
  await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: /退出登录|Sign out/ }).click();
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('input#username').waitFor({ state: 'detached' });
}

/** Opens a screen from the menu (the side menu on a desk, the drawer on a phone). */
async function navigate(page, name) {
  const drawerButton = page.getByRole('button', { name: 'menu', exact: true });
  if (await drawerButton.isVisible()) await drawerButton.click();
  await page.locator('.ant-menu').getByRole('link', { name }).last().click();
}

const VISIT_OF = `query($t:ID!){returnVisits(filter:{ticketId:$t,visited:true}){nodes{satisfaction solved channel followUp visitedAt}}}`;
const COMPLAINTS_OF = `query($t:ID!){complaints(filter:{ticketId:$t}){nodes{id number status category severity routedTo routeDueAt routedAt
  handlerId handlerName handling answer ticket{id} customer{id}}}}`;
const TICKET = 'query($id:ID!){ticket(id:$id){status customer{id}}}';

await check(
  'console-visits',
  async ({ page, url, screenshot: shoot }) => {
    const started = Date.now();
    // Each screenshot logs when it was taken: where the time goes.
    const screenshot = async (label) => {
      await shoot(label);
      if (process.env.VISITS_TIMING) console.log(`${((Date.now() - started) / 1000).toFixed(1)} s ${label}`);
    };
    const agent = await token(url, 'agent');
    const ticket = (await visitToRecord(url, agent)) ?? (await signedOffTicket(url, agent));

    // The work list: open visits by deadline, the overdue first.
    await page.setViewportSize(DESK);
    await signIn(page, url, 'agent');
    await page.goto(url('/visits'));
    const row = page.getByTestId('visit-row').and(page.locator(`[data-ticket="${ticket.number}"]`));
    await row.waitFor();
    const standings = await page.getByTestId('visit-row').evaluateAll((rows) => rows.map((r) => r.dataset.standing));
    const ranks = standings.map((s) => STANDING_ORDER.indexOf(s));
    expect(ranks.every((rank, i) => rank >= 0 && (i === 0 || rank >= ranks[i - 1])), `overdue, then due, then later: ${standings}`);
    await row.getByTestId('visit-call').or(row.getByText(/无电话|No phone/)).first().waitFor();
    await screenshot('desk-zh-worklist');

    // A dissatisfied visit: 2 of 5, not solved; the complaint is chosen in the same step.
    await row.getByTestId('visit-record').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: ticket.number });
    await dialog.getByTestId('visit-channel').getByText('电话').click();
    await dialog.locator('.ant-rate li').nth(1).click();
    await dialog.getByTestId('visit-solved').getByText('否').click();
    await dialog.getByTestId('visit-comments').fill('回转时仍有异响');
    await dialog.getByTestId('visit-dissatisfied').waitFor();
    await dialog.getByTestId('visit-follow-up').getByText('登记投诉').click();
    await dialog.getByTestId('visit-category').click();
    await page.locator(OPTION, { hasText: '质量' }).click();
    await dialog.getByText(/转质管部/).waitFor();
    await dialog.getByTestId('visit-severity').click();
    await page.locator(OPTION, { hasText: '重大' }).click();
    await dialog.getByTestId('visit-description').fill('维修后回转马达仍有异响，客户要求质量部门给出说明');
    await screenshot('desk-zh-record');
    await dialog.getByTestId('visit-submit').click();
    await page.getByTestId('visit-recorded').waitFor();

    // The visit left the work list; the server has the visit and the complaint.
    await row.waitFor({ state: 'detached' });
    const { returnVisits } = await graphql(url, agent, VISIT_OF, { t: ticket.id });
    const visit = returnVisits.nodes[0];
    expect(visit?.satisfaction === 2 && visit.solved === false, `the visit scored 2, not solved: ${JSON.stringify(visit)}`);
    expect(visit.followUp === 'COMPLAINT' && visit.channel === 'PHONE', `the visit filed a complaint: ${JSON.stringify(visit)}`);
    const { ticket: visited } = await graphql(url, agent, TICKET, { id: ticket.id });
    expect(visited.status === 'VISITED', `the ticket is visited, got ${visited.status}`);
    let { complaints } = await graphql(url, agent, COMPLAINTS_OF, { t: ticket.id });
    expect(complaints.nodes.length === 1, `one complaint on the ticket, got ${complaints.nodes.length}`);
    const filed = complaints.nodes[0];
    expect(
      filed.ticket.id === ticket.id && filed.customer.id === visited.customer.id && filed.status === 'OPEN',
      `the complaint is the ticket's customer's, open: ${JSON.stringify(filed)}`,
    );
    expect(
      filed.category === 'QUALITY' && filed.severity === 'MAJOR' && filed.routedTo === 'QUALITY' && filed.routeDueAt,
      `a major quality complaint routed to quality with a deadline: ${JSON.stringify(filed)}`,
    );

    // The complaint from the success message: the list of the ticket's complaints.
    await page.getByTestId('visit-see-complaint').click();
    const complaintRow = page.getByTestId('complaint-row').and(page.locator(`[data-number="${filed.number}"]`));
    await complaintRow.getByTestId('complaint-route').and(page.locator('[data-urgency="ok"],[data-urgency="soon"]')).waitFor();
    await screenshot('desk-zh-complaints');
    // The agent may not take a quality complaint (it goes to quality).
    await complaintRow.getByTestId('complaint-open').click();
    await page.getByTestId('complaint-number').getByText(filed.number).waitFor();
    expect(!(await page.getByTestId('complaint-take').isVisible()), 'the desk is not offered taking a quality complaint');
    await screenshot('desk-zh-complaint-drawer');

    // Quality (in English) takes it and answers it.
    await switchUser(page, 'quality');
    await page.getByTestId('language-switch').click();
    await navigate(page, /投诉|Complaints/);
    await page.getByTestId('complaints-category').click();
    await page.locator(OPTION, { hasText: 'Quality' }).click();
    await page.waitForURL(/category=QUALITY/);
    await page.locator(OPTION).first().waitFor({ state: 'hidden' });
    await page.getByTestId('complaints-severity').click();
    await page.locator(OPTION, { hasText: 'Major' }).click();
    await page.waitForURL(/severity=MAJOR/);
    await page.locator(OPTION).first().waitFor({ state: 'hidden' });
    const qualityRow = page.getByTestId('complaint-row').and(page.locator(`[data-number="${filed.number}"]`));
    await qualityRow.waitFor();
    await screenshot('desk-en-complaints');
    await qualityRow.getByTestId('complaint-open').click();
    await page.getByTestId('complaint-take').click();
    await page.getByTestId('complaint-drawer').getByTestId('complaint-status').and(page.locator('[data-status="ROUTED"]')).waitFor();
    ({ complaints } = await graphql(url, agent, COMPLAINTS_OF, { t: ticket.id }));
    expect(complaints.nodes[0].status === 'ROUTED' && complaints.nodes[0].routedAt, `quality took it: ${JSON.stringify(complaints.nodes[0])}`);
    // Quality is its handler, by name in the drawer and on its row.
    const { me: quality } = await graphql(url, await token(url, 'quality'), '{me{id displayName}}');
    const taken = complaints.nodes[0];
    expect(taken.handlerId === quality.id && taken.handlerName === quality.displayName, `quality is its handler: ${JSON.stringify(taken)}`);
    const handlerShown = await page.getByTestId('complaint-drawer').getByTestId('complaint-handler').textContent();
    expect(handlerShown === quality.displayName, `the drawer names the handler ${quality.displayName}, got ${handlerShown}`);
    await qualityRow.getByTestId('complaint-handler').getByText(quality.displayName).waitFor();
    await page.getByTestId('complaint-answer').click();
    await page.getByTestId('complaint-handling-input').fill('Bearing batch checked with the supplier; a second engineer replaced the slewing motor.');
    await page.getByTestId('complaint-answer-input').fill('We replaced the motor free of charge and will call again in a week.');
    await page.getByTestId('complaint-attributable').getByText('No').click();
    await screenshot('desk-en-answer');
    await page.getByTestId('complaint-answer-submit').click();
    await page.getByTestId('complaint-drawer').getByTestId('complaint-status').and(page.locator('[data-status="ANSWERED"]')).waitFor();
    ({ complaints } = await graphql(url, agent, COMPLAINTS_OF, { t: ticket.id }));
    expect(
      complaints.nodes[0].status === 'ANSWERED' && complaints.nodes[0].answer?.startsWith('We replaced the motor'),
      `quality answered it: ${JSON.stringify(complaints.nodes[0])}`,
    );
    expect(!(await page.getByTestId('complaint-close').isVisible()), 'quality is not offered closing it (the desk closes)');

    // The agent opens it by its link, on a fresh load of a list it is not on
    // (only general complaints), and closes it.
    await switchUser(page, 'agent');
    await page.goto(url(`/complaints?severity=GENERAL&open=${encodeURIComponent(filed.id)}`));
    const drawer = page.getByTestId('complaint-drawer');
    await drawer.getByTestId('complaint-number').getByText(filed.number).waitFor();
    await drawer.getByTestId('complaint-status').and(page.locator('[data-status="ANSWERED"]')).waitFor();
    await drawer.getByTestId('complaint-handler').getByText(quality.displayName).waitFor();
    await page.getByTestId('complaints-total').waitFor();
    const agentRow = page.getByTestId('complaint-row').and(page.locator(`[data-number="${filed.number}"]`));
    expect((await agentRow.count()) === 0, 'the complaint opened by its link is not on the list of general complaints');
    await screenshot('desk-en-linked');
    await page.getByTestId('complaint-close').click();
    await page.getByTestId('complaint-close-confirm').click();
    await page.getByTestId('complaint-drawer').getByTestId('complaint-status').and(page.locator('[data-status="CLOSED"]')).waitFor();
    ({ complaints } = await graphql(url, agent, COMPLAINTS_OF, { t: ticket.id }));
    expect(complaints.nodes[0].status === 'CLOSED', `the agent closed it: ${JSON.stringify(complaints.nodes[0])}`);
    await screenshot('desk-en-closed');

    // On a phone, in both languages: the work list and the closed complaint.
    await page.setViewportSize(PHONE.viewport);
    for (const locale of ['en', 'zh']) {
      await page.getByTestId('complaint-drawer').getByTestId('complaint-status').waitFor();
      await screenshot(`phone-${locale}-complaint`);
      await page.keyboard.press('Escape');
      await page.getByTestId('complaint-drawer').waitFor({ state: 'detached' });
      await screenshot(`phone-${locale}-complaints`);
      await navigate(page, /回访|Return visits/);
      await page.getByTestId('visit-row').first().waitFor();
      await screenshot(`phone-${locale}-worklist`);
      // Back to the closed complaint by its link, in Chinese: a fresh load
      // takes the language signed in with (the phone menu's drawer may
      // still cover the list while it closes, so not through the menu).
      if (locale === 'en') {
        await page.goto(url(`/complaints?open=${encodeURIComponent(filed.id)}`));
        await page.getByTestId('complaint-drawer').getByText('已关闭').waitFor();
      }
    }
  },
  // Well under a minute on a quiet machine; the shared CI box may be far slower.
  { timeoutMs: 240_000 },
);
