// Choices for the repair form that work offline: the fault causes and the
// parts the phone has seen, searched locally when the server is away.
import type { CauseChoice, PartChoice } from './store';

/** Parts whose name contains, or whose number starts with, `search` (case-insensitive). */
export function searchParts(parts: readonly PartChoice[], search: string, limit = 20): PartChoice[] {
  const needle = search.trim().toLowerCase();
  const found = needle
    ? parts.filter((p) => p.name.toLowerCase().includes(needle) || p.partNumber.toLowerCase().startsWith(needle))
    : parts;
  return found.slice(0, limit);
}

/** `known` with `more` added (a part seen again replaces the old copy). */
export function mergeParts(known: readonly PartChoice[], more: readonly PartChoice[]): PartChoice[] {
  const byId = new Map(known.map((p) => [p.id, p]));
  for (const part of more) byId.set(part.id, { id: part.id, name: part.name, partNumber: part.partNumber });
  return [...byId.values()];
}

/**
 * A replaced part's name: as the server gives it, else (a step still in the
 * outbox, a job kept before the server named parts) from the parts seen, else its id.
 */
export function replacedPartName(replaced: { partId: string; part?: { name: string } | null }, parts: readonly PartChoice[]): string {
  return replaced.part?.name || parts.find((p) => p.id === replaced.partId)?.name || replaced.partId;
}

/** The causes of the job's fault category first (the likely ones), then the rest, each by code. */
export function causesFor(causes: readonly CauseChoice[], category: string): CauseChoice[] {
  return [...causes].sort(
    (a, b) => Number(b.faultCategory === category) - Number(a.faultCategory === category) || a.code.localeCompare(b.code),
  );
}

/** Labour hours as the API takes them: 0–1 000, at most two decimals. */
export function validLabourHours(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(trimmed)) return false;
  const [whole, fraction = ''] = trimmed.split('.');
  // Compared as text: 1000 is the most, 1000.00 still allowed.
  return Number(whole) < 1000 || (Number(whole) === 1000 && /^0*$/.test(fraction));
}
