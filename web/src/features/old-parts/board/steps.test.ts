import { describe, expect, it } from 'vitest';
import { dispositionsFor, REASONS_FOR, replyNeedsReason, stepsFor, type StepPart } from './steps';

const part = (over: Partial<StepPart> = {}): StepPart => ({
  status: 'PENDING',
  mustReturn: true,
  delayReason: null,
  delayReasonAccepted: false,
  engineer: { id: 'e1' },
  determination: null,
  ...over,
});

describe('next steps', () => {
  it('lets the service manager reply, accept a late reason and dispose', () => {
    const manager = { id: 'm', roles: ['SERVICE_MANAGER'] as const };
    expect(stepsFor(part(), manager)).toEqual(['REPLY', 'DISPOSE']);
    expect(stepsFor(part({ status: 'REPLIED', delayReason: 'waiting for a ride' }), manager)).toEqual([
      'REPLY',
      'ACCEPT_DELAY',
      'DISPOSE',
    ]);
    expect(stepsFor(part({ status: 'REPLIED', delayReason: 'x', delayReasonAccepted: true }), manager)).toEqual(['REPLY', 'DISPOSE']);
    expect(stepsFor(part({ status: 'DISPOSED' }), manager)).toEqual([]);
  });

  it('lets an engineer reply for their own parts only', () => {
    expect(stepsFor(part(), { id: 'e1', roles: ['ENGINEER'] })).toEqual(['REPLY']);
    expect(stepsFor(part(), { id: 'e2', roles: ['ENGINEER'] })).toEqual([]);
    expect(stepsFor(part({ status: 'COLLECTED' }), { id: 'e1', roles: ['ENGINEER'] })).toEqual([]);
  });

  it('walks the warehouse through collect, ship, receive', () => {
    const keeper = { id: 'w', roles: ['WAREHOUSE'] as const };
    expect(stepsFor(part({ status: 'REPLIED' }), keeper)).toEqual(['COLLECT']);
    expect(stepsFor(part({ status: 'COLLECTED' }), keeper)).toEqual(['SHIP']);
    expect(stepsFor(part({ status: 'SHIPPED' }), keeper)).toEqual(['RECEIVE']);
    expect(stepsFor(part({ status: 'RECEIVED' }), keeper)).toEqual([]);
  });

  it('lets quality open a determination, then determine it', () => {
    const quality = { id: 'q', roles: ['QUALITY'] as const };
    expect(stepsFor(part({ status: 'RECEIVED' }), quality)).toEqual(['DISPOSE', 'OPEN_DETERMINATION']);
    expect(stepsFor(part({ status: 'RECEIVED', determination: { outcome: null } }), quality)).toEqual(['DISPOSE', 'DETERMINE']);
    expect(stepsFor(part({ status: 'RECEIVED', determination: { outcome: 'SUPPLIER' } }), quality)).toEqual(['DISPOSE']);
  });

  it('offers a general manager nothing to do', () => {
    expect(stepsFor(part(), { id: 'g', roles: ['GENERAL_MANAGER'] })).toEqual([]);
  });

  it('keeps a part that must come back to RETURN until head office has it', () => {
    expect(dispositionsFor({ mustReturn: true, status: 'SHIPPED' })).toEqual(['RETURN']);
    expect(dispositionsFor({ mustReturn: true, status: 'RECEIVED' })).toHaveLength(4);
    expect(dispositionsFor({ mustReturn: false, status: 'PENDING' })).toHaveLength(4);
  });

  it('pairs every reason with one disposition', () => {
    const all = Object.values(REASONS_FOR).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(7);
  });

  it('asks for a reason only after the due date', () => {
    expect(replyNeedsReason('2026-01-10', '2026-01-10')).toBe(false);
    expect(replyNeedsReason('2026-01-10', '2026-01-12')).toBe(true);
    expect(replyNeedsReason('2026-01-10', null)).toBe(false);
  });
});
