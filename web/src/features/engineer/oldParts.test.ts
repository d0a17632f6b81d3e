import { describe, expect, it } from 'vitest';
import { lateFirst } from './oldParts';

describe('lateFirst', () => {
  it('puts late parts first, most days late first, then by due date', () => {
    const parts = [
      { approvalNumber: 'a', overdue: false, delayDays: 0, dueOn: '2026-12-05' },
      { approvalNumber: 'b', overdue: true, delayDays: 2, dueOn: '2026-11-29' },
      { approvalNumber: 'c', overdue: false, delayDays: 0, dueOn: '2026-12-03' },
      { approvalNumber: 'd', overdue: true, delayDays: 9, dueOn: '2026-11-22' },
    ];
    expect(lateFirst(parts).map((p) => p.approvalNumber)).toEqual(['d', 'b', 'c', 'a']);
  });
});
