/**
 * npm run sim:fraud [-- --size 300 --seed 1]
 * Labelled traffic (legitimate shoppers, click floods, bots, self-referral, click injection, leaked coupons,
 * brand bidding) through the real Workers and Postgres; prints precision and recall and writes the result to
 * sim/results/fraud-<timestamp>.json. Starts its own stack (DATABASE_URL, else a throwaway cluster) and stops it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startWorkersStack } from "../../bench/lib/stack";
import { LOCAL_GUARD_SHARDS } from "../../scripts/lib/stack";
import type { SimTarget, SimWorker } from "./play";
import { formatReport } from "./report";
import { runFraudSim, type SimResult } from "./simulate";

const LINK_DOMAIN = "go.sim.test";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "300" }, seed: { type: "string", default: "1" } } });
const size = Number(args.size);
const seed = Number(args.seed);
if (!Number.isInteger(size) || size < 10 || !Number.isInteger(seed)) {
  console.error("usage: npm run sim:fraud -- [--size N (≥ 10)] [--seed N]");
  process.exit(2);
}

function writeResult(res: SimResult): string {
  const at = new Date().toISOString();
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}fraud-${at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ at, node: process.version, cpus: cpus().length, ...res }, null, 2) + "\n");
  return relative(process.cwd(), file);
}

async function main(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const t0 = Date.now();
  const stack = await startWorkersStack({
    poolSize: 4,
    bindings: {
      "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "sim-ip-secret", GUARD_SHARDS: LOCAL_GUARD_SHARDS },
      // Orders are played up to the attribution window after real clicks (sim/fraud/plan.ts).
      "indica-ingest": { ADMIN_TOKEN: "sim-admin-token", SECRETS_KEY: "sim-secrets-key", IP_HASH_SECRET: "sim-ip-secret", MAX_EVENT_LEAD_HOURS: "4800" },
    },
  });
  try {
    console.log(`stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${stack.throwaway ? "throwaway Postgres" : "DATABASE_URL"})`);
    const workers = new Map<SimWorker, Awaited<ReturnType<typeof stack.mf.getWorker>>>();
    const target: SimTarget = {
      db: stack.db,
      async fetch(worker, url, init) {
        if (!workers.has(worker)) workers.set(worker, await stack.mf.getWorker(worker));
        // Miniflare's fetch types come from undici; the shapes are the same at run time.
        return (await workers.get(worker)!.fetch(url, { redirect: "manual", ...init } as never)) as unknown as Response;
      },
    };
    const res = await runFraudSim(target, { seed, size, linkDomain: LINK_DOMAIN, log: (l) => console.log(l) });
    console.log(`\n${formatReport(res)}`);
    console.log(`\nwrote ${writeResult(res)}`);
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
