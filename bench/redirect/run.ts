/**
 * npm run bench:redirect [-- --duration 10 --connections 32 --rounds 2 --warmup 3 --guards both|on|off]
 * Same load against the bare 302 Worker and our redirect, in the same workerd, alternating rounds
 * (ABBA...) so drift on a shared 2-core machine hits both alike. See bench/README.md.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { parseArgs } from "node:util";
import { cpuShare, cpuSnapshot, processSeconds, type CpuShare } from "../lib/cpu";
import { BROWSER_HEADERS, runLoad, summarise, type LoadResult } from "./load";
import { measureParallelism, type Parallelism } from "../lib/parallelism";
import { runPaced } from "./paced";
import { loadAverage, printReport, writeReport, type Report } from "./report";
import { startBenchStack, type BenchStack, type Topology } from "./stack";

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
    // split: the redirect and the bare 302 in a workerd of their own, the queue, consumer and guard objects in
    // another (as in production); one: all in one workerd, sharing its single thread.
    topology: { type: "string", default: "split" },
    // split only: low runs the backend at the lowest CPU priority (it is elsewhere in production); normal does not.
    backend: { type: "string", default: "low" },
    // split only: edge gives the targets' workerd CPU 0 to itself and the rest of the bench the other CPUs
    // (bench/redirect/stack.ts); shared lets the scheduler place everything on any core.
    cores: { type: "string", default: "edge" },
    // Latency at the same steady offered rate for both targets (./paced.ts), after the saturated rounds: at
    // saturation a closed loop's p99 mostly restates its throughput. 0 skips it.
    rate: { type: "string", default: "2000" },
    // Seconds per target, split over two runs (ABBA). Long enough to span many of the runtime's pauses
    // (bench/README.md): workerd stops a busy isolate's thread every 1-6 s for 35-350 ms, so a few seconds'
    // p99 depends on whether one fell in the window.
    "rate-duration": { type: "string", default: "30" },
  },
});
const connections = Number(args.connections);
const rounds = Math.max(1, Number(args.rounds));
const perRound = Number(args.duration) / rounds;
const warmup = Number(args.warmup);
if (args.topology !== "one" && args.topology !== "split") throw new Error("--topology is one or split");
const topology: Topology = args.topology;
const lowBackendPriority = topology === "split" && args.backend !== "normal";
if (args.cores !== "edge" && args.cores !== "shared") throw new Error("--cores is edge or shared");
const dedicatedEdgeCore = topology === "split" && args.cores === "edge";
const rate = Number(args.rate);
const rateDuration = Number(args["rate-duration"]);
const headers = BROWSER_HEADERS;

const count302 = (r: LoadResult) => r.statuses["302"] ?? 0;

/** Waits until the stored clicks catch up with the tracked redirects, so the next run starts quiet; gives up
 * when `stallMs` pass without progress. Returns the count and the seconds it took. */
async function drain(stack: BenchStack, expected: number, stallMs = 15_000): Promise<{ stored: number; seconds: number }> {
  const started = Date.now();
  let stored = await stack.clicks();
  let progressAt = Date.now();
  while (stored < expected && Date.now() - progressAt < stallMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await stack.clicks();
    if (now > stored) progressAt = Date.now();
    stored = now;
  }
  return { stored, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const modes = args.guards === "both" ? [true, false] : [args.guards !== "off"];
  const reports: Report[] = [];
  // Once, before any run pins this process to its CPUs (--cores edge): measured after, it would see one.
  const parallelism = await measureParallelism();
  for (const guards of modes) reports.push(await benchOnce(guards, parallelism));
  if (reports.length === 2) {
    const [on, off] = reports;
    const ratio = on.redirect.rps / on.bare.rps / (off.redirect.rps / off.bare.rps);
    console.log(`\nguard objects in the path: ${(ratio * 100).toFixed(0)}% of the throughput without them (each against its own bare run),` +
      ` p99 ${(on.redirect.p99 - on.bare.p99 - (off.redirect.p99 - off.bare.p99)).toFixed(1)} ms more`);
  }
}

async function benchOnce(guards: boolean, parallelism: Parallelism): Promise<Report> {
  const loadBefore = loadAverage();
  // The VM's disk flushes would stall workerd's one thread on every guard-object commit; production
  // Durable Object storage is not this disk. `--state disk` measures with them.
  const stateDir = args.state === "memory" && existsSync("/dev/shm") ? mkdtempSync("/dev/shm/indica-bench-state-") : undefined;
  const stack = await startBenchStack({ guards, stateDir, topology, lowBackendPriority, raisePriority: true, dedicatedEdgeCore });
  try {
    const before = await stack.clicks(); // non-zero when DATABASE_URL points at a reused database
    // A guard that does not answer in time makes the redirect's batch no cheaper at the edge, but the click
    // goes unchecked: how many did, per phase, is part of the result.
    const mark = async () => ({ stored: await stack.clicks(), unchecked: guards ? await stack.uncheckedClicks() : 0 });
    const marks = [await mark()];
    const probe = await fetch(stack.redirectUrl, { headers, redirect: "manual" });
    if (probe.status !== 302 || !probe.headers.get("set-cookie")?.includes("indica_click=")) {
      throw new Error(`redirect probe: expected a tracked 302, got ${probe.status} ${await probe.text()}`);
    }
    let tracked = 1;
    const load = { connections, headers, varyClientIp: true };
    const targets = { bare: stack.bareUrl, redirect: stack.redirectUrl } as const;
    const runs: Record<keyof typeof targets, LoadResult[]> = { bare: [], redirect: [] };
    const cpu = { bare: { edge: 0, backend: 0, responses: 0 }, redirect: { edge: 0, backend: 0, responses: 0 } };
    // workerd CPU seconds so far (Postgres's share is not reported: autovacuum and the drain's polling land in it).
    const spent = () => ({ edge: processSeconds(stack.workerdPids.edge) ?? 0, backend: processSeconds(stack.workerdPids.backend) ?? 0 });
    // A redirect run's CPU includes its drain: the queue consumer storing those clicks is part of their cost.
    // Cores busy per process group while each target was under load (the last measured round of each).
    let drainSeconds = 0;
    const busy: Partial<Record<keyof typeof targets, CpuShare>> = {};
    const once = async (t: keyof typeof targets, seconds: number, measured = true): Promise<LoadResult> => {
      const from = spent();
      const machineFrom = cpuSnapshot(stack.postgresPid);
      const r = await runLoad(targets[t], { ...load, durationSeconds: seconds });
      if (measured) busy[t] = cpuShare(machineFrom, cpuSnapshot(stack.postgresPid));
      if (t === "redirect") {
        const d = await drain(stack, before + (tracked += count302(r)));
        if (measured) drainSeconds += d.seconds;
      }
      if (measured) {
        const to = spent();
        cpu[t].edge += to.edge - from.edge;
        cpu[t].backend += to.backend - from.backend;
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
    marks.push(await mark());
    // Same offered rate for both, ABBA again; each run's clicks are stored before the next starts.
    const atRate: Record<keyof typeof targets, LoadResult[]> = { bare: [], redirect: [] };
    if (rate > 0) {
      for (const t of ["bare", "redirect", "redirect", "bare"] as const) {
        const r = await runPaced(targets[t], { headers, varyClientIp: true, durationSeconds: rateDuration / 2, rate });
        if (t === "redirect") await drain(stack, before + (tracked += count302(r)));
        atRate[t].push(r);
      }
    }
    const stored = (await drain(stack, before + tracked, 10_000)).stored - before;
    marks.push(await mark());
    const phase = (i: number) => ({ stored: marks[i + 1].stored - marks[i].stored, unchecked: marks[i + 1].unchecked - marks[i].unchecked });

    const report: Report = {
      options: { connections, rounds, secondsPerRound: perRound, warmupSeconds: warmup, headers, guards, state: stateDir ? "memory" : "disk", topology, backendPriority: lowBackendPriority ? "low" : "normal", cores: dedicatedEdgeCore ? "edge" : "shared" },
      loadBefore,
      parallelism,
      bare: summarise(runs.bare),
      redirect: summarise(runs.redirect),
      clicks: { tracked, stored, drainSeconds, unchecked: { saturation: phase(0), atRate: rate > 0 ? phase(1) : undefined } },
      atRate: rate > 0 ? { rate, secondsPerTarget: rateDuration, bare: summarise(atRate.bare), redirect: summarise(atRate.redirect) } : undefined,
      cpuMicrosPerRequest: { bare: (cpu.bare.edge / cpu.bare.responses) * 1e6, redirect: (cpu.redirect.edge / cpu.redirect.responses) * 1e6 },
      coresBusy: busy,
      backendCpuMicrosPerRequest: topology === "split" ? { bare: (cpu.bare.backend / cpu.bare.responses) * 1e6, redirect: (cpu.redirect.backend / cpu.redirect.responses) * 1e6 } : undefined,
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
