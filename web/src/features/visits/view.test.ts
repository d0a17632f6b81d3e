import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, toVariables, viewToParams, withChange } from './view';

describe('visit work list view', () => {
  it('shows every open visit by its deadline, earliest (overdue) first, by default', () => {
    const view = parseView(new URLSearchParams(''));
    expect(view).toEqual(DEFAULT_VIEW);
    expect(toVariables(view, 'U1')).toEqual({
      filter: { visited: false },
      orderBy: { field: 'DUE_AT', direction: 'ASC' },
      first: 50,
    });
    expect(viewToParams(view).toString()).toBe('');
  });

  it('keeps the scope, kind, mine and page in the URL and back', () => {
    const params = new URLSearchParams('scope=overdue&kind=CARE&mine=1&after=c5');
    const view = parseView(params);
    expect(view).toMatchObject({ scope: 'overdue', kind: 'CARE', mine: true, after: 'c5', before: null });
    expect(viewToParams(view).toString()).toBe('scope=overdue&kind=CARE&mine=1&after=c5');
    expect(toVariables(view, 'U1')).toEqual({
      filter: { overdue: true, kind: 'CARE', agentId: 'U1' },
      orderBy: { field: 'DUE_AT', direction: 'ASC' },
      first: 50,
      after: 'c5',
    });
  });

  it('lists made visits the latest first', () => {
    const view = parseView(new URLSearchParams('scope=done'));
    expect(toVariables(view, undefined)).toMatchObject({ filter: { visited: true }, orderBy: { direction: 'DESC' } });
  });

  it('ignores values it does not know', () => {
    expect(parseView(new URLSearchParams('scope=everything&kind=SOMETIMES'))).toEqual(DEFAULT_VIEW);
  });

  it('starts again at the first page when a filter changes, not when paging', () => {
    const paged = { ...DEFAULT_VIEW, after: 'c5' };
    expect(withChange(paged, { scope: 'due' })).toMatchObject({ scope: 'due', after: null });
    expect(withChange(paged, { before: 'c1', after: null })).toMatchObject({ before: 'c1', after: null });
  });
});
