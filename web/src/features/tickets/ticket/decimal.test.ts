import { describe, expect, it } from 'vitest';
import { add, cents, compare, divide, isDecimal, multiply, round, subtract } from './decimal';

describe('decimal', () => {
  it('adds and subtracts exactly where floats do not', () => {
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(add('1200.50', '3', '0.005')).toBe('1203.505');
    expect(subtract('10', '10.01')).toBe('-0.01');
  });

  it('multiplies exactly', () => {
    expect(multiply('1.15', '3')).toBe('3.45');
    expect(multiply('120.00', '3.5')).toBe('420.000');
    expect(multiply('-0.5', '0.5')).toBe('-0.25');
  });

  it('rounds half away from zero, as the server rounds to cents', () => {
    expect(cents('0.125')).toBe('0.13');
    expect(cents('-0.125')).toBe('-0.13');
    expect(cents('0.124999')).toBe('0.12');
    expect(cents('7')).toBe('7.00');
    expect(round('2.5', 0)).toBe('3');
  });

  it('divides to a number of places', () => {
    expect(divide('1', '3', 2)).toBe('0.33');
    expect(divide('2', '3', 2)).toBe('0.67');
    expect(divide('-100', '8', 2)).toBe('-12.50');
    expect(() => divide('1', '0', 2)).toThrow();
  });

  it('compares across scales', () => {
    expect(compare('10', '10.00')).toBe(0);
    expect(compare('10.01', '10')).toBe(1);
    expect(compare('-1', '0')).toBe(-1);
  });

  it('knows a decimal when it sees one', () => {
    expect(isDecimal('12.5')).toBe(true);
    expect(isDecimal('.5')).toBe(true);
    expect(isDecimal('')).toBe(false);
    expect(isDecimal('1e3')).toBe(false);
    expect(isDecimal('abc')).toBe(false);
  });
});
