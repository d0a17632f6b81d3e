import { describe, expect, it } from 'vitest';
import { dissatisfied } from './submit';
import { triageServiceType } from './triage';

describe('triageServiceType', () => {
  it('follows the warranty or contract without an exclusion', () => {
    expect(triageServiceType('FREE', null, false)).toBe('FREE');
    expect(triageServiceType('CONTRACT', undefined, false)).toBe('CONTRACT');
  });

  it('makes the work paid when an exclusion is found', () => {
    expect(triageServiceType('FREE', 'MISUSE', false)).toBe('PAID');
  });

  it('makes it guidance only when asked, whatever the dates say', () => {
    expect(triageServiceType('FREE', 'MISUSE', true)).toBe('OTHER');
  });
});

describe('dissatisfied', () => {
  it('is 2 stars or less, or not solved', () => {
    expect(dissatisfied(2, true)).toBe(true);
    expect(dissatisfied(3, true)).toBe(false);
    expect(dissatisfied(5, false)).toBe(true);
  });
});
