// The quality policy's numbers (DOMAIN.md §8) as the dashboards draw them.
// The API applies its configured policy and sends only the verdicts
// (`tooFrequent`, `tooManyParts`, `level`); the limits themselves are not in
// the schema, so the lines and sentences use the documented defaults.

/** The same failure cause at most this many times a quarter. */
export const RECURRENCE_LIMIT = 10;
/** At most this many parts replaced in one occurrence. */
export const PARTS_LIMIT = 3;
/** Returns of one model and production date that make a batch incident. */
export const BATCH_UNITS = 50;
/** … and a major one. */
export const MAJOR_UNITS = 500;
/** A loss that makes an incident major. */
export const MAJOR_LOSS = '20,000';
