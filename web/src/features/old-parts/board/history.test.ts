import { describe, expect, it } from 'vitest';
import { historyOf } from './history';

describe('history', () => {
  it('lists what happened by date, deadlines among them', () => {
    const events = historyOf({
      appliedOn: '2026-01-02',
      completedOn: '2026-01-03',
      dueOn: '2026-01-10',
      repliedOn: '2026-01-09',
      collectedOn: '2026-01-12',
      shippedOn: null,
      receivedOn: null,
      determination: null,
    });
    expect(events.map((e) => e.kind)).toEqual(['applied', 'completed', 'replied', 'due', 'collected']);
    expect(events.find((e) => e.kind === 'due')?.deadline).toBe(true);
  });

  it('puts the step before the deadline on the same day and drops a met determination deadline', () => {
    const open = historyOf({
      appliedOn: '2026-01-03',
      completedOn: '2026-01-03',
      dueOn: '2026-01-10',
      collectedOn: '2026-01-10',
      determination: { reviewedOn: '2026-01-20', dueOn: '2026-01-27', determinedOn: null },
    });
    expect(open.map((e) => e.kind)).toEqual(['applied', 'completed', 'collected', 'due', 'reviewed', 'determinationDue']);
    const made = historyOf({
      appliedOn: '2026-01-03',
      completedOn: '2026-01-03',
      dueOn: '2026-01-10',
      determination: { reviewedOn: '2026-01-20', dueOn: '2026-01-27', determinedOn: '2026-01-25' },
    });
    expect(made.map((e) => e.kind)).toEqual(['applied', 'completed', 'due', 'reviewed', 'determined']);
  });
});
