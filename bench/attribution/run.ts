/**
 * npm run bench:attribution [-- --touchpoints 10000000 --conversions 20000 --naive 1000 --concurrency 2]
 * Attribution and commissions (workers/ingest/src/services/create-commissions.ts, the set-based code the
 * queue consumer runs per batch) over a clicks table of --touchpoints rows, against a naive baseline
 * measured in the same run: one query for each order's touches and one insert per commission.
 * --concurrency N: batches N at a time, as the consumer's concurrent invocations run them, alternated with
 * batches one at a time on the same data so the sequential figure is measured beside it.
 */
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import { newId, timestampOfId } from "../../core/ids";
import { seedProgram } from "../../scripts/lib/seed-program";
import type { Executor } from "../../db/client";
import * as schema from "../../db/schema";
import { createCommissions } from "../../workers/ingest/src/services/create-commissions";
import { DEFAULT_RAW_EVENT_MONTHS } from "../../workers/ingest/src/services/data-lifecycle";
import { concurrently } from "../lib/concurrently";
import { cpuSnapshot, type CpuSnapshot } from "../lib/cpu";
import { describeParallelism, measureParallelism } from "../lib/parallelism";
import { loadAverage, writeResult } from "../lib/results";
import { startWorkersStack } from "../lib/stack";
import { statementProfile } from "./profile";

const { values: args } = parseArgs({
  options: {
    touchpoints: { type: "string", default: "10000000" },
    conversions: { type: "string", default: "20000" },
    naive: { type: "string", default: "1000" },
    batch: { type: "string", default: "500" },
    profile: { type: "boolean", default: false },
    // Cloudflare runs several invocations of a queue consumer at once when no max_concurrency is set
    // (workers/ingest/wrangler.toml sets none); 2 is the least of that, and this machine has 2 cores.
    concurrency: { type: "string", default: "2" },
  },
});
const TOUCHPOINTS = Number(args.touchpoints);
const CONVERSIONS = Number(args.conversions);
const NAIVE = Math.min(Number(args.naive), CONVERSIONS);
const BATCH = Number(args.batch);
const CONCURRENCY = Math.max(1, Number(args.concurrency));
const VISITORS = Math.max(1, Math.floor(TOUCHPOINTS / 10));

const seconds = (since: number) => (performance.now() - since) / 1000;

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const parallelism = await measureParallelism();
  console.log(describeParallelism(parallelism));
  // A connection for every batch in flight, one more for the rest; no batch waits for a connection.
  const stack = await startWorkersStack({ poolSize: Math.max(4, CONCURRENCY + 1) });
  try {
    const { db } = stack;
    const p = await seedProgram(db, { slug: "bench-attribution", linkDomain: "bench.test", code: "bench" });
    await db.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}' WHERE id = $1`, [p.campaignId]);
    await db.query("INSERT INTO affiliates (id, tenant_id, name, email) SELECT 'aff_bench' || g, $1, 'A' || g, 'a' || g || '@bench.test' FROM generate_series(1, 200) g", [p.tenantId]);
    // The click partitions of a deployment in steady state: one per month of the default retention (the
    // data-lifecycle job keeps them), not just the few months a fresh database has. Every lookup that
    // cannot name its month pays for each of them (migration 0024 measured that).
    await db.query("SELECT indica_ensure_monthly_partitions('clicks', ((now() AT TIME ZONE 'UTC') - make_interval(months => $1))::date, $1)", [DEFAULT_RAW_EVENT_MONTHS]);
    const clickPartitions: number = (await db.query("SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'clicks'::regclass")).rows[0].n;

    // Touchpoints: clicks of VISITORS visitors over the last 20 days, across 200 affiliates, made server-side.
    // Loaded with triggers off (replica mode, as bench:reports does): the report rollups' click trigger takes
    // one advisory lock per visitor, which no lock table holds for a million visitors in one statement, and
    // the rollups of the touchpoints play no part in attribution. The orders are stored with triggers on.
    let t = performance.now();
    // Committed synchronously: the throwaway cluster runs with synchronous_commit off, and until an async
    // commit reaches the WAL, VACUUM may not set the rows' hint bits, so it marks no page all-visible and
    // every touch would be fetched from the heap (relallvisible stayed 0 after the VACUUM below).
    const loader = await db.connect();
    await loader.query("SET session_replication_role = replica");
    await loader.query("SET synchronous_commit = on");
    await loader.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id)
       SELECT 'clk_b' || lpad(g::text, 21, '0'), now() - (g % 1728000) * interval '1 second', $1, $2, $3,
              'aff_bench' || (1 + g % 200), 'vis_b' || (g % $4)
       FROM generate_series(1, $5::bigint) g`,
      [p.tenantId, p.linkId, p.campaignId, VISITORS, TOUCHPOINTS],
    );
    // As autovacuum leaves an insert-heavy table (PostgreSQL 13+): statistics and the visibility map set, so
    // touches are read from the index alone, and no autovacuum of the fresh 10M rows runs during the measurement.
    await db.query("VACUUM ANALYZE clicks");
    const loadSeconds = seconds(t);

    // Orders, each matched (as the identity chain would) to a click of its shopper with a real, time-ordered id.
    const now = Date.now();
    const matched = Array.from({ length: CONVERSIONS }, (_, i) => ({
      id: newId("click", now - ((i * 7_919) % 1_000) * 60_000),
      visitor: `vis_b${((i + 1) * 7_919) % VISITORS}`,
      affiliate: `aff_bench${1 + (i % 200)}`,
    }));
    await loader.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id)
       SELECT k.id, to_timestamp(k.at / 1000.0), $1, $2, $3, k.affiliate, k.visitor
       FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[]) AS k(id, at, affiliate, visitor)`,
      [p.tenantId, p.linkId, p.campaignId, matched.map((m) => m.id), matched.map((m) => timestampOfId(m.id)!), matched.map((m) => m.affiliate), matched.map((m) => m.visitor)],
    );
    await loader.query("RESET session_replication_role; RESET synchronous_commit");
    loader.release();
    await db.query(
      `INSERT INTO conversions (id, tenant_id, order_id, event_id, source, status, amount, currency, identity_source, matched_click_id, matched_affiliate_id, visitor_id, occurred_at, received_at)
       SELECT 'cnv_b' || k.i, $1, 'order-' || k.i, 'order-' || k.i, 's2s', 'paid', 10000 + k.i % 5000, 'BRL', 'url', k.click, k.affiliate, k.visitor, now(), now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS k(i, click, affiliate, visitor)`,
      [p.tenantId, matched.map((_, i) => i + 1), matched.map((m) => m.id), matched.map((m) => m.affiliate), matched.map((m) => m.visitor)],
    );
    // Statistics for the orders too, as autoanalyze would soon make them (else it may run mid-measurement).
    await db.query("ANALYZE conversions");
    const keys = Array.from({ length: CONVERSIONS }, (_, i) => ({ tenantId: p.tenantId, orderId: `order-${i + 1}` }));

    // The set-based code the consumer runs, in consumer-sized batches (node-postgres here, same SQL).
    // drizzle's node-postgres and Neon databases share the query API the code uses; the types differ.
    const orm = drizzle({ client: db, schema }) as unknown as Executor;
    const naiveKeys = keys.slice(0, NAIVE);
    const profile = args.profile ? statementProfile(db) : null;
    const stopProfile = profile?.start();
    const batches: (typeof keys)[] = [];
    for (let i = NAIVE; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));
    // Rounds of CONCURRENCY batches one at a time, then CONCURRENCY at once: both modes see the same data
    // and the same state of the caches and of the machine, alternately. With --concurrency 1, one mode.
    // CPU seconds too (snapshots outside the timed part): the bench process (the JS and the driver), Postgres,
    // and the rest of the machine (the other work on this shared box), which bound what overlap can give.
    const timed = { sequential: { seconds: 0, orders: 0, cpu: { bench: 0, postgres: 0, other: 0 } }, concurrent: { seconds: 0, orders: 0, cpu: { bench: 0, postgres: 0, other: 0 } } };
    const run = async (mode: keyof typeof timed, group: (typeof keys)[], limit: number) => {
      const before = cpuSnapshot(stack.postgresPid);
      // The snapshot's own /proc reading (~1-2 ms) runs after it sampled this process: not the batches' CPU.
      const usage = process.cpuUsage();
      const readingSeconds = (usage.user + usage.system) / 1e6 - (before.bench ?? 0);
      const started = performance.now();
      await concurrently(group, limit, (b) => createCommissions(orm, b));
      timed[mode].seconds += seconds(started);
      const after = cpuSnapshot(stack.postgresPid);
      timed[mode].orders += group.reduce((n, b) => n + b.length, 0);
      const used = (g: keyof CpuSnapshot) => (after[g] ?? 0) - (before[g] ?? 0);
      timed[mode].cpu.bench += used("bench") - readingSeconds;
      timed[mode].cpu.postgres += used("postgres");
      timed[mode].cpu.other += used("machine") - used("bench") - used("postgres") - used("workerd") - used("bridge");
    };
    for (let i = 0; i < batches.length; ) {
      await run("sequential", batches.slice(i, (i += CONCURRENCY)), 1);
      if (CONCURRENCY > 1 && i < batches.length) await run("concurrent", batches.slice(i, (i += CONCURRENCY)), CONCURRENCY);
    }
    stopProfile?.();
    const sequentialRate = timed.sequential.orders / timed.sequential.seconds;
    const setRate = CONCURRENCY > 1 ? timed.concurrent.orders / timed.concurrent.seconds : sequentialRate;
    const setSeconds = timed.sequential.seconds + timed.concurrent.seconds;
    if (profile) console.log(profile.report(batches.length, setSeconds * 1000, CONCURRENCY));

    // Naive: per order, one query for its touches and one insert per affiliate share.
    // As many orders at once as batches above, so the ratio compares like with like.
    t = performance.now();
    await concurrently(naiveKeys, CONCURRENCY, async (k) => {
      const { rows: order } = await db.query("SELECT id, amount, visitor_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [k.tenantId, k.orderId]);
      const { rows: touches } = await db.query(
        "SELECT affiliate_id FROM clicks WHERE tenant_id = $1 AND visitor_id = $2 AND clicked_at > now() - interval '30 days' AND NOT is_duplicate",
        [k.tenantId, order[0].visitor_id],
      );
      const per = new Map<string, number>();
      for (const touch of touches) per.set(touch.affiliate_id, (per.get(touch.affiliate_id) ?? 0) + 1);
      for (const [affiliateId, n] of per) {
        await db.query(
          `INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, rules_version)
           VALUES ($1, $2, $3, $4, $5, $6, 'BRL', $7, $8, 1) ON CONFLICT DO NOTHING`,
          [newId("commission"), k.tenantId, order[0].id, k.orderId, affiliateId, p.campaignId, Math.floor((Number(order[0].amount) / 10) * (n / touches.length)), Math.round((10_000 * n) / touches.length)],
        );
      }
    });
    const naiveRate = NAIVE / seconds(t);
    const { rows } = await db.query("SELECT count(*)::int AS n, count(DISTINCT conversion_id)::int AS orders FROM commissions WHERE tenant_id = $1", [p.tenantId]);

    console.log(`\n${TOUCHPOINTS.toLocaleString("en")} touchpoints (${VISITORS.toLocaleString("en")} visitors, loaded in ${loadSeconds.toFixed(1)} s), ${CONVERSIONS.toLocaleString("en")} orders, load average before ${loadBefore.toFixed(2)}`);
    console.log(`click partitions: ${clickPartitions} (${DEFAULT_RAW_EVENT_MONTHS} months of retention kept, as in steady state)`);
    const ms = (rate: number) => ((BATCH / rate) * 1000).toFixed(1);
    console.log(`set-based (batches of ${BATCH}), one at a time   ${sequentialRate.toFixed(0).padStart(8)} conversions/s   ${ms(sequentialRate)} ms per batch`);
    if (CONCURRENCY > 1) console.log(`set-based (batches of ${BATCH}), ${CONCURRENCY} at once     ${setRate.toFixed(0).padStart(8)} conversions/s   ${ms(setRate)} ms per batch of wall time`);
    const cpuPerBatch = (m: keyof typeof timed) => {
      const n = timed[m].orders / BATCH;
      const c = timed[m].cpu;
      return { benchMs: (c.bench / n) * 1000, postgresMs: (c.postgres / n) * 1000, otherMs: (c.other / n) * 1000 };
    };
    for (const m of CONCURRENCY > 1 ? (["sequential", "concurrent"] as const) : (["sequential"] as const)) {
      const c = cpuPerBatch(m);
      console.log(`  CPU per batch, ${m}: bench process ${c.benchMs.toFixed(1)} ms, Postgres ${c.postgresMs.toFixed(1)} ms, other work on the machine ${c.otherMs.toFixed(1)} ms`);
    }
    console.log(`naive per-row baseline, ${CONCURRENCY} at once   ${naiveRate.toFixed(0).padStart(8)} conversions/s   (${NAIVE} orders)`);
    console.log(`ratio: ${(setRate / naiveRate).toFixed(1)}x   goal >= 10,000 conversions/s: ${setRate >= 10_000 ? "met" : "NOT met"}`);
    console.log(`commissions written: ${rows[0].n} for ${rows[0].orders} orders`);
    const loadAfter = loadAverage();
    console.log(`load average after ${loadAfter.toFixed(2)}`);
    console.log(`written ${writeResult("attribution", {
      parallelism, clickPartitions, touchpoints: TOUCHPOINTS, visitors: VISITORS, conversions: CONVERSIONS, batch: BATCH, concurrency: CONCURRENCY, loadBefore, loadAfter,
      setRate, sequentialRate, naiveRate, ratio: setRate / naiveRate, commissions: rows[0],
      cpuPerBatch: { sequential: cpuPerBatch("sequential"), ...(CONCURRENCY > 1 ? { concurrent: cpuPerBatch("concurrent") } : {}) },
    })}`);
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
