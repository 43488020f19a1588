/**
 * The bench's data, made in Postgres with generate_series: one merchant with --clicks clicks over the last
 * 90 days (100 affiliates in 3 campaigns, a sub1 per link, five countries, three devices, all combinations
 * occurring, 2 M visitors),
 * and one matched order with one commission per 100 clicks. Triggers are off while loading (replica
 * mode); the rollups are then built from the raw rows by the same recomputation the exactness test uses.
 */
import type pg from "pg";
import { rebuildRollupsSql } from "../../db/queries/report-recompute";

export const TENANT = "tnt_benchreports";

/** The click with number g, as loaded: its affiliate and time are functions of g, so orders can name it without a lookup. */
const AFFILIATE = (g: string) => `1 + (${g} * 31) % 100`;
const CLICKED_AT = (g: string) => `now() - ((${g} * 7919) % 7776000) * interval '1 second'`;

export async function loadClicks(db: pg.Pool, clicks: number): Promise<void> {
  await db.query("INSERT INTO tenants (id, name, slug, timezone) VALUES ($1, 'Bench', 'bench-reports', 'America/Sao_Paulo')", [TENANT]);
  // Months as production has them (the daily job makes them), so no click lands in the default partition.
  await db.query("SELECT indica_ensure_monthly_partitions('clicks', ((now() AT TIME ZONE 'UTC') - interval '4 months')::date, 5)");
  const client = await db.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, country, user_agent, is_duplicate, flagged)
       SELECT 'clk_r' || lpad(g::text, 21, '0'), ${CLICKED_AT("g")}, $1,
         'lnk_r' || a, 'cmp_r' || (a % 3), 'aff_r' || a, 'vis_r' || (g % 2000000),
         jsonb_build_object('sub1', 's' || (a % 7)),
         -- Country and device hashed from g, so they do not repeat with the affiliate (every combination occurs).
         (ARRAY['BR','BR','BR','BR','BR','BR','AR','MX','PT','US'])[1 + abs(hashtext('c' || g)) % 10],
         (ARRAY['Mozilla/5.0 (iPhone) Mobile','Mozilla/5.0 (iPhone) Mobile','Mozilla/5.0 (Windows NT 10.0) Chrome/131','Mozilla/5.0 (iPad) Safari'])[1 + abs(hashtext('u' || g)) % 4],
         g % 20 = 0, g % 50 = 0
       FROM generate_series(1, $2::bigint) g, LATERAL (SELECT ${AFFILIATE("g")} AS a) x`,
      [TENANT, clicks],
    );
    await client.query(
      `INSERT INTO conversions (id, tenant_id, order_id, event_id, source, status, amount, currency, matched_click_id, matched_affiliate_id, identity_source, occurred_at, received_at)
       SELECT 'cnv_r' || g, $1, 'o' || g, 'evt_r' || g, 's2s', 'placed', 1000 + g % 50000, 'BRL', 'clk_r' || lpad((g * 100)::text, 21, '0'),
         'aff_r' || (${AFFILIATE("g * 100")}), 'click_id', ${CLICKED_AT("g * 100")} + interval '1 hour', now()
       FROM generate_series(1, $2::bigint / 100) g`,
      [TENANT, clicks],
    );
    await client.query(
      `INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, rules_version, explanation, lock_until)
       SELECT 'com_r' || cv.order_id, cv.tenant_id, cv.id, cv.order_id, cv.matched_affiliate_id, 'cmp_r' || (substr(cv.matched_affiliate_id, 6)::int % 3),
         'BRL', cv.amount / 10, 10000, 1, '[]', now()
       FROM conversions cv WHERE cv.tenant_id = $1`,
      [TENANT],
    );
  } finally {
    await client.query("SET session_replication_role = origin");
    client.release();
  }
  await db.query("VACUUM ANALYZE clicks");
  await db.query("VACUUM ANALYZE conversions");
  await db.query("VACUUM ANALYZE commissions");
}

export async function buildRollups(db: pg.Pool): Promise<void> {
  for (const grain of ["day", "hour"] as const) for (const statement of rebuildRollupsSql(grain)) await db.query(statement, [TENANT]);
  await db.query("VACUUM ANALYZE report_daily");
  await db.query("VACUUM ANALYZE report_hourly");
}
