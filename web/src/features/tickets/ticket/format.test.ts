import { describe, expect, it } from 'vitest';
import { money, partLabel } from './format';

describe('money', () => {
  it('groups thousands and shows cents', () => {
    expect(money('1234567.5')).toBe('¥1,234,567.50');
    expect(money('0')).toBe('¥0.00');
    expect(money('-12.345')).toBe('-¥12.34');
  });
});

describe('partLabel', () => {
  it('names a part by number and name, a missing one by a dash', () => {
    expect(partLabel({ partNumber: 'HY-0001', name: '主泵密封件' })).toBe('HY-0001 主泵密封件');
    expect(partLabel(null)).toBe('—');
  });
});
