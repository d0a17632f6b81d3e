// Live changes merged into the page on screen: a changed ticket replaces its
// row in place (the newer version wins, whichever arrived first; an equal version is
// taken from the live event, which may carry a change that kept the version); a new
// report that matches the view is counted for a "N new — show" hint rather
// than pushed in, so rows do not jump under the user's pointer.
import type { QueueView } from './view';

export interface LiveTicket {
  id: string;
  version: number;
  status: string;
  reportedAt: string;
  deadlines: { overdue: boolean };
  customer?: { province: string } | null;
  engineer?: { id: string } | null;
  /** Its steps, when the change carries them (the live feed does). */
  events?: readonly { fromStatus?: string | null; actorId?: string | null }[];
}

/** Who reported the ticket: whoever took its first step, the report (none when unknown). */
export function reporterOf(ticket: LiveTicket): string | null {
  return ticket.events?.find((e) => e.fromStatus == null)?.actorId ?? null;
}

/** "Mine", as the server means it: dispatched to me (an engineer) or reported by me (the desk). */
export function isMine(ticket: LiveTicket, userId: string | undefined): boolean {
  return userId != null && (ticket.engineer?.id === userId || reporterOf(ticket) === userId);
}

/** The page's rows with the newer of each changed ticket; the same array when nothing changed. */
export function applyChanges<T extends LiveTicket>(nodes: T[], changes: ReadonlyMap<string, T>): T[] {
  let changed = false;
  const merged = nodes.map((node) => {
    const live = changes.get(node.id);
    if (live && live !== node && live.version >= node.version) {
      changed = true;
      return live;
    }
    return node;
  });
  return changed ? merged : nodes;
}

/** Whether a ticket belongs in the view by its filters (as the server would decide). */
export function matchesView(ticket: LiveTicket, view: QueueView, userId: string | undefined): boolean {
  if (view.states.length && !view.states.includes(ticket.status as QueueView['states'][number])) return false;
  if (view.overdue && !ticket.deadlines.overdue) return false;
  if (view.region && ticket.customer?.province !== view.region) return false;
  if (view.engineerId && ticket.engineer?.id !== view.engineerId) return false;
  if (view.mine && !isMine(ticket, userId)) return false;
  return true;
}

/**
 * Tickets reported since the page loaded that match the view and are not on
 * it: only on the first page, where the newest show.
 */
export function newSince<T extends LiveTicket>(
  changes: ReadonlyMap<string, T>,
  nodes: readonly T[],
  view: QueueView,
  loadedAt: number,
  userId: string | undefined,
): T[] {
  if (view.after || view.before) return [];
  const shown = new Set(nodes.map((n) => n.id));
  return [...changes.values()].filter(
    (t) => !shown.has(t.id) && Date.parse(t.reportedAt) >= loadedAt && matchesView(t, view, userId),
  );
}
