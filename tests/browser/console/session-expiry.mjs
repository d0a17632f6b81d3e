// An expired session returns to sign-in with a message and keeps the work
// in the form: the administrator resets the agent's password (which ends
// the agent's sessions) while the agent is typing a fault report.

import { check } from '../lib/check.mjs';
import { DESK, PASSWORD, UNIT_IN_WARRANTY, expect, graphql, signIn, token } from './lib.mjs';

await check('console-session-expiry', async ({ page, url, screenshot }) => {
  await page.setViewportSize(DESK);
  await signIn(page, url, 'agent');
  await page.goto(url('/intake'));
  const words = '吊臂伸缩时异响，客户急用';
  await page.getByTestId('fault-description').fill(words);

  const admin = await token(url, 'admin');
  const users = await graphql(url, admin, '{ users { id username version } }');
  const agent = users.users.find((u) => u.username === 'agent');
  await graphql(url, admin, 'mutation($id:ID!,$p:String!){resetPassword(input:{userId:$id,newPassword:$p}){user{id}}}', {
    id: agent.id,
    p: PASSWORD,
  });

  // The next request is refused: the dialog asks to sign in again, over the page.
  await page.getByTestId('serial-input').fill(UNIT_IN_WARRANTY.slice(0, 6));
  await page.getByTestId('session-expired').waitFor();
  await screenshot('expired');
  await page.getByTestId('session-expired').locator('input#password').fill(PASSWORD);
  await page.getByTestId('session-expired').locator('button[type="submit"]').click();
  await page.getByTestId('session-expired').waitFor({ state: 'detached' });
  expect((await page.getByTestId('fault-description').inputValue()) === words, 'the description survived the expiry');
});
