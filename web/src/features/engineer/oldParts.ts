// The old parts an engineer owes, the most pressing first: late ones (most
// days late first), then by due date.

export interface OwedPart {
  overdue: boolean;
  delayDays: number;
  dueOn: string;
  approvalNumber: string;
}

export function lateFirst<T extends OwedPart>(parts: readonly T[]): T[] {
  return [...parts].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      b.delayDays - a.delayDays ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.approvalNumber.localeCompare(b.approvalNumber),
  );
}
