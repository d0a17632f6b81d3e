// The API writes some steps' reasons itself, in English ("FREE: in warranty
// until 2027-04-11", "quoted 19879.70 (standard 20926.00)", "signed by …"),
// and keeps the triage's explanation as the ticket's entitlement note. The
// console words the ones it knows in the reader's language; anything else
// (what a person typed) is shown as written.
import { format, type Locale } from '../../../app/i18n';
import { CHANNEL, label, SERVICE_TYPE } from '../../../components/labels';
import type { Channel, ServiceType } from '../../../gql/enums';
import { money } from './format';
import { ticketMessages, type TicketMessageKey } from './messages';

const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;
const AMOUNT = String.raw`(-?\d+(?:\.\d+)?)`;

/** The entitlement's explanation, the triage note after "; " kept as typed. */
const EXPLANATIONS: [RegExp, TicketMessageKey][] = [
  [new RegExp(`^in warranty until ${DATE}`), 'coverWarranty'],
  [new RegExp(`^under service contract until ${DATE}`), 'coverContract'],
  [new RegExp(`^warranty starts on ${DATE} \\(the invoice date\\)`), 'coverNotStarted'],
  [new RegExp(`^warranty expired on ${DATE}`), 'coverExpired'],
  [/^no invoice date: the unit has no warranty yet/, 'coverNoInvoice'],
];

function say(locale: Locale, key: TicketMessageKey, values?: Record<string, string>): string {
  return format(ticketMessages[locale][key], values);
}

/** The entitlement note in the reader's words; null when it is not the API's wording. */
function explanation(text: string, locale: Locale): string | null {
  for (const [pattern, key] of EXPLANATIONS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match[0].length);
    if (rest !== '' && !rest.startsWith('; ')) return null;
    const words = say(locale, key, match[1] ? { date: match[1] } : undefined);
    return rest ? `${words}${locale === 'zh' ? '；' : '; '}${rest.slice(2)}` : words;
  }
  return null;
}

/** A ticket's entitlement note (分诊说明) in the reader's words. */
export function readableNote(note: string, locale: Locale): string {
  return explanation(note, locale) ?? note;
}

/** A step's reason in the reader's words. */
export function readableReason(reason: string, locale: Locale): string {
  const colon = locale === 'zh' ? '：' : ': ';
  let m = /^(FREE|CONTRACT|PAID|OTHER): (.*)$/s.exec(reason);
  if (m) {
    const words = explanation(m[2]!, locale);
    if (words) return `${label(SERVICE_TYPE, m[1] as ServiceType, locale)}${colon}${words}`;
  }
  if ((m = new RegExp(`^quoted ${AMOUNT} \\(standard ${AMOUNT}\\)$`).exec(reason))) {
    return say(locale, 'reasonQuoted', { total: money(m[1]!), standard: money(m[2]!) });
  }
  if ((m = new RegExp(`^customer accepted quote ${AMOUNT}$`).exec(reason))) {
    return say(locale, 'reasonQuoteAccepted', { total: money(m[1]!) });
  }
  if ((m = /^reported by ([A-Z_]+)$/.exec(reason)) && m[1]! in CHANNEL) {
    return say(locale, 'reasonReported', { channel: label(CHANNEL, m[1] as Channel, locale) });
  }
  if ((m = /^dispatched \((manual|rotation)\)$/.exec(reason))) {
    return say(locale, m[1] === 'manual' ? 'reasonDispatchedManual' : 'reasonDispatchedRotation');
  }
  if ((m = /^signed by (.+)$/s.exec(reason))) {
    return say(locale, 'reasonSigned', { name: m[1]! });
  }
  if ((m = /^satisfaction (\d+), solved: (true|false)$/.exec(reason))) {
    return say(locale, 'reasonVisit', { score: m[1]!, solved: say(locale, m[2] === 'true' ? 'yes' : 'no') });
  }
  return reason;
}
