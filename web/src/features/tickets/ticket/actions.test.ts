import { describe, expect, it } from 'vitest';
import { formFor, isDangerous } from './actions';

describe('formFor', () => {
  it('opens the triage, quote and dispatch forms for their steps', () => {
    expect(formFor('ACCEPT')).toBe('triage');
    expect(formFor('QUOTE')).toBe('quote');
    expect(formFor('DISPATCH')).toBe('dispatch');
  });

  it('asks a reason where the transition records one', () => {
    expect(formFor('CANCEL')).toBe('reason');
    expect(formFor('RETURN_TO_FACTORY')).toBe('reason');
    expect(formFor('RESOLVE_BY_GUIDANCE')).toBe('reason');
    expect(formFor('REWORK')).toBe('rework');
  });

  it('only confirms steps without input', () => {
    expect(formFor('APPROVE_QUOTE')).toBe('confirm');
    expect(formFor('ACCEPT_QUOTE')).toBe('confirm');
    expect(formFor('CLOSE')).toBe('confirm');
  });

  it("offers the engineer's steps as plain forms", () => {
    expect(formFor('ARRIVE')).toBe('arrive');
    expect(formFor('REPAIR')).toBe('repair');
    expect(formFor('SIGN_OFF')).toBe('signOff');
    expect(formFor('VISIT')).toBe('visit');
  });

  it('marks cancelling as dangerous and accepting as not', () => {
    expect(isDangerous('CANCEL')).toBe(true);
    expect(isDangerous('ACCEPT')).toBe(false);
  });
});
