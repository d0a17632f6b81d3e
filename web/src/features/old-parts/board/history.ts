// An old part's way back as dated events, from the dates the part carries
// (applied, completed, due, replied, collected, shipped, received, the
// determination), oldest first; what has not happened yet is left out.

export type HistoryKind =
  | 'applied'
  | 'completed'
  | 'due'
  | 'replied'
  | 'collected'
  | 'shipped'
  | 'received'
  | 'reviewed'
  | 'determinationDue'
  | 'determined';

export interface HistoryEvent {
  kind: HistoryKind;
  on: string;
  /** A date that is a deadline, not something done. */
  deadline: boolean;
}

export interface HistoryPart {
  appliedOn: string;
  completedOn: string;
  dueOn: string;
  repliedOn?: string | null;
  collectedOn?: string | null;
  shippedOn?: string | null;
  receivedOn?: string | null;
  determination?: { reviewedOn: string; dueOn: string; determinedOn?: string | null } | null;
}

/** The steps in the order the work goes, for ties on one day. */
const ORDER: readonly HistoryKind[] = [
  'applied',
  'completed',
  'replied',
  'collected',
  'shipped',
  'received',
  'reviewed',
  'determined',
  'due',
  'determinationDue',
];

export function historyOf(part: HistoryPart): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const add = (kind: HistoryKind, on: string | null | undefined, deadline = false) => {
    if (on) events.push({ kind, on, deadline });
  };
  add('applied', part.appliedOn);
  add('completed', part.completedOn);
  add('due', part.dueOn, true);
  add('replied', part.repliedOn);
  add('collected', part.collectedOn);
  add('shipped', part.shippedOn);
  add('received', part.receivedOn);
  const determination = part.determination;
  if (determination) {
    add('reviewed', determination.reviewedOn);
    add('determined', determination.determinedOn);
    // A deadline met is no longer news.
    if (!determination.determinedOn) add('determinationDue', determination.dueOn, true);
  }
  return events.sort((a, b) => a.on.localeCompare(b.on) || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}
