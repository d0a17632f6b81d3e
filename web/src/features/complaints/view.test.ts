import { describe, expect, it } from 'vitest';
import { activeFilters, DEFAULT_VIEW, parseView, toVariables, viewToParams, withChange } from './view';

describe('complaint list view', () => {
  it('lists every complaint, newest first, by default', () => {
    const view = parseView(new URLSearchParams(''));
    expect(view).toEqual(DEFAULT_VIEW);
    expect(toVariables(view)).toEqual({
      filter: { routingOverdue: false },
      orderBy: { field: 'CREATED_AT', direction: 'DESC' },
      first: 50,
    });
    expect(viewToParams(view).toString()).toBe('');
  });

  it('keeps the state, category, severity, lateness, ticket, order, page and open complaint in the URL', () => {
    const text = 'status=ROUTED&category=QUALITY&severity=SEVERE&late=1&ticket=T9&sort=ROUTE_DUE_AT%3AASC&before=c3&open=C1';
    const view = parseView(new URLSearchParams(text));
    expect(view).toEqual({
      status: 'ROUTED',
      category: 'QUALITY',
      severity: 'SEVERE',
      late: true,
      ticketId: 'T9',
      sort: 'ROUTE_DUE_AT:ASC',
      open: 'C1',
      after: null,
      before: 'c3',
    });
    expect(viewToParams(view).toString()).toBe(text);
    expect(toVariables(view)).toEqual({
      filter: { routingOverdue: true, status: 'ROUTED', category: 'QUALITY', severity: 'SEVERE', ticketId: 'T9' },
      orderBy: { field: 'ROUTE_DUE_AT', direction: 'ASC' },
      last: 50,
      before: 'c3',
    });
    expect(activeFilters(view)).toBe(5);
  });

  it('ignores values it does not know', () => {
    expect(parseView(new URLSearchParams('status=LOST&category=FOOD&severity=MILD&sort=PRICE:UP'))).toEqual(DEFAULT_VIEW);
  });

  it('a new filter starts at the first page; opening a complaint stays on the page', () => {
    const paged = { ...DEFAULT_VIEW, after: 'c5' };
    expect(withChange(paged, { status: 'OPEN' })).toMatchObject({ status: 'OPEN', after: null });
    expect(withChange(paged, { open: 'C1' })).toMatchObject({ open: 'C1', after: 'c5' });
  });
});
