// Drill-down from a failure cause to its repairs: what the drawer shows of
// each repair the API lists for the cause and quarter.
import type { RecurrenceRepairsQuery } from '../../gql/graphql';

export type Repair = RecurrenceRepairsQuery['recurrenceRepairs']['nodes'][number];

/** Repairs read per page ("load more" reads the next). */
export const PAGE_SIZE = 50;

/** Parts replaced in the repair. */
export function partsOf(repair: Pick<Repair, 'parts'>): number {
  return repair.parts.reduce((sum, p) => sum + p.quantity, 0);
}

/** The parts as "number name ×quantity", one per replaced line. */
export function partLines(repair: Pick<Repair, 'parts'>): string[] {
  return repair.parts.map((p) => {
    const name = p.part ? `${p.part.partNumber} ${p.part.name}` : '–';
    return `${name} ×${p.quantity}`;
  });
}

/**
 * The rows after a page arrives: the first page replaces them, a further one
 * is added (a repair already listed is not listed twice).
 */
export function withPage(rows: Repair[], page: Repair[], first: boolean): Repair[] {
  if (first) return page;
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((r) => !seen.has(r.id))];
}
