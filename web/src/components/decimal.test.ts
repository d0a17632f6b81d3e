import { describe, expect, it } from 'vitest';
import { add, compare, divide, money, multiply, subtract } from './decimal';

describe('decimal', () => {
  it('is exact where floats are not', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(subtract('10', '10.01')).toBe('-0.01');
    expect(multiply('1.15', '3')).toBe('3.45');
    expect(divide('2', '3', 2)).toBe('0.67');
    expect(compare('0.10', '0.1')).toBe(0);
  });

  it('writes money in yuan with thousands and cents', () => {
    expect(money('1234.5')).toBe('¥1,234.50');
    expect(money('0.125')).toBe('¥0.13');
    expect(money('-20000')).toBe('-¥20,000.00');
  });
});
