import { describe, expect, it } from 'vitest';
import type { Role } from '../../gql/enums';
import { mayFile, offeredSteps } from './steps';

const as = (...roles: Role[]) => ({ id: 'U', username: 'u', displayName: 'U', roles });

describe('the steps of a complaint offered', () => {
  it('a quality complaint is taken by quality (or a service manager), not by the desk', () => {
    const open = { status: 'OPEN' as const, routedTo: 'QUALITY' as const };
    expect(offeredSteps(open, as('QUALITY'))).toEqual(['take']);
    expect(offeredSteps(open, as('SERVICE_MANAGER'))).toEqual(['take']);
    expect(offeredSteps(open, as('AGENT'))).toEqual([]);
  });

  it('once taken, its handler answers it, and so may the desk; no other quality user', () => {
    const taken = { status: 'ROUTED' as const, routedTo: 'QUALITY' as const, handlerId: 'U' };
    expect(offeredSteps(taken, as('QUALITY'))).toEqual(['answer']);
    expect(offeredSteps({ ...taken, handlerId: 'Q2' }, as('QUALITY'))).toEqual([]);
    expect(offeredSteps({ ...taken, handlerId: 'Q2' }, as('AGENT'))).toEqual(['answer']);
    expect(offeredSteps({ ...taken, handlerId: 'Q2' }, as('SERVICE_MANAGER'))).toEqual(['answer']);
    expect(offeredSteps({ ...taken, handlerId: 'Q2' }, as('ADMIN'))).toEqual(['answer']);
    expect(offeredSteps({ ...taken, handlerId: 'Q2' }, as('GENERAL_MANAGER'))).toEqual([]);
  });

  it('any other complaint goes to the service managers; the desk may answer it at once', () => {
    const open = { status: 'OPEN' as const, routedTo: 'SERVICE_MANAGER' as const };
    expect(offeredSteps(open, as('SERVICE_MANAGER'))).toEqual(['take', 'answer']);
    expect(offeredSteps(open, as('AGENT'))).toEqual(['answer']);
    expect(offeredSteps(open, as('QUALITY'))).toEqual([]);
  });

  it('the desk closes an answered one; nothing follows a closed one', () => {
    expect(offeredSteps({ status: 'ANSWERED', routedTo: 'QUALITY' }, as('AGENT'))).toEqual(['close']);
    expect(offeredSteps({ status: 'ANSWERED', routedTo: 'QUALITY' }, as('QUALITY'))).toEqual([]);
    expect(offeredSteps({ status: 'CLOSED', routedTo: 'QUALITY' }, as('ADMIN'))).toEqual([]);
  });

  it('only the desk files complaints', () => {
    expect(mayFile(as('AGENT'))).toBe(true);
    expect(mayFile(as('QUALITY'))).toBe(false);
    expect(mayFile(null)).toBe(false);
  });
});
