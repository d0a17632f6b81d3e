import { describe, expect, it } from 'vitest';
import { activeFilters, DEFAULT_VIEW, pagingOf, parseView, toVariables, viewToParams, withChange } from './view';

describe('queue view ⇄ URL', () => {
  it('reads the defaults from an empty URL and writes none back', () => {
    expect(parseView(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
  });

  it('round-trips every filter, the order and the cursor', () => {
    const url = 'status=REPORTED%2CDISPATCHED&overdue=1&region=%E6%B1%9F%E8%8B%8F&engineer=u7&mine=1&sort=NUMBER&dir=ASC&after=c50';
    const view = parseView(new URLSearchParams(url));
    expect(view).toEqual({
      states: ['REPORTED', 'DISPATCHED'],
      overdue: true,
      region: '江苏',
      engineerId: 'u7',
      mine: true,
      sort: 'NUMBER',
      direction: 'ASC',
      after: 'c50',
      before: null,
    });
    expect(viewToParams(view).toString()).toBe(url);
  });

  it('drops what it does not know', () => {
    const view = parseView(new URLSearchParams('status=BOGUS,CLOSED&sort=PRICE&dir=UP&overdue=yes'));
    expect(view.states).toEqual(['CLOSED']);
    expect(view.sort).toBe('CREATED_AT');
    expect(view.direction).toBe('DESC');
    expect(view.overdue).toBe(false);
  });

  it('starts again at the first page when a filter changes, not when paging', () => {
    const paged = { ...DEFAULT_VIEW, after: 'c50' };
    expect(withChange(paged, { overdue: true })).toMatchObject({ overdue: true, after: null, before: null });
    expect(withChange(paged, { after: null, before: 'c51' })).toMatchObject({ after: null, before: 'c51' });
  });
});

describe('queue variables and paging', () => {
  it('asks forward by default and backward before a cursor', () => {
    expect(toVariables(DEFAULT_VIEW)).toEqual({
      filter: { states: [], mine: false },
      orderBy: { field: 'CREATED_AT', direction: 'DESC' },
      first: 50,
    });
    const back = toVariables({ ...DEFAULT_VIEW, before: 'c51', region: '江苏', overdue: true });
    expect(back).toMatchObject({ last: 50, before: 'c51', filter: { region: '江苏', overdue: true } });
    expect(back.first).toBeUndefined();
  });

  it('knows where previous and next lead', () => {
    const info = { hasNextPage: true, hasPreviousPage: false };
    expect(pagingOf(DEFAULT_VIEW, info)).toEqual({ prev: false, next: true });
    expect(pagingOf({ ...DEFAULT_VIEW, after: 'c' }, { ...info, hasNextPage: false })).toEqual({ prev: true, next: false });
    expect(pagingOf({ ...DEFAULT_VIEW, before: 'c' }, info)).toEqual({ prev: false, next: true });
  });
});

describe('activeFilters', () => {
  it('counts what narrows the view, not the order', () => {
    expect(activeFilters({ ...DEFAULT_VIEW, sort: 'NUMBER' })).toBe(0);
    expect(activeFilters({ ...DEFAULT_VIEW, states: ['CLOSED'], region: '江苏', mine: true })).toBe(3);
  });
});
