import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney } from './money';
import { byOverdue, summaryOf } from './totals';

describe('money and totals', () => {
  it('adds decimal strings exactly', () => {
    expect(addMoney('0.1', '0.2')).toBe('0.30');
    expect(addMoney('1234.5', '0.05')).toBe('1234.55');
    expect(addMoney('-1.25', '1')).toBe('-0.25');
    expect(formatMoney('1234567.8', 'en')).toBe('1,234,567.80');
  });

  it('sums the regions and puts the most overdue first', () => {
    const groups = [
      { key: '山东', parts: 2, outstandingCount: 1, outstandingValue: '10.10', overdueCount: 0, overdueValue: '0' },
      { key: '江苏', parts: 3, outstandingCount: 2, outstandingValue: '20.20', overdueCount: 2, overdueValue: '20.20' },
    ];
    expect(summaryOf(groups)).toEqual({
      parts: 5,
      outstandingCount: 3,
      outstandingValue: '30.30',
      overdueCount: 2,
      overdueValue: '20.20',
    });
    expect(byOverdue(groups).map((g) => g.key)).toEqual(['江苏', '山东']);
  });
});
