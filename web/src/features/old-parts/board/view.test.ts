import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, activeFilters, pagingOf, parseView, sectionVariables, sectionsOf, toFilter, viewToParams, withChange } from './view';

describe('board view', () => {
  it('reads and writes the URL, defaults left out', () => {
    const params = new URLSearchParams('status=REPLIED&late=late&region=江苏&engineer=7&dealer=3&lateAfter=abc');
    const view = parseView(params);
    expect(view).toMatchObject({ status: 'REPLIED', lateness: 'late', region: '江苏', engineerId: '7', dealerId: '3' });
    expect(view.late).toEqual({ after: 'abc', before: null });
    expect(viewToParams(view).toString()).toBe(params.toString());
    expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
  });

  it('falls back on unknown values', () => {
    const view = parseView(new URLSearchParams('status=LOST&late=maybe&sort=PRICE&dir=UP'));
    expect(view).toEqual(DEFAULT_VIEW);
  });

  it('starts both sections again when a filter changes, not when a page does', () => {
    const paged = { ...DEFAULT_VIEW, late: { after: 'x', before: null }, rest: { after: 'y', before: null } };
    expect(withChange(paged, { region: '山东' }).late.after).toBeNull();
    const next = withChange(paged, { rest: { after: 'z', before: null } });
    expect(next.late.after).toBe('x');
    expect(next.rest.after).toBe('z');
  });

  it('lists the late ones first, longest late first, the rest in the chosen order', () => {
    expect(sectionsOf(DEFAULT_VIEW)).toEqual(['late', 'rest']);
    expect(sectionsOf({ ...DEFAULT_VIEW, lateness: 'late' })).toEqual(['late']);
    expect(sectionsOf({ ...DEFAULT_VIEW, lateness: 'notLate' })).toEqual(['rest']);
    const late = sectionVariables(DEFAULT_VIEW, 'late', false);
    expect(late.filter).toMatchObject({ overdue: true, mine: false });
    expect(late.orderBy).toEqual({ field: 'DUE_ON', direction: 'ASC' });
    const rest = sectionVariables({ ...DEFAULT_VIEW, sort: 'APPROVAL_NUMBER', direction: 'ASC' }, 'rest', false);
    expect(rest.filter).toMatchObject({ overdue: false });
    expect(rest.orderBy).toEqual({ field: 'APPROVAL_NUMBER', direction: 'ASC' });
  });

  it('pages backward with last/before', () => {
    const view = { ...DEFAULT_VIEW, rest: { after: null, before: 'c' } };
    expect(sectionVariables(view, 'rest', false)).toMatchObject({ last: 50, before: 'c' });
    expect(sectionVariables(view, 'late', false)).toMatchObject({ first: 50 });
    expect(pagingOf(view.rest, { hasNextPage: false, hasPreviousPage: true })).toEqual({ prev: true, next: true });
    expect(pagingOf(DEFAULT_VIEW.rest, { hasNextPage: true, hasPreviousPage: false })).toEqual({ prev: false, next: true });
  });

  it('scopes an engineer to their own and drops the engineer filter then', () => {
    const view = { ...DEFAULT_VIEW, engineerId: '9', dealerId: '2' };
    expect(toFilter(view, true)).toEqual({ mine: true, dealerId: '2' });
    expect(toFilter(view, false)).toEqual({ mine: false, engineerId: '9', dealerId: '2' });
  });

  it('counts the filters that narrow the view', () => {
    expect(activeFilters(DEFAULT_VIEW)).toBe(0);
    expect(activeFilters({ ...DEFAULT_VIEW, lateness: 'late', region: '江苏', sort: 'CREATED_AT' })).toBe(2);
  });
});
