// Money arrives as decimal strings ("1234.5"); sums are kept in whole cents
// (BigInt) so that adding many values never picks up float error.

function toCents(value: string): bigint {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return 0n;
  const [, sign, whole = '', fraction = ''] = match;
  const cents = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return sign ? -cents : cents;
}

function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function addMoney(a: string, b: string): string {
  return fromCents(toCents(a) + toCents(b));
}

/** A decimal string with thousands separators and two decimals. */
export function formatMoney(value: string, locale: 'zh' | 'en'): string {
  const [whole, fraction] = fromCents(toCents(value)).split('.');
  const grouped = Number(whole).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  return `${grouped}.${fraction}`;
}
