// What the unit's earlier tickets tell the agent before a new report: a
// ticket still open on it (the customer may be calling about that one), and
// repairs in the last 90 days (the same fault again is a repeat repair,
// 不允许同一问题重复修理, counted against the service).
import type { Locale } from '../../app/i18n';
import type { FaultCategory, TicketStatus } from '../../gql/enums';

export const REPEAT_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** States a ticket no longer changes from. */
const FINISHED: readonly TicketStatus[] = ['CLOSED', 'CANCELLED', 'RETURNED_TO_FACTORY'];

export interface HistoryTicket {
  id: string;
  status: TicketStatus;
  reportedAt: string;
  repairedAt?: string | null;
  faultCategory: FaultCategory;
  unit?: { serialNumber: string } | null;
  repairRecord?: { completedAt: string } | null;
}

export interface RecentRepair<T> {
  ticket: T;
  daysAgo: number;
  /** The same fault category as the one being reported. */
  sameCategory: boolean;
}

/** The tickets of exactly this unit (the API's serial filter matches a prefix). */
export function ofUnit<T extends HistoryTicket>(tickets: readonly T[], serial: string): T[] {
  const wanted = serial.toUpperCase();
  return tickets.filter((t) => t.unit?.serialNumber.toUpperCase() === wanted);
}

/** The newest ticket still open on the unit, if any. */
export function openTicket<T extends HistoryTicket>(tickets: readonly T[]): T | null {
  return tickets.find((t) => !FINISHED.includes(t.status)) ?? null;
}

/** Repairs completed within the last 90 days, newest first. */
export function recentRepairs<T extends HistoryTicket>(
  tickets: readonly T[],
  now: number,
  category?: FaultCategory | null,
): RecentRepair<T>[] {
  const repairs: RecentRepair<T>[] = [];
  for (const ticket of tickets) {
    const repaired = ticket.repairedAt ?? ticket.repairRecord?.completedAt;
    if (!repaired) continue;
    const daysAgo = Math.floor((now - Date.parse(repaired)) / DAY_MS);
    if (daysAgo < 0 || daysAgo > REPEAT_WINDOW_DAYS) continue;
    repairs.push({ ticket, daysAgo, sameCategory: category != null && category === ticket.faultCategory });
  }
  return repairs.sort((a, b) => a.daysAgo - b.daysAgo);
}

export interface ReplacedPart {
  partId: string;
  quantity: number;
  part?: { name: string } | null;
}

/** `主泵密封件 × 2、滤芯 × 1`: the parts a repair replaced, by name (the id if the part is gone). */
export function replacedParts(parts: readonly ReplacedPart[], locale: Locale): string {
  return parts.map((p) => `${p.part?.name ?? p.partId} × ${p.quantity}`).join(locale === 'zh' ? '、' : ', ');
}
