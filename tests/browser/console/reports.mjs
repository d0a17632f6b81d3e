// Management reports: quality reads the quarter's failure-recurrence Pareto
// (the chart's bars are the API's causes in Pareto order, with the limit
// line at the configured qualityThresholds), drills down to the repairs of a
// cause (exactly those the API's recurrenceRepairs lists, page after page),
// generates a stored report and downloads its workbook (an XLSX, fetched
// with the bearer header and no token in the address); then the KPI page of
// the quarter shows each KPI against its target as the API judged it, and
// the incidents page states the configured incident rule. Desk in Chinese,
// the Pareto and the drill-down on a phone in English.

import { readFile } from 'node:fs/promises';
import { check } from '../lib/check.mjs';
import { DESK, PHONE, expect, graphql, signIn, token } from './lib.mjs';

const RECURRENCE = `query($y:Int!,$q:Int!){failureRecurrenceReport(year:$y,quarter:$q){
  occurrences causes{code name occurrences tooFrequent}}}`;

const REPAIRS = `query($y:Int!,$q:Int!,$c:String!,$a:String){recurrenceRepairs(year:$y,quarter:$q,cause:$c,first:200,after:$a){
  pageInfo{hasNextPage endCursor} nodes{ticket{id number}}}}`;

/** Every repair the API lists for `cause` in the quarter, in its order. */
async function repairsOf(url, as, year, quarter, cause) {
  const all = [];
  let after = null;
  for (;;) {
    const { recurrenceRepairs: page } = await graphql(url, as, REPAIRS, { y: year, q: quarter, c: cause, a: after });
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

/** The latest quarter (this one or up to four back) with repairs in it. */
async function quarterWithCauses(url, as) {
  const now = new Date();
  let year = now.getFullYear();
  let quarter = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < 5; i += 1) {
    const data = await graphql(url, as, RECURRENCE, { y: year, q: quarter });
    if (data.failureRecurrenceReport.causes.length > 0) return { year, quarter, report: data.failureRecurrenceReport };
    [year, quarter] = quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
  }
  throw new Error('the demo has no repairs in the last five quarters');
}

await check(
  'console-reports',
  async ({ page, url, screenshot, openPage }) => {
    const quality = await token(url, 'quality');
    const { year, quarter, report } = await quarterWithCauses(url, quality);
    const { qualityThresholds: limits } = await graphql(url, quality, `{qualityThresholds{
      recurrenceMaxPerQuarter batchIncidentUnits majorIncidentUnits majorIncidentLoss}}`);
    const most = limits.recurrenceMaxPerQuarter;
    const period = `${year}-Q${quarter}`;

    await page.setViewportSize(DESK);
    await signIn(page, url, 'quality');
    // The menu offers the four reports to quality.
    for (const label of [/服务指标/, /故障重复发生/, /质量事故/, /报表存档/]) {
      await page.getByRole('menuitem', { name: label }).waitFor();
    }

    // The Pareto: the table and the chart show the API's causes in its order.
    await page.goto(url(`/reports/recurrence?period=${period}`));
    await page.getByTestId('cause-row').first().waitFor();
    const codes = await page.getByTestId('cause-row').evaluateAll((rows) => rows.map((r) => r.dataset.code));
    expect(
      JSON.stringify(codes) === JSON.stringify(report.causes.map((c) => c.code)),
      `the table lists the API's causes: ${codes} vs ${report.causes.map((c) => c.code)}`,
    );
    const chart = page.getByTestId('pareto-chart');
    await chart.locator('svg').waitFor();
    const option = await chart.evaluate((el) => window.chartOptionOf(el));
    const names = report.causes.map((c) => c.name || c.code);
    expect(JSON.stringify(option.yAxis[0].data) === JSON.stringify(names), `the bars are the causes by name: ${option.yAxis[0].data}`);
    const bars = option.series.filter((s) => s.type === 'bar');
    const drawn = report.causes.map((_, i) => bars.map((s) => s.data[i]).find((v) => v != null));
    expect(
      JSON.stringify(drawn) === JSON.stringify(report.causes.map((c) => c.occurrences)),
      `the bars are the occurrences: ${drawn}`,
    );
    const line = option.series.flatMap((s) => s.markLine?.data ?? []).find((d) => d.xAxis === most);
    expect(line, `the ${most}-per-quarter line is drawn`);
    await chart.getByText(`上限 ${most} 次/季度`).waitFor();
    const flagged = report.causes.filter((c) => c.tooFrequent).length;
    expect((await page.getByTestId('flag-frequent').count()) === flagged, `${flagged} causes flagged over ${most}`);
    await screenshot('pareto-desk-zh');

    // Drill down: the drawer lists exactly the repairs the API gives for the
    // first cause, in its order, page after page, each linking to its ticket.
    const cause = report.causes[0];
    const repairs = await repairsOf(url, quality, year, quarter, cause.code);
    expect(repairs.length === cause.occurrences, `the API lists ${repairs.length} repairs of ${cause.occurrences}`);
    await page.getByTestId('cause-row').first().click();
    await page.waitForURL((address) => address.searchParams.get('cause') === cause.code);
    const count = page.getByTestId('repairs-count');
    await count.waitFor();
    const total = Number(await count.getAttribute('data-total'));
    expect(total === repairs.length, `the drawer counts ${total} repairs, the API ${repairs.length}`);
    for (let pages = 1; ; pages += 1) {
      const shown = await count.getAttribute('data-shown');
      if (Number(shown) === total) break;
      expect(pages < 10, `still ${shown} of ${total} repairs listed after ${pages} pages`);
      await page.getByTestId('repairs-more').click();
      await page.locator(`[data-testid="repairs-count"]:not([data-shown="${shown}"])`).waitFor();
    }
    expect((await page.getByTestId('repairs-more').count()) === 0, 'no more to load once all are listed');
    const listed = await page
      .getByTestId('repair-ticket')
      .evaluateAll((all) => all.map((a) => ({ number: a.textContent, href: a.getAttribute('href') })));
    const numbers = repairs.map((r) => r.ticket.number);
    expect(
      JSON.stringify(listed.map((l) => l.number)) === JSON.stringify(numbers),
      `the drawer lists the API's repairs: ${listed.slice(0, 5).map((l) => l.number)} … vs ${numbers.slice(0, 5)} …`,
    );
    expect(
      listed.every((l, i) => l.href === `/tickets/${repairs[i].ticket.id}`),
      'each repair links to its ticket',
    );
    await page.getByTestId('repairs-drawer').getByTestId('repair-row').first().scrollIntoViewIfNeeded();
    await screenshot('drill-desk-zh');

    // A stored report generated now, and its workbook downloaded.
    const before = await graphql(url, quality, '{reports(kind:FAILURE_RECURRENCE,first:200){id}}');
    await page.goto(url('/reports/stored'));
    await page.getByTestId('stored-reports').waitFor();
    await page.getByTestId('generate-submit').click();
    await page.locator('.ant-message-success').waitFor();
    const after = await graphql(url, quality, '{reports(kind:FAILURE_RECURRENCE,first:200){id period scheduled xlsxUrl}}');
    const added = after.reports.filter((r) => !before.reports.some((b) => b.id === r.id));
    expect(added.length === 1 && !added[0].scheduled, `one report was generated on demand: ${JSON.stringify(added)}`);
    const row = page.locator(`[data-testid="stored-row"][data-id="${added[0].id}"]`);
    await row.waitFor();
    const [request, download] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === added[0].xlsxUrl),
      page.waitForEvent('download'),
      row.getByTestId('download-xlsx').click(),
    ]);
    expect(/^Bearer \S+$/.test(request.headers().authorization ?? ''), 'the workbook is fetched with the bearer header');
    expect(!/token|bearer/i.test(request.url()), `no token in the address: ${request.url()}`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1') === 'PK', 'the workbook is an XLSX (zip) file');
    await screenshot('stored-desk-zh');

    // The KPI page of the quarter: each KPI with its target, met as the API says.
    const kpi = await graphql(
      url,
      quality,
      `query($f:NaiveDate!,$t:NaiveDate!){kpiReport(from:$f,to:$t,groupBy:REGION){total{
        timeliness{value target met} satisfaction{value target met} serviceComplaintRate{value target met} costToSales{value target met}}}}`,
      {
        f: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`,
        t: quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`,
      },
    );
    await page.goto(url(`/reports/kpi?period=${period}&by=REGION`));
    await page.getByTestId('kpi-timeliness-target').getByText('≥ 90 %').waitFor();
    await page.getByTestId('kpi-satisfaction-target').getByText('≥ 85 %').waitFor();
    await page.getByTestId('kpi-serviceComplaintRate-target').getByText('< 3 %').waitFor();
    await page.getByTestId('kpi-costToSales-target').getByText('≤ 2 %').waitFor();
    for (const [key, figure] of Object.entries(kpi.kpiReport.total)) {
      const verdict = await page.getByTestId(`kpi-${key}-verdict`).getAttribute('data-verdict');
      const expected = figure.met == null ? null : figure.met ? 'met' : 'missed';
      expect(verdict === expected, `${key}: shown ${verdict}, the API says ${expected}`);
      if (figure.value != null) {
        const shownValue = await page.getByTestId(`kpi-${key}-value`).textContent();
        expect(shownValue === `${Number(figure.value).toFixed(1)} %`, `${key}: ${shownValue} vs ${figure.value}`);
      }
    }
    await page.getByTestId('kpi-trend-chart').locator('svg').waitFor();
    await page.getByTestId('kpi-group-chart').locator('svg').waitFor();
    await screenshot('kpi-desk-zh');

    // The incident rule names the configured sizes and loss.
    await page.goto(url('/reports/incidents'));
    const loss = Number(limits.majorIncidentLoss).toLocaleString('en-US', { maximumFractionDigits: 2 });
    const rule = `≥ ${limits.batchIncidentUnits} 台为批量质量事故；≥ ${limits.majorIncidentUnits} 台、损失 ≥ ${loss}`;
    await page.getByTestId('incidents-rule').filter({ hasText: rule }).waitFor();

    // A phone, in English: the Pareto still reads, its limit named.
    const phone = await openPage(PHONE);
    await signIn(phone, url, 'quality', { locale: 'en' });
    await phone.goto(url(`/reports/recurrence?period=${period}`));
    await phone.getByTestId('pareto-chart').getByText(`Limit ${most} per quarter`).waitFor();
    await screenshot('pareto-phone-en', phone);
    await phone.getByTestId('cause-name').first().click();
    await phone.getByTestId('repair-row').first().waitFor();
    const phoneNumbers = await phone.getByTestId('repair-ticket').allTextContents();
    expect(
      JSON.stringify(phoneNumbers) === JSON.stringify(numbers.slice(0, phoneNumbers.length)),
      `the phone lists the API's repairs first to last: ${phoneNumbers.slice(0, 3)}`,
    );
    await phone.getByText(`${total} repairs, ${phoneNumbers.length} listed.`).waitFor();
    await screenshot('drill-phone-en', phone);
  },
  // 79 s measured at a load of 10 on two cores; a quiet run was not measured.
  { timeoutMs: 120_000 },
);
