import { describe, expect, it } from 'vitest';
import { money } from './format';

describe('money', () => {
  it('groups thousands and shows cents', () => {
    expect(money('1234567.5')).toBe('¥1,234,567.50');
    expect(money('0')).toBe('¥0.00');
    expect(money('-12.345')).toBe('-¥12.34');
  });
});
