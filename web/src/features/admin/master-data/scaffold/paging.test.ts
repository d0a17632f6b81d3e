import { describe, expect, it } from 'vitest';
import { nextPage, positionOf, previousPage, withFilter } from './paging';

describe('list position in the URL', () => {
  it('starts on the first page', () => {
    expect(positionOf(new URLSearchParams(''))).toEqual({ after: null, trail: [] });
  });

  it('goes forward two pages and back to the first', () => {
    const second = nextPage(new URLSearchParams('search=abc'), 'c1');
    expect(positionOf(second)).toEqual({ after: 'c1', trail: [''] });
    const third = nextPage(second, 'c2');
    expect(positionOf(third)).toEqual({ after: 'c2', trail: ['', 'c1'] });
    const back = previousPage(third);
    expect(positionOf(back)).toEqual({ after: 'c1', trail: [''] });
    const first = previousPage(back);
    expect(first.toString()).toBe('search=abc');
  });

  it('leads back to the first page from a pasted link without a trail', () => {
    expect(previousPage(new URLSearchParams('after=c9')).toString()).toBe('');
  });

  it('starts again at the first page when a filter changes, keeping the others', () => {
    const params = new URLSearchParams('region=江苏&after=c1&trail=');
    expect(withFilter(params, 'search', 'ab').toString()).toBe(new URLSearchParams('region=江苏&search=ab').toString());
    expect(withFilter(params, 'region', undefined).toString()).toBe('');
  });
});
