import { describe, expect, it } from 'vitest';
import { filterUsers, generatePassword, needsRegion, parseUserView, roleNeeds, userViewToParams, type ListedUser } from './users';

const people: ListedUser[] = [
  { username: 'eng.zhang', displayName: '张工', roles: ['ENGINEER'], active: true, phone: '13800000001' },
  { username: 'dealer', displayName: 'Jiangsu dealer', roles: ['DEALER'], active: true, dealer: { code: 'D-JS01', name: '江苏代理' } },
  { username: 'agent', displayName: '客服小王', roles: ['AGENT'], active: false, email: 'wang@example.com' },
];

describe('the user view', () => {
  it('reads only known roles and states from the address', () => {
    expect(parseUserView(new URLSearchParams('q=zh&role=ENGINEER&state=inactive'))).toEqual({
      q: 'zh',
      role: 'ENGINEER',
      state: 'inactive',
    });
    expect(parseUserView(new URLSearchParams('role=ROOT&state=gone'))).toEqual({ q: '', role: null, state: null });
  });

  it('writes only what is set', () => {
    expect(userViewToParams({ q: '  ', role: null, state: 'active' }).toString()).toBe('state=active');
  });

  it('finds by name, contact and dealer, in sign-in name order', () => {
    const names = (view: Parameters<typeof filterUsers>[1]) => filterUsers(people, view).map((u) => u.username);
    expect(names({ q: '', role: null, state: null })).toEqual(['agent', 'dealer', 'eng.zhang']);
    expect(names({ q: 'd-js', role: null, state: null })).toEqual(['dealer']);
    expect(names({ q: '张', role: null, state: null })).toEqual(['eng.zhang']);
    expect(names({ q: 'WANG@', role: null, state: null })).toEqual(['agent']);
    expect(names({ q: '', role: 'ENGINEER', state: null })).toEqual(['eng.zhang']);
    expect(names({ q: '', role: null, state: 'inactive' })).toEqual(['agent']);
  });
});

describe('what roles need', () => {
  it('asks a dealer for DEALER and a profile for ENGINEER', () => {
    expect(roleNeeds(['DEALER'])).toEqual({ dealer: true, engineer: false, dealerMixed: false });
    expect(roleNeeds(['DEALER', 'AGENT']).dealerMixed).toBe(true);
    expect(roleNeeds(['ENGINEER', 'AGENT'])).toEqual({ dealer: false, engineer: true, dealerMixed: false });
  });

  it('asks a region only of a new engineer', () => {
    expect(needsRegion(['AGENT'], ['AGENT', 'ENGINEER'])).toBe(true);
    expect(needsRegion(['ENGINEER'], ['ENGINEER', 'AGENT'])).toBe(false);
    expect(needsRegion(['AGENT'], ['FINANCE'])).toBe(false);
  });
});

describe('a generated password', () => {
  it('has the length asked for and no look-alike characters', () => {
    const password = generatePassword(20);
    expect(password).toHaveLength(20);
    expect(password).not.toMatch(/[01OlI]/);
  });

  it('skips bytes that would favour some characters', () => {
    // 255 is above the largest multiple of the alphabet's size: never used.
    let call = 0;
    const random = (bytes: Uint8Array) => bytes.fill(call++ === 0 ? 255 : 0);
    expect(generatePassword(4, random)).toBe('AAAA');
  });
});
