import { describe, expect, it } from 'vitest';
import { changedCount, diff, flatten, show } from './diff';

describe('flatten', () => {
  it('names nested leaves by dotted paths and keeps empty records whole', () => {
    expect([...flatten({ a: 1, b: { c: 'x', d: [] }, e: ['p', 'q'] }).entries()]).toEqual([
      ['a', 1],
      ['b.c', 'x'],
      ['b.d', []],
      ['e.0', 'p'],
      ['e.1', 'q'],
    ]);
  });
});

describe('diff', () => {
  it('marks a creation as all added', () => {
    const rows = diff(null, { username: 'eng.new', roles: ['ENGINEER'] });
    expect(rows).toEqual([
      { path: 'username', before: undefined, after: 'eng.new', change: 'added' },
      { path: 'roles.0', before: undefined, after: 'ENGINEER', change: 'added' },
    ]);
    expect(changedCount(rows)).toBe(2);
  });

  it('puts what changed first, then what stayed', () => {
    const rows = diff({ name: 'A', active: true, version: 1, old: 'x' }, { name: 'A', active: false, version: 2 });
    expect(rows.map((r) => [r.path, r.change])).toEqual([
      ['active', 'changed'],
      ['version', 'changed'],
      ['old', 'removed'],
      ['name', 'same'],
    ]);
    expect(rows[0]).toMatchObject({ before: 'true', after: 'false' });
  });

  it('keeps the record order when asked', () => {
    expect(diff({ a: 1, b: 1 }, { a: 1, b: 2 }, false).map((r) => r.path)).toEqual(['a', 'b']);
  });

  it('shows a deletion as all removed', () => {
    expect(diff({ id: 3 }, null)).toEqual([{ path: 'id', before: '3', after: undefined, change: 'removed' }]);
  });
});

describe('show', () => {
  it('reads null as a dash and strings as they are', () => {
    expect(show(null)).toBe('—');
    expect(show('北京')).toBe('北京');
    expect(show(12.5)).toBe('12.5');
  });
});
