// A count (盘点): the keeper enters what is on the shelf for the parts they
// counted; each differs from the book by counted − on hand, and only the
// parts counted are sent (a part left blank was not counted, not zero).

export interface CountRow {
  partId: string;
  onHand: number;
}

export interface CountLine {
  partId: string;
  book: number;
  counted: number;
  difference: number;
}

/** The lines of a count, in the rows' order: every counted part with its difference. */
export function countLines(rows: readonly CountRow[], counts: Readonly<Record<string, number | null | undefined>>): CountLine[] {
  const lines: CountLine[] = [];
  for (const row of rows) {
    const counted = counts[row.partId];
    if (counted === null || counted === undefined || Number.isNaN(counted)) continue;
    lines.push({ partId: row.partId, book: row.onHand, counted, difference: counted - row.onHand });
  }
  return lines;
}

export interface CountSummary {
  counted: number;
  differing: number;
  /** Units found over the book, and missing from it (a positive number). */
  over: number;
  short: number;
}

export function summarise(lines: readonly CountLine[]): CountSummary {
  let over = 0;
  let short = 0;
  for (const line of lines) {
    if (line.difference > 0) over += line.difference;
    else short -= line.difference;
  }
  return { counted: lines.length, differing: lines.filter((line) => line.difference !== 0).length, over, short };
}

/** A signed number as the ledger shows it: +3, −2, 0. */
export function signed(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${-value}`;
  return '0';
}
