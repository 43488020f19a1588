/**
 * Locale-aware formatting. Money arrives as integer minor units plus an ISO 4217 code and is formatted by
 * core/money (the same function the API's explanations use), so R$ 250,00 reads the same everywhere.
 */
import { CURRENCY_EXPONENTS, formatMoney, type Currency } from "../../../core/money";

export type Locale = "pt-BR" | "en";

const isCurrency = (c: string): c is Currency => c in CURRENCY_EXPONENTS;

export function money(amount: number, currency: string, locale: Locale): string {
  if (isCurrency(currency)) return formatMoney({ amount, currency }, locale);
  return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
}

export function number(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function percent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

export function date(iso: string, locale: Locale): string {
  // Plain days (YYYY-MM-DD, the report's keys) are the merchant's calendar days: format them at noon UTC so
  // no time zone shifts them to the day before.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(iso.length === 10 ? { timeZone: "UTC" } : {}) }).format(d);
}

export function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
}

/**
 * A decimal a person typed ("250,00", "1.250,5", "250.00") → an integer count of 10^-places, or null. The
 * locale's decimal separator decides; digits are handled as text so no float ever holds money.
 */
export function parseDecimal(text: string, places: number, locale: Locale): number | null {
  const decimal = locale === "pt-BR" ? "," : ".";
  const group = decimal === "," ? "." : ",";
  const cleaned = text.trim().replace(/\s|\u00a0/g, "").split(group).join("");
  const m = new RegExp(`^(\\d+)(?:\\${decimal}(\\d*))?$`).exec(cleaned);
  if (!m) return null;
  const fraction = m[2] ?? "";
  if (fraction.length > places) return null;
  const scaled = Number(m[1]) * 10 ** places + Number(fraction.padEnd(places, "0") || "0");
  return Number.isSafeInteger(scaled) ? scaled : null;
}

/** An amount typed in major units → integer minor units of the currency, or null. */
export function parseMoneyInput(text: string, currency: string, locale: Locale): number | null {
  return parseDecimal(text, isCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2, locale);
}

/** Decimal text for an integer count of 10^-places, in the locale's notation without grouping. */
export function decimalText(scaled: number, places: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: places, useGrouping: false }).format(scaled / 10 ** places);
}

/** Minor units → the text a money input shows (no currency sign, the locale's decimal separator). */
export function moneyInputText(minor: number, currency: string, locale: Locale): string {
  const exponent = isCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent, useGrouping: false }).format(minor / 10 ** exponent);
}
