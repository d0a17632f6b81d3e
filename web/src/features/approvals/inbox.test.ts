import { describe, expect, it } from 'vitest';
import { mine } from './inbox';

describe('inbox', () => {
  it('shows the lots the viewer’s roles may approve', () => {
    const lots = [
      { id: 'a', approvers: ['GENERAL_MANAGER' as const] },
      { id: 'b', approvers: ['SERVICE_MANAGER' as const, 'GENERAL_MANAGER' as const] },
    ];
    expect(mine(lots, ['SERVICE_MANAGER']).map((l) => l.id)).toEqual(['b']);
    expect(mine(lots, ['GENERAL_MANAGER']).map((l) => l.id)).toEqual(['a', 'b']);
    expect(mine(lots, ['FINANCE'])).toEqual([]);
  });
});
