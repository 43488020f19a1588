/**
 * Money is an integer amount of a currency's minor unit (centavos for BRL) plus its ISO 4217 code.
 * Floats never hold money: a float cannot represent R$ 0,10 exactly and errors accumulate over a ledger.
 */
import { z } from "zod";

/**
 * Minor-unit exponent (ISO 4217) of the currencies we accept; anything else is rejected at the edge. Latin
 * America first, and the currencies a European shop sells in (a German shop takes CHF and PLN orders).
 */
export const CURRENCY_EXPONENTS = {
  BRL: 2, USD: 2, EUR: 2, GBP: 2, ARS: 2, MXN: 2, CLP: 0, COP: 2, PEN: 2, UYU: 2, PYG: 0, CAD: 2, JPY: 0,
  BOB: 2, CRC: 2, DOP: 2, GTQ: 2, CHF: 2, PLN: 2, SEK: 2, DKK: 2, NOK: 2, CZK: 2, HUF: 2, RON: 2, ISK: 0,
  AUD: 2, NZD: 2,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const currencySchema = z.enum(Object.keys(CURRENCY_EXPONENTS) as [Currency, ...Currency[]]);

/**
 * The largest amount of money one field may carry, in minor units: 10^12 (R$ 10 billion). Totals of many
 * amounts must stay exact, and JavaScript numbers (Postgres sums read back) are exact only below 2^53
 * (about 9 × 10^15): under this cap about 9,000 maximal orders still add up to the centavo.
 */
export const MAX_MINOR_UNITS = 1_000_000_000_000;
export const OVER_MAX_MINOR_UNITS = `must be at most ${MAX_MINOR_UNITS} (minor units)`;
const NOT_MINOR_UNITS = "must be an integer number of minor units (e.g. centavos)";

/**
 * An amount of money from 0 (above 0 when `positive`) up to MAX_MINOR_UNITS. Each failure gets one message:
 * the bounds are checked first and stop the rest (`abort`), so 9 × 10^20 is only "at most ...", not also
 * zod's own safe-integer error, and a fraction within the bounds is only "must be an integer ...".
 */
export function minorUnits({ positive = false } = {}) {
  return z
    .number()
    .check(positive ? z.gt(0, { message: "must be positive", abort: true }) : z.gte(0, { message: "must not be negative", abort: true }))
    .max(MAX_MINOR_UNITS, { message: OVER_MAX_MINOR_UNITS, abort: true })
    .int(NOT_MINOR_UNITS);
}

export const minorUnitsSchema = minorUnits();

export const moneySchema = z.object({ amount: minorUnitsSchema, currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

export function money(amount: number, currency: Currency): Money {
  return moneySchema.parse({ amount, currency });
}

/** Human formatting for UIs and explanations, e.g. `R$ 250,00` in pt-BR. */
export function formatMoney(m: Money, locale = "pt-BR"): string {
  const exponent = CURRENCY_EXPONENTS[m.currency];
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: m.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(m.amount / 10 ** exponent);
}

/** "5.123456" → 5123456: exchange rates travel as decimal strings and are kept as integer millionths. */
export const rateSchema = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, "a positive decimal with up to 6 places, e.g. \"5.123456\"")
  .transform((v) => {
    const [whole, frac = ""] = v.split(".");
    return Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0"));
  })
  .refine((micros) => micros > 0, "must be more than zero");

/**
 * Converts minor units of one currency into minor units of another at a rate in millionths (one unit of
 * `from` in units of `to`), in integers, rounding half to even; currencies with different minor-unit
 * exponents (BRL 2, CLP 0) convert correctly.
 */
export function convertMinor(amount: number, rateMicros: number, from: Currency, to: Currency): number {
  return convertVia(amount, rateMicros, 1_000_000, from, to);
}

/**
 * Converts minor units of `from` into minor units of `to` through a common base currency, given each one's
 * rate into the base in millionths (1,000,000 for the base itself), in one integer step rounded half to even
 * (no double rounding through the base): `amount × fromRate / toRate`, across minor-unit exponents.
 */
export function convertVia(amount: number, fromRateMicros: number, toRateMicros: number, from: Currency, to: Currency): number {
  const num = BigInt(amount) * BigInt(fromRateMicros) * BigInt(10) ** BigInt(CURRENCY_EXPONENTS[to]);
  const den = BigInt(toRateMicros) * BigInt(10) ** BigInt(CURRENCY_EXPONENTS[from]);
  const q = num / den;
  const twice = BigInt(2) * (num % den);
  if (twice < den) return Number(q);
  if (twice > den) return Number(q + BigInt(1));
  return Number(q % BigInt(2) === BigInt(0) ? q : q + BigInt(1));
}
