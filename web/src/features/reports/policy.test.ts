import { describe, expect, it } from 'vitest';
import { amountText } from './policy';

describe('policy', () => {
  it('names an amount with thousands separators and cents only when there are any', () => {
    expect(amountText('20000')).toBe('20,000');
    expect(amountText('20000.00')).toBe('20,000');
    expect(amountText('12345.5')).toBe('12,345.5');
    expect(amountText('n/a')).toBe('n/a');
  });
});
