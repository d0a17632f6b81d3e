import { describe, expect, it } from 'vitest';
import { cursorsOf, pageVariables, pagingOf, writeCursors } from './paging';

describe('paging', () => {
  it('asks for the first page forward, a later one after its cursor, an earlier one before', () => {
    expect(pageVariables({ after: null, before: null }, 50)).toEqual({ first: 50 });
    expect(pageVariables({ after: 'c9', before: null }, 50)).toEqual({ first: 50, after: 'c9' });
    expect(pageVariables({ after: null, before: 'c1' }, 20)).toEqual({ last: 20, before: 'c1' });
  });

  it('offers previous only after paging on, next when the server has more', () => {
    const info = { hasNextPage: true, hasPreviousPage: false };
    expect(pagingOf({ after: null, before: null }, info)).toEqual({ prev: false, next: true });
    expect(pagingOf({ after: 'c9', before: null }, { ...info, hasNextPage: false })).toEqual({ prev: true, next: false });
    // Going back, the page we came from is there; earlier ones only if the server says so.
    expect(pagingOf({ after: null, before: 'c1' }, { hasNextPage: false, hasPreviousPage: false })).toEqual({
      prev: false,
      next: true,
    });
    expect(pagingOf({ after: null, before: null }, undefined)).toEqual({ prev: false, next: false });
  });

  it('reads and writes the cursors of a URL, after winning over before', () => {
    expect(cursorsOf(new URLSearchParams('after=a&before=b'))).toEqual({ after: 'a', before: null });
    expect(cursorsOf(new URLSearchParams('before=b'))).toEqual({ after: null, before: 'b' });
    const params = new URLSearchParams();
    writeCursors(params, { after: null, before: 'b' });
    expect(params.toString()).toBe('before=b');
  });
});
