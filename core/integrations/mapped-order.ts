/**
 * What a platform webhook becomes: the same conversion and refund inputs a merchant's server would send to
 * /v1/conversions and /v1/refunds, so imported orders go through the one existing pipeline. A payload that
 * cannot be mapped says why; a topic we do not import is ignored, not a failure.
 */
import { isId } from "../ids";
import { CURRENCY_EXPONENTS, type Currency } from "../money";
import type { ConversionInput, RefundInput } from "../schemas/tracking";

/** Before validation: the route checks each one against the edge's own schemas. */
export type ConversionDraftInput = Omit<ConversionInput, "status"> & { status: ConversionInput["status"] };

export type MappedWebhook =
  | { kind: "mapped"; conversions: ConversionDraftInput[]; refunds: RefundInput[] }
  | { kind: "ignored"; reason: string }
  | { kind: "unmappable"; reason: string };

export const mapped = (conversions: ConversionDraftInput[], refunds: RefundInput[] = []): MappedWebhook => ({ kind: "mapped", conversions, refunds });
export const ignored = (reason: string): MappedWebhook => ({ kind: "ignored", reason });
export const unmappable = (reason: string): MappedWebhook => ({ kind: "unmappable", reason });

/** Names under which a store carries the click id (cart attributes, order meta, metadata). */
export const CLICK_KEYS = ["indica_cid", "_indica_cid", "indica_click_id", "indicaClickId"];

/** A click id from key/value pairs (note_attributes, meta_data, metadata), if one holds a well-formed one. */
export function clickIdFrom(pairs: Iterable<[string, unknown]>): string | undefined {
  for (const [key, value] of pairs) {
    if (CLICK_KEYS.includes(key) && isId("click", value)) return value;
  }
  return undefined;
}

/** The click id in a landing URL's query (`?indica_cid=clk_...`), as the redirect appends it. */
export function clickIdFromUrl(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  try {
    const url = new URL(raw, "https://landing.invalid");
    return clickIdFrom(url.searchParams.entries());
  } catch {
    return undefined;
  }
}

export function currencyOf(raw: unknown): Currency | null {
  const code = typeof raw === "string" ? raw.toUpperCase() : "";
  return code in CURRENCY_EXPONENTS ? (code as Currency) : null;
}

/**
 * "199.90" in BRL → 19990, exactly, without floats: platforms send money as decimal strings. Null when the
 * text is not a plain decimal or has more places than the currency has minor units.
 */
export function decimalToMinor(raw: unknown, currency: Currency): number | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const m = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const exponent = CURRENCY_EXPONENTS[currency];
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > exponent) return null;
  const minor = Number(m[2]) * 10 ** exponent + Number(frac.padEnd(exponent, "0") || "0");
  return Number.isSafeInteger(minor) ? (m[1] ? -minor : minor) : null;
}

/** ISO date-time with offset, or undefined (the pipeline then uses the time of receipt). */
export function isoTime(raw: unknown): string | undefined {
  if (typeof raw === "number" && Number.isFinite(raw)) return new Date(raw * 1000).toISOString();
  if (typeof raw !== "string") return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asText = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
