// GraphiQL at /graphql works without internet: with nothing reachable but
// the server, the page renders and its documentation explorer lists the
// schema's query type and that type's fields (read by introspection).
//
// With GRAPHIQL_TOKEN set (an access token of a user), it also signs a
// query in through the headers editor, as a developer would, and expects
// `me` to answer with that user's name, GRAPHIQL_USERNAME.

import { check } from './lib/check.mjs';

const token = process.env.GRAPHIQL_TOKEN;
const username = process.env.GRAPHIQL_USERNAME;

await check('graphiql', async ({ page, url, screenshot }) => {
  const response = await page.goto(url('/graphql'));
  if (response?.status() !== 200) throw new Error(`GET /graphql answered ${response?.status()}`);
  await page.locator('.graphiql-container').waitFor();

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const explorer = page.locator('.graphiql-doc-explorer');
  // "Root Types" lists "query: <type>": the type is the link beside the label.
  const queryType = explorer
    .locator('.graphiql-doc-explorer-section-content > div')
    .filter({ has: page.locator('.graphiql-doc-explorer-root-type', { hasText: /^query$/ }) })
    .locator('.graphiql-doc-explorer-type-name');
  await queryType.waitFor();
  const typeName = (await queryType.textContent())?.trim();
  if (!typeName?.startsWith('Query')) throw new Error(`the explorer's query type is ${typeName}`);
  await queryType.click();
  await explorer.locator('.graphiql-doc-explorer-title', { hasText: typeName }).waitFor();
  await explorer.locator('.graphiql-doc-explorer-field-name', { hasText: /^me$/ }).waitFor();

  if (token) {
    // Text goes in as input, not key by key, so the editors' bracket
    // completion leaves it as it is.
    const write = async (editor, text) => {
      await editor.locator('.CodeMirror').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    };
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await write(
      page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)'),
      JSON.stringify({ Authorization: `Bearer ${token}` }),
    );
    await write(page.locator('.graphiql-query-editor'), '{ me { username } }');
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const answer = page.locator('.graphiql-response');
    await answer.filter({ hasText: `"username": "${username}"` }).waitFor().catch(async () => {
      throw new Error(`me did not answer ${username}: ${await answer.innerText()}`);
    });
  }
  await screenshot();
});
