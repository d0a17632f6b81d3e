import { describe, expect, it } from 'vitest';
import { chartPercent, hours, money, numeric, percent, targetRule, trimNumber, verdict } from './kpi';

describe('kpi figures', () => {
  it('holds a figure against its target as the API judged it', () => {
    expect(verdict({ value: '92.5', target: '90', goal: 'AT_LEAST', met: true })).toBe('met');
    expect(verdict({ value: '3.2', target: '3', goal: 'BELOW', met: false })).toBe('missed');
    expect(verdict({ value: null, target: '85', goal: 'AT_LEAST', met: null })).toBe('none');
  });

  it('writes the target as a rule', () => {
    expect(targetRule({ target: '90.00', goal: 'AT_LEAST' })).toBe('≥ 90 %');
    expect(targetRule({ target: '3', goal: 'BELOW' })).toBe('< 3 %');
    expect(targetRule({ target: '2', goal: 'AT_MOST' })).toBe('≤ 2 %');
    expect(trimNumber('85.50')).toBe('85.5');
  });

  it('writes figures or a dash', () => {
    expect(percent('91.666')).toBe('91.7 %');
    expect(percent(null)).toBe('–');
    expect(hours('3.25', 'h')).toBe('3.3 h');
    expect(money('12345.6')).toBe('12,345.60');
    expect(numeric('x')).toBeNull();
    expect(numeric('2.5')).toBe(2.5);
    expect(chartPercent('88.888')).toBe(88.9);
    expect(chartPercent(null)).toBeNull();
  });
});
