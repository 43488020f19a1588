/**
 * npm run bench:reports [-- --clicks 10000000 --rollup-runs 200 --raw-runs 3]
 * GET /v1/reports/summary's two query paths over the same data in the same run: the rollup query
 * (workers/api/src/services/report-rollups.ts) and the raw GROUP BY it replaced (report-summary.ts), for
 * the last 30 days by day, campaign and affiliate; then the write cost of the rollup triggers per
 * 100-click batch (with and without them).
 */
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Executor } from "../../db/client";
import * as schema from "../../db/schema";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { findPostgresBinaries, LocalCluster } from "../../scripts/lib/postgres";
import { rollupSummary } from "../../workers/api/src/services/report-rollups";
import { summary } from "../../workers/api/src/services/report-summary";
import { freePort } from "../../test/helpers/ports";
import { loadAverage, writeResult } from "../lib/results";
import { buildRollups, loadClicks, TENANT } from "./data";
import { batchCost } from "./write-cost";

const { values: args } = parseArgs({ options: { clicks: { type: "string", default: "10000000" }, "rollup-runs": { type: "string", default: "200" }, "raw-runs": { type: "string", default: "3" } } });
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; runs: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: Math.round(pct(ms, 50) * 10) / 10, p95: Math.round(pct(ms, 95) * 10) / 10, runs };
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const dir = `/tmp/indica-bench-reports-${process.pid}`;
  const cluster = process.env.DATABASE_URL ? null : new LocalCluster(findPostgresBinaries()!, { dir, port: await freePort(), fast: true });
  await cluster?.start();
  const url = process.env.DATABASE_URL ?? cluster!.url;
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    let t = performance.now();
    await loadClicks(pool, Number(args.clicks));
    const loadSeconds = seconds(t);
    t = performance.now();
    await buildRollups(pool);
    const rollupBuildSeconds = seconds(t);
    const db = drizzle({ client: pool, schema }) as unknown as Executor;
    const { rows } = await pool.query("SELECT to_char(now() AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS today, to_char(now() AT TIME ZONE 'America/Sao_Paulo' - interval '29 days', 'YYYY-MM-DD') AS start");
    const range = { tenantId: TENANT, timezone: "America/Sao_Paulo", from: rows[0].start as string, to: rows[0].today as string, onlyAffiliate: null };
    const results: Record<string, { rollup: Awaited<ReturnType<typeof timed>>; raw: Awaited<ReturnType<typeof timed>>; speedup: number }> = {};
    for (const groupBy of ["day", "campaign", "affiliate"] as const) {
      const rollup = await timed(Number(args["rollup-runs"]), () => rollupSummary(db, { ...range, groupBy }));
      const raw = await timed(Number(args["raw-runs"]), () => summary(db, { ...range, groupBy, subIdKey: "sub1" }));
      results[groupBy] = { rollup, raw, speedup: Math.round(raw.p50 / rollup.p95) };
      console.log(`${groupBy.padEnd(10)} rollups p50 ${rollup.p50} ms p95 ${rollup.p95} ms | raw p50 ${raw.p50} ms p95 ${raw.p95} ms | raw p50 / rollup p95 = ${results[groupBy].speedup}x`);
    }
    const writes = await batchCost(pool);
    console.log(`100-click batch insert: ${writes.withTriggers.p50} ms p50 with the rollup triggers, ${writes.withoutTriggers.p50} ms without`);
    const counts = (await pool.query("SELECT (SELECT count(*) FROM report_daily) AS daily, (SELECT count(*) FROM report_hourly) AS hourly")).rows[0];
    const file = writeResult("reports", { clicks: Number(args.clicks), loadSeconds, rollupBuildSeconds, rollupRows: counts, results, writes, loadBefore, loadAfter: loadAverage() });
    console.log(`load ${loadSeconds}s, rollups built in ${rollupBuildSeconds}s (${counts.daily} daily, ${counts.hourly} hourly rows); load average ${loadBefore.toFixed(1)} → ${loadAverage().toFixed(1)}; ${file}`);
  } finally {
    await pool.end();
    await cluster?.stop("immediate");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
