/**
 * The scheduled anomaly check: set-based over the event tables (partition-pruned by time), one insert of
 * the new alerts (idempotent per tenant, kind, affiliate and window), then delivery of undelivered alerts
 * to each merchant's webhook, signed like server-to-server requests.
 */
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { ANOMALY_RULES, describeAlert, type AlertKind } from "../../../../core/anomaly";
import { newId } from "../../../../core/ids";
import { signPayload } from "../../../../core/request-signature";
import { open } from "../../../../core/secret-box";
import { rowsOf, type Database } from "../../../../db/client";
import { alerts, signingSecrets, tenants } from "../../../../db/schema";

const MAX_DELIVERY_ATTEMPTS = 10;

type Found = {
  tenant_id: string;
  affiliate_id: string;
  observed: number;
  baseline: number;
};


async function clickSpikes(db: Database): Promise<Found[]> {
  const r = await db.execute<Found>(sql`
    WITH recent AS (
      SELECT tenant_id, affiliate_id, count(*)::int AS observed FROM clicks
      WHERE clicked_at > now() - interval '1 hour' AND NOT is_duplicate GROUP BY 1, 2
      HAVING count(*) >= ${ANOMALY_RULES.clickSpikeMinimum}
    ), base AS (
      SELECT c.tenant_id, c.affiliate_id, count(*)::float / 168 AS per_hour FROM clicks c
      JOIN recent r ON r.tenant_id = c.tenant_id AND r.affiliate_id = c.affiliate_id
      WHERE c.clicked_at > now() - interval '169 hours' AND c.clicked_at <= now() - interval '1 hour' AND NOT c.is_duplicate
      GROUP BY 1, 2
    )
    SELECT r.tenant_id, r.affiliate_id, r.observed, round(coalesce(b.per_hour, 0))::int AS baseline
    FROM recent r LEFT JOIN base b ON b.tenant_id = r.tenant_id AND b.affiliate_id = r.affiliate_id
    WHERE r.observed >= ${ANOMALY_RULES.clickSpikeFactor} * greatest(coalesce(b.per_hour, 0), 1)`);
  return rowsOf(r);
}

/**
 * An affiliate's busiest minute of the last ten against its per-minute average of the week before (in
 * hundredths, so it fits the integer column): bursts too short to move the hourly count.
 */
async function minuteSpikes(db: Database): Promise<Found[]> {
  const r = await db.execute<Found>(sql`
    WITH minutes AS (
      SELECT tenant_id, affiliate_id, date_trunc('minute', clicked_at) AS minute, count(*)::int AS n FROM clicks
      WHERE clicked_at > now() - interval '10 minutes' AND NOT is_duplicate GROUP BY 1, 2, 3
    ), peak AS (
      SELECT tenant_id, affiliate_id, max(n) AS observed FROM minutes GROUP BY 1, 2 HAVING max(n) >= ${ANOMALY_RULES.minuteSpikeMinimum}
    ), base AS (
      SELECT c.tenant_id, c.affiliate_id, count(*)::float / (7 * 24 * 60) AS per_minute FROM clicks c
      JOIN peak p ON p.tenant_id = c.tenant_id AND p.affiliate_id = c.affiliate_id
      WHERE c.clicked_at > now() - interval '7 days 10 minutes' AND c.clicked_at <= now() - interval '10 minutes' AND NOT c.is_duplicate
      GROUP BY 1, 2
    )
    SELECT p.tenant_id, p.affiliate_id, p.observed, round(100 * coalesce(b.per_minute, 0))::int AS baseline
    FROM peak p LEFT JOIN base b ON b.tenant_id = p.tenant_id AND b.affiliate_id = p.affiliate_id
    WHERE p.observed >= ${ANOMALY_RULES.minuteSpikeFactor} * greatest(coalesce(b.per_minute, 0), 0.1)`);
  return rowsOf(r);
}

/** Rates in tenths of a percent, so they fit the integer columns. */
async function conversionRateSpikes(db: Database): Promise<Found[]> {
  const r = await db.execute<Found>(sql`
    WITH conv AS (
      SELECT tenant_id, matched_affiliate_id AS affiliate_id,
        count(*) FILTER (WHERE occurred_at > now() - interval '1 day') AS recent,
        count(*) FILTER (WHERE occurred_at <= now() - interval '1 day') AS past
      FROM conversions WHERE occurred_at > now() - interval '15 days' AND matched_affiliate_id IS NOT NULL
      GROUP BY 1, 2 HAVING count(*) FILTER (WHERE occurred_at > now() - interval '1 day') >= ${ANOMALY_RULES.conversionRateMinimum}
    ), clk AS (
      SELECT c.tenant_id, c.affiliate_id,
        count(*) FILTER (WHERE c.clicked_at > now() - interval '1 day') AS recent,
        count(*) FILTER (WHERE c.clicked_at <= now() - interval '1 day') AS past
      FROM clicks c JOIN conv v ON v.tenant_id = c.tenant_id AND v.affiliate_id = c.affiliate_id
      WHERE c.clicked_at > now() - interval '15 days' AND NOT c.is_duplicate GROUP BY 1, 2
    )
    SELECT v.tenant_id, v.affiliate_id,
      round(1000.0 * v.recent / greatest(k.recent, 1))::int AS observed,
      round(1000.0 * v.past / greatest(k.past, 1))::int AS baseline
    FROM conv v JOIN clk k ON k.tenant_id = v.tenant_id AND k.affiliate_id = v.affiliate_id
    WHERE 1.0 * v.recent / greatest(k.recent, 1) >= ${ANOMALY_RULES.conversionRateFactor} * greatest(1.0 * v.past / greatest(k.past, 1), 0.01)`);
  return rowsOf(r);
}

/** Finds anomalies and records new alerts; returns how many were new. */
export async function detectAnomalies(db: Database, now = new Date()): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const found: [AlertKind, Found][] = [
    ...(await clickSpikes(db)).map((f): [AlertKind, Found] => ["affiliate_click_spike", f]),
    ...(await minuteSpikes(db)).map((f): [AlertKind, Found] => ["affiliate_minute_spike", f]),
    ...(await conversionRateSpikes(db)).map((f): [AlertKind, Found] => ["affiliate_conversion_rate_spike", f]),
  ];
  if (found.length === 0) return 0;
  const inserted = await db
    .insert(alerts)
    .values(found.map(([kind, f]) => ({ id: newId("alert"), tenantId: f.tenant_id, kind, affiliateId: f.affiliate_id, windowStart, observed: f.observed, baseline: f.baseline })))
    .onConflictDoNothing()
    .returning({ id: alerts.id });
  return inserted.length;
}

/** Posts undelivered alerts to their merchants' webhooks; a failure is retried on the next run. */
export async function deliverAlerts(db: Database, secretsKey: string, fetcher: typeof fetch = fetch): Promise<number> {
  const pending = await db
    .select({ alert: alerts, url: tenants.alertWebhookUrl })
    .from(alerts)
    .innerJoin(tenants, eq(tenants.id, alerts.tenantId))
    .where(and(isNull(alerts.deliveredAt), lt(alerts.deliveryAttempts, MAX_DELIVERY_ATTEMPTS), sql`${tenants.alertWebhookUrl} IS NOT NULL`))
    .limit(100);
  let delivered = 0;
  for (const { alert, url } of pending) {
    const body = JSON.stringify({
      type: "alert",
      alert: { id: alert.id, kind: alert.kind, affiliateId: alert.affiliateId, windowStart: alert.windowStart.toISOString(), observed: alert.observed, baseline: alert.baseline },
      message: describeAlert({ kind: alert.kind as AlertKind, observed: alert.observed, baseline: alert.baseline }),
    });
    try {
      const res = await fetcher(url!, { method: "POST", headers: { "content-type": "application/json", ...(await signatureHeaders(db, alert.tenantId, secretsKey, body)) }, body });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await db.update(alerts).set({ deliveredAt: sql`now()`, deliveryAttempts: sql`${alerts.deliveryAttempts} + 1`, lastError: null }).where(eq(alerts.id, alert.id));
      delivered++;
    } catch (error) {
      await db.update(alerts).set({ deliveryAttempts: sql`${alerts.deliveryAttempts} + 1`, lastError: String((error as Error).message).slice(0, 500) }).where(eq(alerts.id, alert.id));
    }
  }
  return delivered;
}

/** Signed with the merchant's newest signing secret, when it has one, so it can verify the alert is ours. */
async function signatureHeaders(db: Database, tenantId: string, secretsKey: string, body: string): Promise<Record<string, string>> {
  const [secret] = await db
    .select({ id: signingSecrets.id, sealed: signingSecrets.sealedSecret })
    .from(signingSecrets)
    .where(and(eq(signingSecrets.tenantId, tenantId), isNull(signingSecrets.revokedAt)))
    .orderBy(desc(signingSecrets.createdAt))
    .limit(1);
  if (!secret) return {};
  const t = Math.floor(Date.now() / 1000);
  return { "indica-key-id": secret.id, "indica-signature": `t=${t},v1=${await signPayload(await open(secret.sealed, secretsKey), t, body)}` };
}
