// The administrator imports 50 000 units from a spreadsheet with a few bad
// rows: the preview lists exactly those rows (unknown model, duplicate
// serial, bad date) and writes nothing; importing skips them and writes the
// rest; the units are then there (GraphQL), and the same file again is all
// unchanged. Screenshots on a desk and a phone, in Chinese and English.

import { check } from '../lib/check.mjs';
import { PHONE, expect, graphql, signIn, token } from './lib.mjs';

const ROWS = 50_000;
// Serials of this run only, so the check can run again on the same server.
const PREFIX = `IMP${Date.now().toString(36).toUpperCase()}`;
// Spreadsheet rows (the header is row 1) and what is wrong with them.
const BAD = new Map([
  [1_002, 'UNKNOWN_MODEL'],
  [25_003, 'DUPLICATE'],
  [49_004, 'BAD_DATE'],
]);
const serial = (i) => `${PREFIX}-${String(i).padStart(6, '0')}`;

function unitsCsv() {
  const lines = ['序列号,型号,生产日期,开票日期,客户,代理商'];
  for (let i = 0; i < ROWS; i += 1) {
    const row = i + 2;
    const sold = i % 10 === 0;
    const fields = [serial(i), 'XCT25', `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, sold ? '2026-03-01' : '', '', sold ? 'D-SD01' : ''];
    if (BAD.get(row) === 'UNKNOWN_MODEL') fields[1] = 'XCT99';
    if (BAD.get(row) === 'DUPLICATE') fields[0] = serial(7);
    if (BAD.get(row) === 'BAD_DATE') fields[2] = '2026-02-30';
    lines.push(fields.join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Chooses the file on the page and previews it; returns the problem rows listed. */
async function preview(page, file) {
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-file-name').waitFor();
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-preview-card').waitFor({ timeout: 60_000 });
}

const count = async (page, key) => Number(await page.getByTestId(`import-count-${key}`).textContent());

await check(
  'console-import',
  async ({ page, url, screenshot, openPage }) => {
    const admin = await token(url, 'admin');
    const file = { name: 'units.csv', mimeType: 'text/csv', buffer: unitsCsv() };
    const good = ROWS - BAD.size;

    await signIn(page, url, 'admin');
    await page.goto(url('/admin/import'));
    await preview(page, file);
    await page.getByTestId('import-problems').waitFor();
    const listed = await page
      .getByTestId('import-problems')
      .locator('tbody tr[data-row]')
      .evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-row')), r.getAttribute('data-code')]));
    expect(
      JSON.stringify(listed) === JSON.stringify([...BAD.entries()]),
      `the preview lists exactly the bad rows: ${JSON.stringify(listed)}`,
    );
    expect((await count(page, 'rows')) === ROWS, 'every row read');
    expect((await count(page, 'created')) === good, 'the good rows would be created');
    expect((await count(page, 'invalid')) === BAD.size, 'three bad rows');
    const before = await graphql(url, admin, 'query($p: String!) { units(filter: {serialPrefix: $p}) { totalCount } }', {
      p: PREFIX,
    });
    expect(before.units.totalCount === 0, 'a preview writes nothing');
    await screenshot('preview-desk-zh');

    // Import skipping the bad rows.
    const commit = page.getByTestId('import-commit');
    expect((await commit.textContent()).includes(`跳过 ${BAD.size} 个`), 'the button says it skips the bad rows');
    await commit.click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await screenshot('result-desk-zh');
    const after = await graphql(
      url,
      admin,
      `{ units(filter: {serialPrefix: ${JSON.stringify(PREFIX)}}) { totalCount } first: unit(serialNumber: ${JSON.stringify(serial(0))}) { serialNumber invoiceDate model { code } dealer { code } } last: unit(serialNumber: ${JSON.stringify(serial(ROWS - 1))}) { serialNumber } }`,
    );
    expect(after.units.totalCount === good, `the good rows are units: ${after.units.totalCount}`);
    expect(after.first.model.code === 'XCT25' && after.first.dealer.code === 'D-SD01' && after.first.invoiceDate === '2026-03-01', 'with their model, dealer and invoice date');
    expect(after.last.serialNumber === serial(ROWS - 1), 'the last row too');
    const skipped = await fetch(url('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: `{ unit(serialNumber: ${JSON.stringify(serial(1_000))}) { id } }` }),
    }).then((r) => r.json());
    expect(skipped.errors?.[0]?.extensions?.code === 'NOT_FOUND', 'the unknown-model row was skipped');

    // The same file again: every good row unchanged, nothing to import.
    await page.getByTestId('import-result').getByRole('button').click();
    await preview(page, file);
    expect((await count(page, 'unchanged')) === good && (await count(page, 'created')) === 0, 'all unchanged');
    await page.getByTestId('import-nothing').waitFor();
    const again = await fetch(url('/imports/units?mode=commit&skipInvalid=true'), {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: file.buffer,
    }).then((r) => r.json());
    expect(again.unchanged === good && again.created === 0 && again.updated === 0 && !again.committed, `a second import changes nothing: ${JSON.stringify({ ...again, problems: undefined })}`);

    // A phone, in English.
    const phone = await openPage(PHONE);
    await signIn(phone, url, 'admin', { locale: 'en' });
    await phone.goto(url('/admin/import'));
    await preview(phone, file);
    await phone.getByTestId('import-problems').waitFor();
    await screenshot('preview-phone-en', phone);
  },
  { timeoutMs: 120_000 },
);
