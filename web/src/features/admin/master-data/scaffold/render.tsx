// How list cells show the API's values: blanks, yes/no, enum words, money.
import { Tag } from 'antd';
import type { Locale } from '../../../../app/i18n';
import type { Words } from './types';

export function text(value: string | null | undefined) {
  return value ? value : '—';
}

export function yesNo(value: boolean, locale: Locale) {
  return value ? <Tag color="blue">{locale === 'zh' ? '是' : 'Yes'}</Tag> : <Tag>{locale === 'zh' ? '否' : 'No'}</Tag>;
}

export function word<E extends string>(words: Words<E>, value: E, locale: Locale): string {
  const pair = words[value];
  return pair ? pair[locale === 'zh' ? 0 : 1] : value;
}

/** A decimal as the API sent it (exact), with the yuan sign for money. */
export function money(value: string) {
  return `¥${value}`;
}
