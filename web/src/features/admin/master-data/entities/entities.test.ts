import { describe, expect, it } from 'vitest';
import { NAV } from '../../../../app/navigation';
import { ENTITIES } from './index';

describe('master-data entities', () => {
  it('each have their own URL segment', () => {
    const keys = ENTITIES.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are in the menu of exactly the roles that edit one of them', () => {
    const editors = new Set(ENTITIES.flatMap((e) => e.roles));
    const item = NAV.find((n) => n.path === '/admin/data');
    expect(new Set(item?.roles)).toEqual(editors);
  });
});
