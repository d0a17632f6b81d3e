import { describe, expect, it } from 'vitest';
import { chosenEngineer } from './submit';

describe('chosenEngineer', () => {
  it('names no one when the rotation’s suggestion is kept, so the rotation moves on', () => {
    expect(chosenEngineer({ engineerId: 'E1', suggestedEngineerId: 'E1' })).toBeNull();
  });

  it('names the engineer picked instead of the suggestion', () => {
    expect(chosenEngineer({ engineerId: 'E2', suggestedEngineerId: 'E1' })).toBe('E2');
  });

  it('names no one when nobody was picked', () => {
    expect(chosenEngineer({ engineerId: null, suggestedEngineerId: 'E1' })).toBeNull();
    expect(chosenEngineer({})).toBeNull();
  });
});
