/** The message catalog and formatters for the chosen locale, as a context; the choice is remembered. */
import { createContext, createSignal, useContext, type Accessor, type ParentProps } from "solid-js";
import { en, type MessageKey } from "./en";
import * as f from "./format";
import { ptBR } from "./pt-BR";

export type { Locale } from "./format";
const catalogs: Record<f.Locale, Record<MessageKey, string>> = { en, "pt-BR": ptBR };
const LOCALE_KEY = "indica.locale";

export interface I18n {
  locale: Accessor<f.Locale>;
  setLocale(l: f.Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  money(amount: number, currency: string): string;
  number(n: number): string;
  percent(ratio: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

export function preferredLocale(): f.Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === "en" || saved === "pt-BR") return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith("pt") === false ? "en" : "pt-BR";
}

export function createI18n(initial: f.Locale): I18n {
  const [locale, setLocaleSignal] = createSignal(initial);
  const apply = (l: f.Locale) => {
    if (typeof document !== "undefined") document.documentElement.lang = l;
  };
  apply(initial);
  return {
    locale,
    setLocale(l) {
      setLocaleSignal(l);
      globalThis.localStorage?.setItem(LOCALE_KEY, l);
      apply(l);
    },
    t(key, vars) {
      const text = catalogs[locale()][key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
    },
    money: (amount, currency) => f.money(amount, currency, locale()),
    number: (n) => f.number(n, locale()),
    percent: (r) => f.percent(r, locale()),
    date: (iso) => f.date(iso, locale()),
    dateTime: (iso) => f.dateTime(iso, locale()),
  };
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: ParentProps<{ i18n: I18n }>) {
  return <I18nContext.Provider value={props.i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
