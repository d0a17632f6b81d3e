// The service manager chases a late old part: on the return board the late
// ones come first with their delay days; the manager opens the longest late
// one and replies with a promised date and a reason (the server has them);
// then downloads the return progress report as XLSX (a real workbook) and
// CSV (the regulation's 18 headers) through the buttons, the requests
// carrying the bearer token in a header and no token in the URL.

import { readFile } from 'node:fs/promises';
import { check } from '../lib/check.mjs';
import { DESK, PHONE, expect, graphql, signIn, token } from './lib.mjs';

const HEADERS = [
  '申请日期', '审批号', '设备编号', '物料编码', '数量', '单价', '总价', '申请人', '区域',
  '旧件问题', '旧件是否需回司', '完工日期', '要求交期', '回复日期', '延期天数', '回收日期', '返司日期', '备注',
];

/** `days` from today as YYYY-MM-DD (the browser and the server share this machine's day). */
function dayFromToday(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Goes to `path` inside the app, as a link would: no page load, so the
 * dev server is not asked for every module again.
 */
async function go(page, path) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((address) => address.pathname === path.split('?')[0]);
}

/** Clicks `button` and returns the download it starts, its bytes and the request that fetched it. */
async function download(page, button, path) {
  const [request, saved] = await Promise.all([
    page.waitForRequest((r) => new URL(r.url()).pathname === path),
    page.waitForEvent('download'),
    page.getByTestId(button).click(),
  ]);
  const file = await saved.path();
  return { request, name: saved.suggestedFilename(), bytes: await readFile(file) };
}

// On a loaded machine the dev server's first page takes long to render;
// waits allow for it, the check's own limit stays.
const SLOW_MS = 60_000;

await check(
  'console-old-parts',
  async ({ page, url, screenshot, openPage }) => {
    page.setDefaultTimeout(SLOW_MS);
    const manager = await token(url, 'manager');
    const late = await graphql(
      url,
      manager,
      '{ oldParts(filter: { overdue: true }, orderBy: { field: DUE_ON, direction: ASC }, first: 1) { totalCount nodes { id approvalNumber dueOn delayDays status } } }',
    );
    const first = late.oldParts.nodes[0];
    expect(first, 'the demo has a late old part');
    expect(first.delayDays > 0, `${first.approvalNumber} is late by some days`);

    // The board: the late section comes first and starts with the longest late.
    await page.setViewportSize(DESK);
    await signIn(page, url, 'manager');
    await page.locator('.ant-menu a[href="/old-parts"]').click();
    const lateSection = page.getByTestId('section-late');
    const firstRow = lateSection.getByTestId('old-part-row').first();
    await firstRow.waitFor();
    const sections = await page.locator('[data-testid="section-late"], [data-testid="section-rest"]').evaluateAll(
      (nodes) => nodes.map((n) => n.getAttribute('data-testid')),
    );
    expect(sections[0] === 'section-late', `the late ones come first (${sections.join(', ')})`);
    expect((await firstRow.getAttribute('data-id')) === first.id, `${first.approvalNumber} is the first row`);
    const delay = firstRow.getByTestId('delay-days');
    expect(Number(await delay.getAttribute('data-days')) === first.delayDays, 'the row shows its delay days');
    const colour = await delay.evaluate((el) => getComputedStyle(el).color);
    expect(/rgb\((2[0-9]{2}|1[5-9][0-9]), \d{1,2}, \d{1,2}/.test(colour), `the delay days are red (${colour})`);
    await page.getByTestId('board-totals').waitFor();
    await screenshot('board-desk-zh');

    // The filters live in the URL: late only, then back.
    await page.getByTestId('filter-lateness').getByText('仅逾期').click();
    await page.waitForURL((address) => address.searchParams.get('late') === 'late');
    await page.getByTestId('section-rest').waitFor({ state: 'detached' });
    await page.getByTestId('filter-lateness').getByText('全部').click();
    await page.getByTestId('section-rest').waitFor();

    // The manager replies for the engineer: a date after the due date, with why.
    await page.getByTestId('section-late').getByTestId('old-part-row').first().getByRole('link').click();
    await page.getByTestId('old-part-number').getByText(first.approvalNumber).waitFor();
    const promised = dayFromToday(5);
    const reason = '工程师在偏远工地，下周随车带回';
    await page.getByTestId('step-REPLY').click();
    await page.getByTestId('reply-date').click();
    await page.getByTestId('reply-date').fill(promised);
    await page.keyboard.press('Enter');
    await page.getByTestId('reply-late-hint').waitFor();
    await page.getByTestId('reply-reason').fill(reason);
    await page.getByTestId('step-submit').click();
    await page.getByTestId('old-part-promised').getByText(promised).waitFor();
    await screenshot('part-desk-zh');

    const stored = await graphql(url, manager, 'query($id: ID!) { oldPart(id: $id) { promisedOn delayReason repliedOn status } }', {
      id: first.id,
    });
    expect(stored.oldPart.promisedOn === promised, `the promised date is recorded (${stored.oldPart.promisedOn})`);
    expect(stored.oldPart.delayReason === reason, 'the reason is recorded');
    expect(stored.oldPart.status === 'REPLIED' && stored.oldPart.repliedOn, 'the reply is recorded');

    // Back on the board the part shows the promise; the report is linked from there.
    await page.locator('.ant-menu a[href="/old-parts"]').click();
    await page.getByTestId('section-late').locator(`[data-id="${first.id}"]`).getByText(promised).waitFor();

    // The report: the 18 columns on screen, then the downloads.
    await page.getByTestId('open-report').click();
    await page.getByTestId('report-as-of').waitFor();
    const headers = await page.locator('[data-testid="report-table"] thead th').allInnerTexts();
    expect(JSON.stringify(headers.map((h) => h.trim())) === JSON.stringify(HEADERS), `the 18 columns in order: ${headers.join(' | ')}`);
    await screenshot('report-desk-zh');

    const xlsx = await download(page, 'download-xlsx', '/exports/old-parts.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1') === 'PK', 'the XLSX is a zip (a workbook)');
    expect(xlsx.name.endsWith('.xlsx'), `the file is named by the server (${xlsx.name})`);
    const auth = (await xlsx.request.allHeaders()).authorization ?? '';
    expect(/^Bearer \S+$/.test(auth), 'the download carries the bearer token in a header');
    const token_ = auth.slice('Bearer '.length);
    expect(!xlsx.request.url().includes(token_) && !/token/i.test(xlsx.request.url()), 'no token in the URL');

    const csv = await download(page, 'download-csv', '/exports/old-parts.csv');
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const firstLine = text.split(/\r?\n/)[0].split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    expect(JSON.stringify(firstLine) === JSON.stringify(HEADERS), `the CSV has the 18 headers: ${firstLine.join(',')}`);
    expect(/^Bearer \S+$/.test((await csv.request.allHeaders()).authorization ?? ''), 'the CSV download carries the bearer token');
    expect(text.includes(first.approvalNumber), 'the CSV lists the part chased');

    // Phone, Chinese.
    await page.setViewportSize(PHONE.viewport);
    await go(page, '/old-parts');
    await page.getByTestId('section-late').getByTestId('old-part-row').first().waitFor();
    await screenshot('board-phone-zh');
    await go(page, '/old-parts/report');
    await page.getByTestId('report-as-of').waitFor();
    await screenshot('report-phone-zh');

    // English, phone then desk.
    const en = await openPage(PHONE);
    en.setDefaultTimeout(SLOW_MS);
    await signIn(en, url, 'manager', { locale: 'en' });
    await go(en, '/old-parts');
    await en.getByTestId('section-late').getByTestId('old-part-row').first().waitFor();
    await screenshot('board-phone-en', en);
    await go(en, `/old-parts/${first.id}`);
    await en.getByTestId('old-part-promised').getByText(promised).waitFor();
    await screenshot('part-phone-en', en);
    await en.setViewportSize(DESK);
    await go(en, '/old-parts');
    await en.getByTestId('section-late').getByTestId('old-part-row').first().waitFor();
    await screenshot('board-desk-en', en);
    await go(en, '/old-parts/report');
    await en.getByTestId('report-as-of').waitFor();
    await screenshot('report-desk-en', en);
  },
  { timeoutMs: 300_000 },
);
