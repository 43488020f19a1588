/**
 * When an affiliate's traffic is an anomaly worth a merchant's attention. Both rules need a minimum volume
 * so that a quiet affiliate's first sale is not an "infinite" jump.
 */
export const ANOMALY_RULES = {
  /** Clicks in the last hour ≥ this many times the affiliate's hourly average of the week before… */
  clickSpikeFactor: 5,
  /** …and at least this many clicks. */
  clickSpikeMinimum: 50,
  /** Conversion rate over the last day ≥ this many times the rate of the two weeks before… */
  conversionRateFactor: 3,
  /** …with at least this many conversions in the day. */
  conversionRateMinimum: 10,
  /** The busiest minute of the last ten ≥ this many times the affiliate's per-minute average of the week before… */
  minuteSpikeFactor: 10,
  /** …and at least this many clicks in that minute. */
  minuteSpikeMinimum: 30,
} as const;

export type AlertKind = "affiliate_click_spike" | "affiliate_minute_spike" | "affiliate_conversion_rate_spike";

export interface AlertPayload {
  id: string;
  kind: AlertKind;
  tenantId: string;
  affiliateId: string;
  windowStart: string;
  observed: number;
  baseline: number;
  details: Record<string, unknown>;
}

/** The merchant-facing sentence for an alert, in the webhook and the dashboard. */
export function describeAlert(a: Pick<AlertPayload, "kind" | "observed" | "baseline">): string {
  if (a.kind === "affiliate_click_spike") return `Clicks in the last hour: ${a.observed}, against about ${a.baseline} an hour the week before.`;
  if (a.kind === "affiliate_minute_spike") return `Clicks in one minute: ${a.observed}, against about ${a.baseline / 100} a minute the week before.`;
  return `Conversion rate over the last day: ${a.observed / 10}%, against ${a.baseline / 10}% the two weeks before.`;
}
