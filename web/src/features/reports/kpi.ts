// The KPIs the dashboards show, each held against its target the way the
// API says (`goal`), and how a figure is written.
import type { KpiGoal } from '../../gql/enums';
import type { ReportKpiFiguresFragment } from '../../gql/graphql';

export interface KpiValue {
  value?: string | null;
  target: string;
  goal: KpiGoal;
  met?: boolean | null;
}

/** The KPIs with a target, in the order the management reads them. */
export const TARGETED = ['timeliness', 'satisfaction', 'serviceComplaintRate', 'costToSales'] as const;
export type TargetedKpi = (typeof TARGETED)[number];

/** Figures without a target: rates in %, times in hours, money. */
export const PLAIN = [
  'firstTimeFixRate',
  'meanHoursToRespond',
  'meanHoursToArrive',
  'meanHoursToRepair',
  'costPerTicket',
] as const;
export type PlainKpi = (typeof PLAIN)[number];

export type Verdict = 'met' | 'missed' | 'none';

/** Met, missed, or nothing to count. */
export function verdict(kpi: KpiValue): Verdict {
  if (kpi.value == null || kpi.met == null) return 'none';
  return kpi.met ? 'met' : 'missed';
}

/** The target as a rule: ≥ 90 %, < 3 %, ≤ 2 %. */
export function targetRule(kpi: Pick<KpiValue, 'target' | 'goal'>): string {
  const sign = kpi.goal === 'AT_LEAST' ? '≥' : kpi.goal === 'BELOW' ? '<' : '≤';
  return `${sign} ${trimNumber(kpi.target)} %`;
}

/** A decimal string without trailing zeros: "90.00" → "90". */
export function trimNumber(text: string): string {
  const n = Number(text);
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : text;
}

/** A percentage with one decimal, or a dash. */
export function percent(text: string | null | undefined): string {
  if (text == null) return '–';
  const n = Number(text);
  return Number.isFinite(n) ? `${n.toFixed(1)} %` : '–';
}

/** Hours with one decimal, or a dash. */
export function hours(text: string | null | undefined, unit: string): string {
  if (text == null) return '–';
  const n = Number(text);
  return Number.isFinite(n) ? `${n.toFixed(1)} ${unit}` : '–';
}

/** Money with two decimals and thousands separators, or a dash. */
export function money(text: string | null | undefined): string {
  if (text == null) return '–';
  const n = Number(text);
  return Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : '–';
}

/** A number for a chart (null where there is no figure). */
export function numeric(text: string | null | undefined): number | null {
  if (text == null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A percentage for a chart's label: one decimal, as the cards write it. */
export function chartPercent(text: string | null | undefined): number | null {
  const n = numeric(text);
  return n == null ? null : Math.round(n * 10) / 10;
}

/** The plain figure of `key`, written for reading. */
export function plainText(figures: ReportKpiFiguresFragment, key: PlainKpi, hourUnit: string): string {
  if (key === 'firstTimeFixRate') return percent(figures.firstTimeFixRate);
  if (key === 'costPerTicket') return money(figures.costPerTicket);
  return hours(figures[key], hourUnit);
}
