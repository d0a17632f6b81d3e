// The engineer's phone without a connection: the built console (served with
// its service worker) opens offline on the job it showed before, takes the
// arrival and the repair record into its outbox, and sends both, in order,
// once the connection returns; the office then sees the job repaired.
// Run against a server that serves the built console (the api, or
// `vite preview` in front of one).

import { check } from '../lib/check.mjs';
import { PHONE, UNIT_IN_WARRANTY, expect, graphql, reportFault, signIn, token } from './lib.mjs';

/** The options of the select list that is open (a closed list may linger hidden). */
const OPTION = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';

await check(
  'console-offline',
  async ({ page, context, url, screenshot }) => {
    // The desk reports, triages and dispatches a job to 张伟 through the API.
    const agent = await token(url, 'agent');
    const reported = await reportFault(url, agent, UNIT_IN_WARRANTY, '回转马达异响，液压油渗漏');
    const accepted = await graphql(
      url,
      agent,
      'mutation($t:TicketRef!){acceptTicket(input:{ticket:$t}){ticket{id version}}}',
      { t: { id: reported.id, version: reported.version } },
    );
    const { engineers } = await graphql(url, agent, '{engineers(first:200){nodes{id username}}}');
    const zhang = engineers.nodes.find((e) => e.username === 'eng.zhang');
    expect(zhang, 'eng.zhang is an engineer of the demo');
    await graphql(
      url,
      agent,
      'mutation($i:DispatchTicketInput!){dispatchTicket(input:$i){ticket{status}}}',
      {
        i: {
          ticket: { id: reported.id, version: accepted.acceptTicket.ticket.version },
          engineerId: zhang.id,
          appointment: new Date(Date.now() + 2 * 3600_000).toISOString(),
        },
      },
    );

    // Online: the job list and the job, kept on the phone; the worker in charge.
    await signIn(page, url, 'eng.zhang');
    await page.goto(url('/my/jobs'));
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const card = page.getByTestId('job-card').filter({ hasText: reported.number });
    await card.waitFor();
    await card.click();
    await page.getByTestId('job-status').getByText(/已派工|Dispatched/).waitFor();
    // The repair form's choices are kept before the phone goes offline.
    await page.waitForFunction(async () => {
      const databases = await indexedDB.databases();
      const name = databases.find((d) => d.name?.startsWith('aftersales-field-'))?.name;
      if (!name) return false;
      // The fault causes and parts are in the phone's store.
      const database = await new Promise((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
      });
      try {
        if (!database.objectStoreNames.contains('meta')) return false;
        const catalogue = await new Promise((resolve, reject) => {
          const reading = database.transaction('meta').objectStore('meta').get('catalogue');
          reading.onsuccess = () => resolve(reading.result);
          reading.onerror = () => reject(reading.error);
        });
        return (catalogue?.causes?.length ?? 0) > 0;
      } finally {
        database.close();
      }
    });

    // Offline, the page reloaded: the app and the job are still there.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('job-status').getByText(/已派工|Dispatched/).waitFor();
    await screenshot('offline-job');

    // Arrive and record the repair, offline: two steps wait in the outbox.
    await page.getByTestId('job-arrive').click();
    await page.getByTestId('job-status').getByText(/已到场|On site/).waitFor();
    await page.getByTestId('repair-cause').click();
    await page.locator(OPTION).first().click();
    await page.getByTestId('repair-measures').fill('更换回转马达密封件，试机正常');
    await page.getByTestId('repair-part').click();
    await page.keyboard.type('密封');
    await page.locator(OPTION).first().click();
    await page.getByTestId('repair-labour').fill('1.5');
    await page.getByTestId('job-repair-submit').click();
    await page.getByTestId('job-status').getByText(/已维修|Repaired/).waitFor();
    await page.getByTestId('outbox-item').nth(1).waitFor();
    const waiting = await page.getByTestId('outbox-item').count();
    expect(waiting === 2, `two steps wait in the outbox, found ${waiting}`);
    await screenshot('offline-outbox');

    // The job list opens offline too, from the phone's store, with the steps waiting.
    await page.goto(url('/my/jobs'));
    await page.getByTestId('job-card').filter({ hasText: reported.number }).getByText(/已维修|Repaired/).waitFor();
    await page.getByTestId('outbox-item').nth(1).waitFor();
    await screenshot('offline-jobs');

    // Back online: the outbox empties by itself and the office sees the repair.
    await context.setOffline(false);
    // On `online` at once, else at the next 30-second retry.
    await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 45_000 });
    const { ticket } = await graphql(url, agent, 'query($id:ID!){ticket(id:$id){status repairRecord{measures}}}', {
      id: reported.id,
    });
    expect(ticket.status === 'REPAIRED', `the API shows the job repaired, got ${ticket.status}`);
    expect(ticket.repairRecord?.measures.includes('密封'), 'the repair record sent offline arrived');
    await screenshot('online-again');
  },
  {
    serviceWorkers: 'allow',
    context: PHONE,
    timeoutMs: 180_000,
    // Offline, the browser reports each request to /graphql that could not go out.
    allowConsole: [/ERR_INTERNET_DISCONNECTED/],
  },
);
