/**
 * Client-side checks of what the page passes in. The server validates the whole batch and refuses it on
 * the first bad field, so one sloppy call would otherwise lose every event sent alongside it.
 */
import type { ConversionDetails, LineItem, Props, Warn } from "./types";

const CONTROL = /[\0-\x1f\x7f]/;

/** A non-empty string of at most `max` characters; numbers are accepted because many shops use numeric ids. */
function text(value: unknown, max: number): string | undefined {
  const s = typeof value == "number" ? String(value) : value;
  return typeof s == "string" && s && s.length <= max && !CONTROL.test(s) ? s : undefined;
}

const integer = (value: unknown, min: number, max = 1 / 0): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * The server's cap on money amounts, MAX_MINOR_UNITS in core/money.ts (copied, as core is not bundled; the
 * tests check they agree): an order above it would get the whole batch refused.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

export const eventName = (value: unknown): string | undefined => text(value, 64);

/** Keeps the properties the server accepts; long strings are cut rather than failing the batch. */
export function cleanProps(input: unknown, warn: Warn): Props | undefined {
  if (input == null) return undefined;
  const out: Props = {};
  let kept = 0;
  let dropped = typeof input != "object";
  for (const [key, raw] of Object.entries(dropped ? {} : (input as object))) {
    const value = typeof raw == "string" ? raw.replace(/[\0-\x1f\x7f]/g, "").slice(0, 512) : raw;
    const ok = typeof value == "string" || typeof value == "boolean" || Number.isFinite(value);
    if (ok && kept < 25 && key.length <= 64 && !CONTROL.test(key)) out[key] = value, kept++;
    else dropped = true;
  }
  if (dropped) warn("invalid props dropped");
  return kept ? out : undefined;
}

/** Optional descriptive fields that do not fit are left out; the fields that carry money must be right. */
function cleanItem(raw: unknown): LineItem | undefined {
  const { sku, name, category, quantity, unitAmount } = (raw || {}) as Record<string, unknown>;
  const id = text(sku, 128);
  if (!id || !integer(quantity, 1, 100_000) || !integer(unitAmount, 0, MAX_AMOUNT) || unitAmount * quantity > MAX_AMOUNT) return undefined;
  return { sku: id, name: text(name, 256), category: text(category, 128), quantity, unitAmount };
}

/**
 * The conversion object exactly as conversionDetailsSchema wants it, or null (with a warning) when the
 * order cannot be sent. A float amount is refused rather than rounded: guessing the cents is worse than
 * a visible warning during integration.
 */
export function cleanConversion(input: unknown, warn: Warn): ConversionDetails | null {
  const { orderId, amount, currency, items, coupon } = (input || {}) as Record<string, unknown>;
  const id = text(orderId, 128);
  const code = String(currency).toUpperCase();
  if (!id || !integer(amount, 0, MAX_AMOUNT) || !/^[A-Z]{3}$/.test(code)) {
    warn("conversion skipped: needs orderId, currency, amount in integer minor units; got", input);
    return null;
  }
  const out: ConversionDetails = { orderId: id, amount, currency: code, coupon: text(coupon, 64) };
  // A partial item list would misstate the order, so it is all or nothing; the amount is what gets paid on.
  const list = Array.isArray(items) && items.length <= 200 ? items.map(cleanItem) : [undefined];
  if (list.every((i): i is LineItem => !!i)) out.items = list;
  if ((items != null && !out.items) || (coupon != null && !out.coupon)) warn("invalid items/coupon dropped");
  return out;
}
