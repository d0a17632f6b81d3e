// Exact decimal arithmetic on the API's `Decimal` strings, shared by the
// features that compute or show money (old-part lots, approvals).

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

/** Whether `text` is a plain decimal number (`12`, `-3.5`, `.25`). */
export function isDecimal(text: string): boolean {
  const match = DECIMAL.exec(text);
  return !!match && (match[2] ?? '') + (match[3] ?? '') !== '';
}

function parse(text: string): Scaled {
  const match = DECIMAL.exec(text);
  if (!match || !isDecimal(text)) throw new Error(`not a decimal: ${text}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const units = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** `numerator / denominator` rounded half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

export function add(...terms: string[]): string {
  const values = terms.map(parse);
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return format({ units: values.reduce((sum, v) => sum + rescale(v, scale), 0n), scale });
}

export function subtract(a: string, b: string): string {
  const y = parse(b);
  return add(a, format({ units: -y.units, scale: y.scale }));
}

export function multiply(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  return format({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** `a` with exactly `places` decimals, rounded half away from zero. */
export function round(a: string, places: number): string {
  const x = parse(a);
  if (x.scale <= places) return format({ units: rescale(x, places), scale: places });
  return format({ units: divideRounded(x.units, 10n ** BigInt(x.scale - places)), scale: places });
}

/** `a / b` with `places` decimals, rounded half away from zero. */
export function divide(a: string, b: string, places: number): string {
  const x = parse(a);
  const y = parse(b);
  if (y.units === 0n) throw new Error('division by zero');
  // a / b = (ua / 10^sa) / (ub / 10^sb); scaled by 10^places.
  const numerator = x.units * 10n ** BigInt(places + y.scale);
  const denominator = y.units * 10n ** BigInt(x.scale);
  return format({ units: divideRounded(numerator, denominator), scale: places });
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compare(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Rounded to cents, always two decimals: how money is shown and compared. */
export function cents(a: string): string {
  return round(a, 2);
}

/** `¥1,234.50` from a decimal string, without going through a float. */
export function money(amount: string): string {
  const fixed = cents(amount);
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction = '00'] = fixed.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${fraction}`;
}
