// How the ticket page writes times and money.
import dayjs from 'dayjs';

export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/** `¥1,234.50` from a decimal string, without going through a float. */
export function money(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** A quoted part as the desk names it: its number, then its name. */
export function partLabel(part: { partNumber: string; name: string } | null | undefined): string {
  return part ? `${part.partNumber} ${part.name}` : '—';
}
