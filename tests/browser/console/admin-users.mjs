// The administrator's screens: a new engineer is created with a region and
// skills (the server keeps them) and can sign in, landing on My jobs; a
// password reset ends their session and only the new password works; once
// deactivated they cannot sign in and their token is refused. The outbox
// resends a dead message (or, with none dead, lists the messages with the
// states the server holds), and the audit log shows the account's creation.

import { check } from '../lib/check.mjs';
import { DESK, PHONE, expect, graphql, signIn, token } from './lib.mjs';

/** Signs in through the page with any password; resolves to where it landed. */
async function signInAs(page, url, username, password, locale = 'zh') {
  await page.addInitScript((chosen) => localStorage.setItem('aftersales.locale', chosen), locale);
  await page.goto(url('/'));
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((address) => !address.pathname.startsWith('/sign-in') && address.pathname !== '/');
  return new URL(page.url()).pathname;
}

/** The login mutation's outcome: a token, or the error codes it was refused with. */
async function login(url, username, password) {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){token}}',
      variables: { u: username, p: password },
    }),
  });
  const body = await response.json();
  return { token: body.data?.login?.token, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
}

/** `me` as `bearer`: the user, or the error codes. */
async function me(url, bearer) {
  const response = await fetch(url('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  const body = await response.json();
  return { username: body.data?.me?.username, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
}

/** Moves to `path` inside the app (no reload: the dev server's modules stay loaded). */
async function visit(page, path) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

const stamp = Date.now().toString(36);
const USERNAME = `eng.check${stamp}`;
const FIRST_PASSWORD = `First-${stamp}-pw`;

await check(
  'console-admin-users',
  async ({ page, url, screenshot, openPage }) => {
    await page.setViewportSize(DESK);
    page.setDefaultTimeout(60_000);
    const admin = await token(url, 'admin');
    await signIn(page, url, 'admin');

    // Create the engineer through the form.
    await page.goto(url('/admin/users'));
    await page.getByTestId('user-row').first().waitFor();
    await screenshot('users-desk-zh');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill(USERNAME);
    await page.getByTestId('user-display-name').fill('检查工程师');
    await page.getByTestId('user-initial-password').fill(FIRST_PASSWORD);
    await page.getByTestId('user-roles').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '服务工程师' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-region').fill('江苏');
    await page.getByTestId('user-skills').getByText('液压').click();
    await page.getByTestId('user-skills').getByText('电气').click();
    await screenshot('create-desk-zh');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-create-submit').waitFor({ state: 'detached' });

    const listed = await graphql(url, admin, '{ users { id username roles active version } }');
    const created = listed.users.find((u) => u.username === USERNAME);
    expect(created, `${USERNAME} exists on the server`);
    expect(created.roles.join() === 'ENGINEER' && created.active, `${USERNAME} is an active engineer: ${JSON.stringify(created)}`);
    const profile = await graphql(url, admin, 'query($id:ID!){ engineer(id:$id) { region skills onDuty } }', { id: created.id });
    expect(profile.engineer.region === '江苏', `region kept: ${profile.engineer.region}`);
    expect(
      [...profile.engineer.skills].sort().join() === 'ELECTRICAL,HYDRAULIC',
      `skills kept: ${profile.engineer.skills}`,
    );

    // They sign in, in their own browser, and land on My jobs.
    const field = await openPage(PHONE);
    field.setDefaultTimeout(60_000);
    const landed = await signInAs(field, url, USERNAME, FIRST_PASSWORD);
    expect(landed === '/my/jobs', `the engineer lands on My jobs, not ${landed}`);

    // Reset their password: the generated one is shown once.
    await page.getByTestId('user-search').locator('input').fill(USERNAME);
    await page.getByTestId('user-search').locator('input').press('Enter');
    const row = page.locator(`[data-username="${USERNAME}"]`);
    await row.waitFor();
    await row.getByTestId('user-reset-password').click();
    await page.getByTestId('password-new-generate').click();
    await page.getByTestId('password-submit').click();
    const shown = (await page.getByTestId('password-shown').innerText()).trim();
    expect(shown.length >= 8, `a new password is shown: "${shown}"`);
    await screenshot('password-desk-zh');
    await page.getByTestId('password-done').click();

    expect((await login(url, USERNAME, FIRST_PASSWORD)).codes.length > 0, 'the old password is refused');
    const fresh = await login(url, USERNAME, shown);
    expect(fresh.token, 'the new password signs in');
    // The engineer's open session ended with the reset: the page asks to sign in again.
    await field.reload();
    await field.getByTestId('session-expired').waitFor();

    // Deactivate (confirmed): sign-in and the token from before are refused.
    await row.getByTestId('user-state').click();
    await page.getByTestId('state-confirm').click();
    await row.getByTestId('user-active').filter({ hasText: '已停用' }).waitFor();
    const after = await graphql(url, admin, '{ users { username active } }');
    expect(after.users.find((u) => u.username === USERNAME).active === false, 'the server holds the user deactivated');
    const refused = await login(url, USERNAME, shown);
    expect(!refused.token && refused.codes.length > 0, `sign-in refused after deactivation: ${refused.codes}`);
    const old = await me(url, fresh.token);
    expect(!old.username && old.codes.includes('UNAUTHENTICATED'), `the old token is refused: ${old.codes}`);
    await field.getByTestId('session-expired').locator('input#password').fill(shown);
    await field.getByTestId('session-expired').locator('button[type="submit"]').click();
    await field.getByTestId('session-expired').locator('.ant-alert-error').waitFor();
    await screenshot('refused-phone-zh', field);

    // The outbox: resend a dead message when there is one.
    const dead = await graphql(url, admin, '{ notifications(filter:{status:DEAD}, first:1) { totalCount nodes { id attempts } } }');
    if (dead.notifications.totalCount > 0) {
      const { id, attempts } = dead.notifications.nodes[0];
      const resends = async () => {
        const log = await graphql(url, admin, '{ auditLog(entityType:"notification", first:200) { nodes { action after } } }');
        return log.auditLog.nodes.filter((e) => e.action === 'notification.resend' && e.after?.status === 'PENDING').length;
      };
      const resendsBefore = await resends();
      await visit(page, '/admin/outbox?status=DEAD');
      const first = page.getByTestId('outbox-row').first();
      await first.waitFor();
      await first.locator('.ant-table-row-expand-icon').click();
      await page.getByTestId('outbox-error').first().waitFor();
      await screenshot('outbox-dead-desk-zh');
      await first.getByTestId('outbox-resend').click();
      await page.getByTestId('resend-confirm').click();
      await page.locator('.ant-message-success').waitFor();
      // Pending again (the server records it); it may have been tried and
      // died once more already, which counts another attempt.
      expect((await resends()) === resendsBefore + 1, 'the server recorded the resend, pending again');
      const states = await graphql(url, admin, '{ notifications(first:200) { nodes { id status attempts } } }');
      const resent = states.notifications.nodes.find((n) => n.id === id);
      expect(
        resent && (resent.status !== 'DEAD' || resent.attempts > attempts),
        `the resent message was queued again: ${JSON.stringify(resent)}`,
      );
    } else {
      // A fresh server may have sent nothing yet: a quality complaint tells quality.
      const outbox = '{ notifications(first:50) { totalCount nodes { id status } } }';
      if ((await graphql(url, admin, outbox)).notifications.totalCount === 0) {
        const desk = await token(url, 'agent');
        const { customers } = await graphql(url, desk, '{ customers(first:1) { nodes { id } } }');
        await graphql(
          url,
          desk,
          'mutation($c:ID!){fileComplaint(input:{customerId:$c,category:QUALITY,severity:GENERAL,description:"outbox check"}){id}}',
          { c: customers.nodes[0].id },
        );
      }
      await visit(page, '/admin/outbox');
      const listedOut = await graphql(url, admin, outbox);
      expect(listedOut.notifications.totalCount > 0, 'the demo has messages in the outbox');
      await page.getByTestId('outbox-row').first().waitFor();
      const shownStates = await page.getByTestId('outbox-status').evaluateAll((tags) => tags.map((t) => t.dataset.status));
      expect(
        shownStates.join() === listedOut.notifications.nodes.map((n) => n.status).join(),
        `the outbox lists the server's messages with their states: ${shownStates.join()}`,
      );
      await screenshot('outbox-desk-zh');
    }

    // The audit log shows the account's creation.
    await visit(page, `/admin/audit?entityType=user&entityId=${encodeURIComponent(created.id)}`);
    const creation = page.locator('[data-testid="audit-entry"][data-action="user.create"]');
    await creation.waitFor();
    expect((await creation.innerText()).includes(USERNAME), 'the creation entry shows the user name');
    await screenshot('audit-desk-zh');

    await visit(page, '/admin/jobs');
    await page.getByTestId('job-queue').first().waitFor();
    expect((await page.getByTestId('job-queue').count()) >= 1, 'the job queues are listed');
  },
  // The dev server compiles each module on first use; on a loaded machine a
  // first screen can take long.
  { timeoutMs: 480_000 },
);
