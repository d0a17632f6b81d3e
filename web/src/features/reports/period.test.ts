import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodLabel,
  periodText,
  previousPeriod,
  trendMonths,
} from './period';

describe('periods', () => {
  it('parses the three forms the API writes and refuses the rest', () => {
    expect(parsePeriod('2026-09')).toEqual({ kind: 'month', year: 2026, index: 9 });
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, index: 3 });
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, index: 1 });
    for (const bad of ['2026-13', '2026-Q5', '26', '', null, '2026-00']) expect(parsePeriod(bad)).toBeNull();
    for (const text of ['2026-09', '2026-Q3', '2026']) expect(periodText(parsePeriod(text)!)).toBe(text);
  });

  it('bounds a period as [from, to) across year ends', () => {
    expect(boundsOf(parsePeriod('2026-12')!)).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(boundsOf(parsePeriod('2026-Q4')!)).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(boundsOf(parsePeriod('2026-Q1')!)).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(boundsOf(parsePeriod('2026')!)).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('steps back and forth', () => {
    expect(periodText(previousPeriod(parsePeriod('2026-Q1')!))).toBe('2025-Q4');
    expect(periodText(nextPeriod(parsePeriod('2026-12')!))).toBe('2027-01');
    expect(periodText(previousPeriod(parsePeriod('2026')!))).toBe('2025');
    expect(periodText(periodContaining('quarter', new Date(2026, 7, 15)))).toBe('2026-Q3');
  });

  it('takes the trend months up to the period end, never past this month', () => {
    const today = new Date(2026, 11, 2);
    expect(trendMonths(parsePeriod('2026-Q3')!, 3, today).map(periodText)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(trendMonths(parsePeriod('2027')!, 2, today).map(periodText)).toEqual(['2026-11', '2026-12']);
    expect(trendMonths(parsePeriod('2026-02')!, 4, today).map(periodText)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('names periods in both languages and starts days in China time', () => {
    expect(periodLabel(parsePeriod('2026-Q3')!, 'zh')).toBe('2026年第3季度');
    expect(periodLabel(parsePeriod('2026-Q3')!, 'en')).toBe('Q3 2026');
    expect(periodLabel(parsePeriod('2026-09')!, 'en')).toBe('Sep 2026');
  });
});
