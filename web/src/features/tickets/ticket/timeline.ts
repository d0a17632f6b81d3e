// A ticket's story in words: each transition (from → to) is one step of the
// lifecycle (service/src/rules/ticket_flow.rs); the same target state can be
// reached by different steps, so the pair says which.
import type { TicketStatus } from '../../../gql/enums';

export type EventKind =
  | 'REPORTED'
  | 'TRIAGED'
  | 'QUOTED'
  | 'REQUOTED'
  | 'QUOTE_ACCEPTED'
  | 'DISPATCHED'
  | 'REDISPATCHED'
  | 'REWORK'
  | 'ARRIVED'
  | 'REPAIRED'
  | 'REPAIRED_AT_FACTORY'
  | 'SIGNED_OFF'
  | 'RESOLVED_BY_GUIDANCE'
  | 'VISITED'
  | 'CLOSED'
  | 'RETURNED_TO_FACTORY'
  | 'CANCELLED'
  | 'OTHER';

export function eventKind(from: TicketStatus | null | undefined, to: TicketStatus): EventKind {
  if (!from) return 'REPORTED';
  switch (to) {
    case 'ACCEPTED':
      return 'TRIAGED';
    case 'QUOTED':
      return from === 'QUOTED' ? 'REQUOTED' : 'QUOTED';
    case 'QUOTE_APPROVED':
      return 'QUOTE_ACCEPTED';
    case 'DISPATCHED':
      if (from === 'DISPATCHED') return 'REDISPATCHED';
      return from === 'REPAIRED' || from === 'CUSTOMER_ACCEPTED' || from === 'VISITED' ? 'REWORK' : 'DISPATCHED';
    case 'ON_SITE':
      return 'ARRIVED';
    case 'REPAIRED':
      return from === 'RETURNED_TO_FACTORY' ? 'REPAIRED_AT_FACTORY' : 'REPAIRED';
    case 'CUSTOMER_ACCEPTED':
      return from === 'ACCEPTED' ? 'RESOLVED_BY_GUIDANCE' : 'SIGNED_OFF';
    case 'VISITED':
      return 'VISITED';
    case 'CLOSED':
      return 'CLOSED';
    case 'RETURNED_TO_FACTORY':
      return 'RETURNED_TO_FACTORY';
    case 'CANCELLED':
      return 'CANCELLED';
    default:
      return 'OTHER';
  }
}

export const EVENT_WORDS: Record<EventKind, [zh: string, en: string]> = {
  REPORTED: ['报修受理', 'Fault reported'],
  TRIAGED: ['分诊（确定服务类型）', 'Triaged (entitlement decided)'],
  QUOTED: ['报价', 'Quoted'],
  REQUOTED: ['重新报价', 'Quoted again'],
  QUOTE_ACCEPTED: ['客户接受报价', 'Quote accepted by the customer'],
  DISPATCHED: ['派工', 'Dispatched'],
  REDISPATCHED: ['改派', 'Dispatched again'],
  REWORK: ['再次维修', 'Sent back for rework'],
  ARRIVED: ['工程师到场', 'Engineer on site'],
  REPAIRED: ['完成维修', 'Repaired'],
  REPAIRED_AT_FACTORY: ['返厂修复', 'Repaired at the factory'],
  SIGNED_OFF: ['客户验收', 'Signed off by the customer'],
  RESOLVED_BY_GUIDANCE: ['电话指导解决', 'Resolved by phone guidance'],
  VISITED: ['回访', 'Return visit'],
  CLOSED: ['关闭', 'Closed'],
  RETURNED_TO_FACTORY: ['返厂', 'Returned to the factory'],
  CANCELLED: ['取消', 'Cancelled'],
  OTHER: ['状态变更', 'State changed'],
};

export function eventWords(from: TicketStatus | null | undefined, to: TicketStatus, locale: 'zh' | 'en'): string {
  return EVENT_WORDS[eventKind(from, to)][locale === 'zh' ? 0 : 1];
}

/** Oldest first, as the story happened (the server's order kept for equal times). */
export function chronological<E extends { at: string }>(events: readonly E[]): E[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.index - b.index)
    .map(({ event }) => event);
}
