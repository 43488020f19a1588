/**
 * Visits that came through no affiliate, for the `directOrganic: breaks_credit` conflict rule. The data: the
 * browser snippet's page views (the `events` table), of which the entries (no referrer, or another site's)
 * start a visit; an entry right after an affiliate click is that click's own landing page.
 */
/** An entry this soon after an affiliate click is that click's landing, not a visit of its own. */
export const LANDING_GRACE_MS = 30 * 60_000;

/**
 * The latest visit that came through no affiliate: an entry from outside the shop with no click of the
 * shopper in the half hour before it. Null when there is none.
 */
export function lastDirectVisit(entries: readonly number[], clicks: readonly number[], from: number, to: number): number | null {
  let latest: number | null = null;
  for (const at of entries) {
    if (at < from || at > to || (latest !== null && at <= latest)) continue;
    if (!clicks.some((c) => c <= at && at - c <= LANDING_GRACE_MS)) latest = at;
  }
  return latest;
}
