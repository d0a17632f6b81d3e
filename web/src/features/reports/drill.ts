// Drill-down from a failure cause to its repairs. The API lists tickets but
// not by failure cause, so the page reads the tickets reported up to the
// quarter's end, newest first, and keeps those whose repair in the quarter
// names the cause; it stops once every occurrence is found.
import type { CauseRepairsQuery } from '../../gql/graphql';
import { businessStart, type Bounds } from './period';

export type RepairTicket = CauseRepairsQuery['tickets']['nodes'][number];

/** Pages of 200 tickets read at most (the report counts the rest). */
export const MAX_PAGES = 10;

/** The tickets whose repair in `bounds` names `cause`. */
export function repairsOf(tickets: RepairTicket[], cause: string, bounds: Bounds): RepairTicket[] {
  const from = Date.parse(businessStart(bounds.from));
  const to = Date.parse(businessStart(bounds.to));
  return tickets.filter((t) => {
    const record = t.repairRecord;
    if (!record || record.faultCause !== cause) return false;
    const done = Date.parse(record.completedAt);
    return done >= from && done < to;
  });
}

/** Parts replaced in the repair. */
export function partsOf(ticket: RepairTicket): number {
  return (ticket.repairRecord?.parts ?? []).reduce((sum, p) => sum + p.quantity, 0);
}

/** Whether to read another page. */
export function keepReading(found: number, wanted: number, pagesRead: number, hasNextPage: boolean): boolean {
  return found < wanted && hasNextPage && pagesRead < MAX_PAGES;
}
