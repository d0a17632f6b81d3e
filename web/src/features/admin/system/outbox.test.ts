import { describe, expect, it } from 'vitest';
import { outboxVariables, outboxViewToParams, parseOutboxView, withFilter } from './outbox';

describe('the outbox address', () => {
  it('reads known states and channels only', () => {
    expect(parseOutboxView(new URLSearchParams('status=DEAD&channel=SMS&template=x&after=c'))).toEqual({
      status: 'DEAD',
      channel: 'SMS',
      template: 'x',
      recipient: '',
      after: 'c',
    });
    expect(parseOutboxView(new URLSearchParams('status=LOST&channel=FAX')).status).toBeNull();
  });

  it('writes what is set and starts again at the first page on a filter change', () => {
    const view = parseOutboxView(new URLSearchParams('status=DEAD&after=c'));
    expect(outboxViewToParams(withFilter(view, { channel: 'EMAIL' })).toString()).toBe('status=DEAD&channel=EMAIL');
  });

  it('sends empty text filters as none', () => {
    expect(outboxVariables(parseOutboxView(new URLSearchParams('recipient=a@b.c')))).toEqual({
      first: 50,
      after: null,
      filter: { status: null, channel: null, template: null, recipient: 'a@b.c' },
    });
  });
});
