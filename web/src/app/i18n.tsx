// Chinese by default, English as a switch. Each feature keeps its own
// messages beside its pages and reads them with `useT(messages)`; the chosen
// language is remembered on the device.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh' | 'en';

/** A feature's messages: the same keys in both languages. */
export type Messages<K extends string> = { zh: Record<K, string>; en: Record<K, string> };

/** Declares a feature's messages, checking that both languages have every key. */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

const STORAGE_KEY = 'aftersales.locale';

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'zh', setLocale: () => {} });

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** Fills `{name}` placeholders. */
export function format(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `t(key, values)` over a feature's messages in the current language. */
export function useT<K extends string>(messages: Messages<K>) {
  const { locale } = useLocale();
  return useCallback(
    (key: K, values?: Record<string, string | number>) => format(messages[locale][key], values),
    [messages, locale],
  );
}
