// Small conversions between what a form or the URL holds and what the API
// takes: optional text as null when left blank, yes/no filters as booleans,
// a year as its first and last day.

/** Trimmed text, or null when blank (an optional input left empty). */
export function optional(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** Trimmed text (a required input; the server refuses it blank). */
export function required(text: string | null | undefined): string {
  return text?.trim() ?? '';
}

/** A yes/no filter's URL value as the API's boolean; undefined for either. */
export function flag(value: string | undefined): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/** The first and last day of `year` (a four-digit URL value), else of `fallback`. */
export function yearRange(value: string | undefined, fallback: number): { from: string; to: string } {
  const year = value && /^\d{4}$/.test(value) ? Number(value) : fallback;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A non-negative decimal as the API takes it (`12`, `12.5`, `0.25`): money never becomes a float. */
export function isPlainDecimal(text: string): boolean {
  return /^\d+(\.\d+)?$/.test(text.trim());
}
