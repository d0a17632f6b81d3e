// Report periods as the API writes them: a month `2026-09`, a quarter
// `2026-Q3` or a year `2026`; each covers [from, to) in calendar days.
import type { Locale } from '../../app/i18n';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month 1–12 or quarter 1–4; 1 for a year. */
  index: number;
}

export interface Bounds {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Day after the last, `YYYY-MM-DD`. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number) => `${year}-${pad(month)}-01`;

/** `2026-09`, `2026-Q3` or `2026`; anything else is null. */
export function parsePeriod(text: string | null | undefined): Period | null {
  if (!text) return null;
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const index = Number(m[2]);
    return index >= 1 && index <= 12 ? { kind: 'month', year: Number(m[1]), index } : null;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = /^(\d{4})$/.exec(text);
  if (m) return { kind: 'year', year: Number(m[1]), index: 1 };
  return null;
}

export function periodText(p: Period): string {
  if (p.kind === 'month') return `${p.year}-${pad(p.index)}`;
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return String(p.year);
}

/** The first month of the period and how many months it spans. */
function monthsOf(p: Period): [first: number, count: number] {
  if (p.kind === 'month') return [p.index, 1];
  if (p.kind === 'quarter') return [(p.index - 1) * 3 + 1, 3];
  return [1, 12];
}

/** Adds `n` months to (year, month). */
function addMonths(year: number, month: number, n: number): [number, number] {
  const zero = year * 12 + (month - 1) + n;
  return [Math.floor(zero / 12), (zero % 12) + 1];
}

export function boundsOf(p: Period): Bounds {
  const [first, count] = monthsOf(p);
  const [ty, tm] = addMonths(p.year, first, count);
  return { from: day(p.year, first), to: day(ty, tm) };
}

/** The period of `kind` that contains `today`. */
export function periodContaining(kind: PeriodKind, today: Date): Period {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  if (kind === 'month') return { kind, year, index: month };
  if (kind === 'quarter') return { kind, year, index: Math.ceil(month / 3) };
  return { kind, year, index: 1 };
}

/** The period of the same kind just before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return { ...p, year: p.year - 1 };
  const per = p.kind === 'month' ? 12 : 4;
  return p.index === 1 ? { ...p, year: p.year - 1, index: per } : { ...p, index: p.index - 1 };
}

/** The period of the same kind just after. */
export function nextPeriod(p: Period): Period {
  if (p.kind === 'year') return { ...p, year: p.year + 1 };
  const per = p.kind === 'month' ? 12 : 4;
  return p.index === per ? { ...p, year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 };
}

/** The `count` months that end with the period's last month, never past `today`'s month. */
export function trendMonths(p: Period, count: number, today: Date): Period[] {
  const [first, span] = monthsOf(p);
  let [year, month] = addMonths(p.year, first, span - 1);
  const nowZero = today.getFullYear() * 12 + today.getMonth();
  if (year * 12 + month - 1 > nowZero) [year, month] = [today.getFullYear(), today.getMonth() + 1];
  const months: Period[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const [y, m] = addMonths(year, month, -i);
    months.push({ kind: 'month', year: y, index: m });
  }
  return months;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The period in words: 2026年第3季度 / Q3 2026. */
export function periodLabel(p: Period, locale: Locale): string {
  if (locale === 'zh') {
    if (p.kind === 'month') return `${p.year}年${p.index}月`;
    if (p.kind === 'quarter') return `${p.year}年第${p.index}季度`;
    return `${p.year}年`;
  }
  if (p.kind === 'month') return `${MONTHS_EN[p.index - 1] ?? p.index} ${p.year}`;
  if (p.kind === 'quarter') return `Q${p.index} ${p.year}`;
  return String(p.year);
}

/** A month on a chart's axis: 9月 / Sep, with the year where it changes. */
export function monthTick(p: Period, locale: Locale, withYear: boolean): string {
  if (locale === 'zh') return withYear ? `${p.year}年${p.index}月` : `${p.index}月`;
  const name = MONTHS_EN[p.index - 1] ?? String(p.index);
  return withYear ? `${name} ${p.year}` : name;
}
