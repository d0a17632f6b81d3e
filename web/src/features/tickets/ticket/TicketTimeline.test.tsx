import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { QuoteStatusTag } from './QuoteCard';
import { TicketTimeline } from './TicketTimeline';

// jsdom has no media queries; Ant Design's layout asks for them.
beforeAll(() => {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
});

describe('TicketTimeline', () => {
  it('tells who did what, when and why, oldest first', () => {
    render(
      <TicketTimeline
        events={[
          { fromStatus: 'REPORTED', toStatus: 'ACCEPTED', actorName: '王芳', reason: '违规使用', at: '2026-12-01T02:00:00Z' },
          { fromStatus: null, toStatus: 'REPORTED', actorName: null, reason: null, at: '2026-12-01T01:00:00Z' },
        ]}
      />,
    );
    const steps = screen.getAllByTestId('timeline-event').map((e) => e.textContent);
    expect(steps[0]).toContain('报修受理');
    expect(steps[0]).toContain('系统');
    expect(steps[1]).toContain('分诊');
    expect(steps[1]).toContain('王芳');
    expect(steps[1]).toContain('违规使用');
  });
});

describe('QuoteStatusTag', () => {
  it('says the quote waits for the general manager', () => {
    render(<QuoteStatusTag status="PENDING_APPROVAL" />);
    expect(screen.getByTestId('quote-status').textContent).toBe('待总经理审批');
  });
});
