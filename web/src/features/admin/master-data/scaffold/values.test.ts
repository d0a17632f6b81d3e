import { describe, expect, it } from 'vitest';
import { flag, isPlainDecimal, optional, required, yearRange } from './values';

describe('form and URL values', () => {
  it('sends optional text blank as null and trims the rest', () => {
    expect(optional('  ')).toBeNull();
    expect(optional(undefined)).toBeNull();
    expect(optional(' 王工 ')).toBe('王工');
    expect(required(undefined)).toBe('');
  });

  it('reads yes/no filters', () => {
    expect(flag('yes')).toBe(true);
    expect(flag('no')).toBe(false);
    expect(flag(undefined)).toBeUndefined();
  });

  it('turns a year into its first and last day, falling back on a bad value', () => {
    expect(yearRange('2027', 2026)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(yearRange('27', 2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('accepts plain non-negative decimals only', () => {
    expect(isPlainDecimal('1250.50')).toBe(true);
    expect(isPlainDecimal('12')).toBe(true);
    expect(isPlainDecimal('1e3')).toBe(false);
    expect(isPlainDecimal('-1')).toBe(false);
    expect(isPlainDecimal('1.')).toBe(false);
  });
});
