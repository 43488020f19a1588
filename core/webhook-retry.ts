/**
 * When a failed webhook delivery is tried again: an exponential-ish schedule (1 min, 5 min, 30 min, 2 h,
 * 12 h, 24 h) with ±20 % jitter, so endpoints that failed together (an outage on the merchant's side) are
 * not all hit again in the same second. After the last scheduled retry the delivery is `failed`.
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [60, 300, 1_800, 7_200, 43_200, 86_400] as const;

/** The first attempt plus one per scheduled retry. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_SECONDS.length + 1;

export const WEBHOOK_JITTER = 0.2;

/**
 * Seconds to wait after the `attempts`-th failed attempt, or null when no attempt is left.
 * `random` is a number in [0, 1), injectable for tests.
 */
export function webhookRetryDelaySeconds(attempts: number, random: number = Math.random()): number | null {
  if (attempts < 1 || attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  const base = WEBHOOK_RETRY_DELAYS_SECONDS[attempts - 1];
  return Math.round(base * (1 - WEBHOOK_JITTER + 2 * WEBHOOK_JITTER * random));
}
