/**
 * The wire format, mirroring core/schemas/tracking.ts (browserEventBatchSchema). The script cannot import
 * zod (size budget), so tracker/src/contract.test.ts parses what the script builds with the real schema.
 */
export type Consent = "granted" | "denied" | "unknown";
export type EventType = "pageview" | "lead" | "conversion" | "custom" | "identify";
export type Props = Record<string, string | number | boolean>;

export type LineItem = { sku: string; name?: string; category?: string; quantity: number; unitAmount: number };

export type ConversionDetails = {
  orderId: string;
  /** Integer minor units (centavos): floats cannot hold money exactly. */
  amount: number;
  currency: string;
  items?: LineItem[];
  coupon?: string;
};

export type TrackerEvent = {
  id: string;
  type: EventType;
  name?: string;
  url: string;
  referrer?: string;
  clickId?: string;
  clickIdSource?: "url" | "local_storage";
  props?: Props;
  identity?: { emailHash?: string; customerIdHash?: string };
  conversion?: ConversionDetails;
};

export type Batch = { site: string; consent: Consent; events: TrackerEvent[] };

/** console.warn with our prefix; an Error is passed as is so the console shows its stack. */
export type Warn = (...parts: unknown[]) => void;
