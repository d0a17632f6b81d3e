import { describe, expect, it } from 'vitest';
import { barChartHeight, causeName, groupKpiOption, incidentOption, paretoOption, RED, trendOption } from './charts';

const words = {
  title: 'Pareto',
  withinLimit: 'Within',
  overLimit: 'Over 10',
  cumulative: 'Cumulative',
  previous: 'Previous',
  limitLine: 'Limit 10',
};

type Series = { name: string; data: unknown[]; markLine?: { data: Record<string, unknown>[] } };

describe('chart options', () => {
  const causes = [
    { code: 'HY-SEAL', name: '油缸密封老化', occurrences: 12, previousOccurrences: 7, tooFrequent: true, tooManyParts: false, paretoShare: '60' },
    { code: 'EL-WIRE', name: null, occurrences: 8, previousOccurrences: 9, tooFrequent: false, tooManyParts: true, paretoShare: '100' },
  ];

  it('draws the Pareto with names, red bars past the limit, the cumulative line and the limit line', () => {
    const option = paretoOption(causes, 10, words, false);
    const yAxis = option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(['油缸密封老化', 'EL-WIRE']);
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['Within', 'Over 10', 'Previous', 'Cumulative', 'Limit 10']);
    expect(series[0]?.data).toEqual([null, 8]);
    expect(series[1]?.data).toEqual([12, null]);
    expect(series[2]?.data).toEqual([7, 9]);
    expect(series[3]?.data).toEqual([60, 100]);
    expect(series[4]?.markLine?.data).toEqual([{ name: 'Limit 10', xAxis: 10 }]);
    expect(causeName({ code: 'X', name: '  ' })).toBe('X');
  });

  it('draws the configured limit, the axis reaching it when no cause does', () => {
    const option = paretoOption(causes, 15, { ...words, limitLine: 'Limit 15' }, true);
    const series = option.series as Series[];
    expect(series[4]?.markLine?.data).toEqual([{ name: 'Limit 15', xAxis: 15 }]);
    const xAxis = option.xAxis as { max?: number }[];
    expect(xAxis[0]?.max).toBe(17);
  });

  it('draws the incidents, major ones apart, with the configured batch size', () => {
    const option = incidentOption(
      [
        { name: 'XE215 · 2026-03-01', units: 40, major: false },
        { name: 'XCT50 · 2026-04-02', units: 600, major: true },
      ],
      30,
      { title: 't', batch: 'Batch', major: 'Major', batchLine: 'Batch: 30 units' },
      false,
    );
    const series = option.series as Series[];
    expect(series[0]?.data).toEqual([40, null]);
    expect(series[1]?.data).toEqual([null, 600]);
    expect(series[2]?.markLine?.data).toEqual([{ name: 'Batch: 30 units', xAxis: 30 }]);
  });

  it('colours each group by its verdict and draws the target', () => {
    const option = groupKpiOption(
      [
        { name: '江苏', value: 95, met: true },
        { name: '浙江', value: 80, met: false },
      ],
      90,
      { title: 't', met: 'Met', missed: 'Missed', targetLine: 'Target ≥ 90 %' },
      true,
    );
    const series = option.series as Series[];
    expect(series[0]?.data).toEqual([95, null]);
    expect(series[1]?.data).toEqual([null, 80]);
    expect(series[2]?.markLine?.data).toEqual([{ name: 'Target ≥ 90 %', xAxis: 90 }]);
  });

  it('marks missed months red on the trend', () => {
    const option = trendOption(
      [
        { month: '9月', value: 92, met: true },
        { month: '10月', value: 70, met: false },
        { month: '11月', value: null, met: null },
      ],
      90,
      { title: 't', series: 'Timeliness', met: 'Met', missed: 'Missed', targetLine: 'Target' },
      false,
    );
    const series = option.series as Series[];
    const points = series[0]?.data as { value: number | null; itemStyle: { color: string } }[];
    expect(points[1]?.itemStyle.color).toBe(RED);
    expect(points[2]?.value).toBeNull();
    expect(series[1]?.markLine?.data).toEqual([{ name: 'Target', yAxis: 90 }]);
  });

  it('gives every bar room', () => {
    expect(barChartHeight(1, false)).toBe(240);
    expect(barChartHeight(20, true)).toBe(170 + 20 * 34);
  });
});
