/**
 * The daily data-lifecycle job (docs/data-model.md, Retention): monthly partitions made ahead; whole
 * partitions past the longest retention of any merchant detached and dropped; shorter per-merchant
 * policies applied by deleting that merchant's older rows; IP hashes cleared after their (shorter) term;
 * replayed failed events purged. Every step is idempotent and bounded, so a missed day is caught up later.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";

export const DEFAULT_RAW_EVENT_MONTHS = 25;
export const DEFAULT_IP_HASH_DAYS = 30;
const MONTHS_AHEAD = 3;
/** Rows per statement, so one run never holds long locks or a huge transition table for the rollup triggers. */
const BATCH = 10_000;
const MAX_BATCHES = 50;
/** How far behind each IP-hash cutoff a run looks (a daily job catches up a missed week). */
const IP_LOOKBACK_DAYS = 7;

export const EVENT_TABLES = [
  { table: "clicks", time: "clicked_at" },
  { table: "events", time: "occurred_at" },
] as const;

export interface LifecycleRun {
  partitionsCreated: number;
  partitionsDropped: string[];
  rowsDeleted: number;
  ipHashesCleared: number;
  failedEventsPurged: number;
}

/** Repeats a bounded statement until it touches fewer rows than a batch. */
async function inBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await run();
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

const count = async (db: Executor, query: ReturnType<typeof sql>) => rowsOf(await db.execute<{ n: string }>(query)).length;

export async function runDataLifecycle(db: Executor, o: { ipLookbackDays?: number } = {}): Promise<LifecycleRun> {
  const run: LifecycleRun = { partitionsCreated: 0, partitionsDropped: [], rowsDeleted: 0, ipHashesCleared: 0, failedEventsPurged: 0 };
  const policies = sql`(SELECT t.id AS tenant_id, coalesce(p.raw_event_months, ${DEFAULT_RAW_EVENT_MONTHS}) AS months, coalesce(p.ip_hash_days, ${DEFAULT_IP_HASH_DAYS}) AS ip_days
    FROM tenants t LEFT JOIN retention_policies p ON p.tenant_id = t.id)`;
  const [{ longest }] = rowsOf(await db.execute<{ longest: number }>(sql`SELECT coalesce(max(months), ${DEFAULT_RAW_EVENT_MONTHS})::int AS longest FROM ${policies} x`));
  const lookback = o.ipLookbackDays ?? IP_LOOKBACK_DAYS;
  for (const { table, time } of EVENT_TABLES) {
    const t = sql.raw(table);
    const at = sql.raw(time);
    const [made] = rowsOf(await db.execute<{ n: number }>(sql`SELECT indica_ensure_monthly_partitions(${table}, (now() AT TIME ZONE 'UTC')::date, ${MONTHS_AHEAD + 1}) AS n`));
    run.partitionsCreated += Number(made.n);
    // Whole months older than every merchant's retention (a month goes once its last day is past it).
    const [dropped] = rowsOf(await db.execute<{ names: string[] }>(sql`
      SELECT indica_drop_monthly_partitions(${table}, (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => ${longest}))::date) AS names`));
    run.partitionsDropped.push(...dropped.names);
    // Merchants with a shorter policy: their own older rows, from the partitions that remain.
    run.rowsDeleted += await inBatches(() =>
      count(db, sql`DELETE FROM ${t} WHERE (id, ${at}) IN (
        SELECT r.id, r.${at} FROM ${policies} x JOIN ${t} r ON r.tenant_id = x.tenant_id
        WHERE x.months < ${longest} AND r.${at} < now() - make_interval(months => x.months) LIMIT ${BATCH}) RETURNING 1 AS n`),
    );
    run.ipHashesCleared += await inBatches(() =>
      count(db, sql`UPDATE ${t} SET ip_hash = NULL WHERE (id, ${at}) IN (
        SELECT r.id, r.${at} FROM ${policies} x JOIN ${t} r ON r.tenant_id = x.tenant_id
        WHERE r.${at} < now() - make_interval(days => x.ip_days) AND r.${at} >= now() - make_interval(days => x.ip_days + ${lookback})
          AND r.ip_hash IS NOT NULL LIMIT ${BATCH}) RETURNING 1 AS n`),
    );
  }
  run.failedEventsPurged = await inBatches(() =>
    count(db, sql`DELETE FROM failed_events WHERE id IN (
      SELECT id FROM failed_events WHERE replayed_at < now() - interval '90 days' LIMIT ${BATCH}) RETURNING 1 AS n`),
  );
  return run;
}
