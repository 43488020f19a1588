/**
 * npm run bench:redirect [-- --duration 10 --connections 32 --rounds 2 --warmup 3 --guards both|on|off]
 * Same load against the bare 302 Worker and our redirect, in the same workerd, alternating rounds
 * (ABBA...) so drift on a shared 2-core machine hits both alike. See bench/README.md.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { parseArgs } from "node:util";
import { cpuSnapshot, type CpuSnapshot } from "../lib/cpu";
import { runLoad, summarise, type LoadResult } from "./load";
import { loadAverage, printReport, writeReport, type Report } from "./report";
import { startBenchStack, type BenchStack } from "./stack";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" }, // seconds per target, split over the rounds
    connections: { type: "string", default: "32" },
    rounds: { type: "string", default: "2" },
    warmup: { type: "string", default: "3" },
    // With and without the fraud guard objects, each against its own bare baseline.
    guards: { type: "string", default: "both" },
    // Where workerd keeps the guard objects' SQLite files: memory (/dev/shm) or Miniflare's temp dir on disk.
    state: { type: "string", default: "memory" },
  },
});
const connections = Number(args.connections);
const rounds = Math.max(1, Number(args.rounds));
const perRound = Number(args.duration) / rounds;
const warmup = Number(args.warmup);
// A browser UA (bots are answered untracked, which is cheaper) and the client IP Cloudflare always adds.
const headers = {
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "cf-connecting-ip": "203.0.113.7",
};

const count302 = (r: LoadResult) => r.statuses["302"] ?? 0;

/** Waits until the stored clicks stop lagging the tracked redirects, so the next run starts quiet. */
async function drain(stack: BenchStack, expected: number, maxMs = 20_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  let stored = await stack.clicks();
  while (stored < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    stored = await stack.clicks();
  }
  return stored;
}

async function main(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const modes = args.guards === "both" ? [true, false] : [args.guards !== "off"];
  const reports: Report[] = [];
  for (const guards of modes) reports.push(await benchOnce(guards));
  if (reports.length === 2) {
    const [on, off] = reports;
    const ratio = on.redirect.rps / on.bare.rps / (off.redirect.rps / off.bare.rps);
    console.log(`\nguard objects in the path: ${(ratio * 100).toFixed(0)}% of the throughput without them (each against its own bare run),` +
      ` p99 ${(on.redirect.p99 - on.bare.p99 - (off.redirect.p99 - off.bare.p99)).toFixed(1)} ms more`);
  }
}

/** workerd's CPU seconds between two snapshots. (Postgres's share is not reported: autovacuum and the
 * drain's polling land in it.) */
const workerdSeconds = (from: CpuSnapshot, to: CpuSnapshot) => (to.workerd ?? 0) - (from.workerd ?? 0);

async function benchOnce(guards: boolean): Promise<Report> {
  const loadBefore = loadAverage();
  // The VM's disk flushes would stall workerd's one thread on every guard-object commit; production
  // Durable Object storage is not this disk. `--state disk` measures with them.
  const stateDir = args.state === "memory" && existsSync("/dev/shm") ? mkdtempSync("/dev/shm/indica-bench-state-") : undefined;
  const stack = await startBenchStack({ guards, stateDir });
  try {
    const before = await stack.clicks(); // non-zero when DATABASE_URL points at a reused database
    const probe = await fetch(stack.redirectUrl, { headers, redirect: "manual" });
    if (probe.status !== 302 || !probe.headers.get("set-cookie")?.includes("indica_click=")) {
      throw new Error(`redirect probe: expected a tracked 302, got ${probe.status} ${await probe.text()}`);
    }
    let tracked = 1;
    const load = { connections, headers, varyClientIp: true };
    const targets = { bare: stack.bareUrl, redirect: stack.redirectUrl } as const;
    const runs: Record<keyof typeof targets, LoadResult[]> = { bare: [], redirect: [] };
    const cpu = { bare: { seconds: 0, responses: 0 }, redirect: { seconds: 0, responses: 0 } };
    // A redirect run's CPU includes its drain: the queue consumer storing those clicks is part of their cost.
    const once = async (t: keyof typeof targets, seconds: number, measured = true): Promise<LoadResult> => {
      const from = cpuSnapshot();
      const r = await runLoad(targets[t], { ...load, durationSeconds: seconds });
      if (t === "redirect") await drain(stack, before + (tracked += count302(r)));
      if (measured) {
        cpu[t].seconds += workerdSeconds(from, cpuSnapshot());
        cpu[t].responses += r.latencies.length;
      }
      return r;
    };

    await once("bare", warmup, false); // warm-up: JIT, connections, and the link in isolate memory
    await once("redirect", warmup, false);
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (["bare", "redirect"] as const) : (["redirect", "bare"] as const);
      for (const t of order) runs[t].push(await once(t, perRound));
    }
    const stored = (await drain(stack, before + tracked, 10_000)) - before;

    const report: Report = {
      options: { connections, rounds, secondsPerRound: perRound, warmupSeconds: warmup, headers, guards, state: stateDir ? "memory" : "disk" },
      loadBefore,
      bare: summarise(runs.bare),
      redirect: summarise(runs.redirect),
      clicks: { tracked, stored },
      cpuMicrosPerRequest: { bare: (cpu.bare.seconds / cpu.bare.responses) * 1e6, redirect: (cpu.redirect.seconds / cpu.redirect.responses) * 1e6 },
    };
    printReport(report);
    console.log(`written ${writeReport(report)}`);
    return report;
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
