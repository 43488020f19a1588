/** The table on stdout and the JSON file in bench/results/. */
import { writeResult } from "../lib/results";
import type { CpuShare } from "../lib/cpu";
import { describeParallelism, type Parallelism } from "../lib/parallelism";
import type { Summary } from "./load";
import { SLOW_RESPONSE_MS } from "./pauses";

/** Fixed-rate seconds per target below which the latency goal is not judged. */
const MIN_JUDGED_SECONDS = 20;

export { loadAverage } from "../lib/results";

export interface Report {
  options: { connections: number; rounds: number; secondsPerRound: number; warmupSeconds: number; headers: Record<string, string>; guards: boolean; state: "memory" | "disk"; topology: "one" | "split"; backendPriority: "low" | "normal"; cores?: "edge" | "shared" };
  /** 1-minute load average before the bench: other work on the machine skews both targets. */
  loadBefore: number;
  /** The CPUs the bench had, measured before it (bench/lib/parallelism.ts). */
  parallelism: Parallelism;
  bare: Summary;
  redirect: Summary;
  /** drainSeconds: how long the measured rounds' clicks took to be stored after their load ended. */
  /** `unchecked`: per phase, clicks stored and those of them the guard objects did not answer for in time. */
  clicks: { tracked: number; stored: number; drainSeconds: number; unchecked?: Record<"saturation" | "atRate", PhaseClicks | undefined> };
  /** workerd's CPU per response, µs (the redirect's includes its clicks' drain through the queue consumer).
   * Steadier than req/s on a shared machine. */
  cpuMicrosPerRequest: Record<"bare" | "redirect", number>;
  /** Split topology: the backend workerd's CPU per response (queue broker, consumer, guard objects). */
  backendCpuMicrosPerRequest?: Record<"bare" | "redirect", number>;
  /** The same offered rate for both targets (after the saturated rounds): latency at a load both sustain. */
  atRate?: { rate: number; secondsPerTarget?: number; bare: Summary; redirect: Summary };
  /** Cores busy while each target was under load: is the machine the limit, and whose work fills it. */
  coresBusy: Partial<Record<"bare" | "redirect", CpuShare>>;
}

export function printReport(r: Report): void {
  const { bare, redirect: ours, options: o } = r;
  const ratio = ours.rps / bare.rps;
  const addedP99 = ours.p99 - bare.p99;
  const row = (name: string, s: Summary) =>
    `${name.padEnd(16)}${s.rps.toFixed(0).padStart(8)}${s.p50.toFixed(2).padStart(9)}${s.p99.toFixed(2).padStart(9)}`;
  console.log(`\ntopology ${o.topology}${o.topology === "split" ? ` (backend priority ${o.backendPriority}, ${o.cores === "edge" ? "edge workerd alone on CPU 0" : "cores shared"})` : ""}, ${o.connections} connections, ${o.rounds} x ${o.secondsPerRound}s per target after ${o.warmupSeconds}s warm-up,` +
    ` ${describeParallelism(r.parallelism)}, load average before ${r.loadBefore.toFixed(2)}`);
  console.log(`${"target".padEnd(16)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}`);
  console.log(row("bare 302", bare));
  console.log(row(o.guards ? "indica redirect" : "redirect, no DO", ours));
  console.log(`ratio req/s: ${ratio.toFixed(2)}   added p99 at saturation: ${addedP99.toFixed(1)} ms`);
  const at = r.atRate;
  if (at) {
    console.log(`at ${at.rate} req/s offered to each, ${at.secondsPerTarget ?? "?"} s per target:`);
    const paused = (s: Summary) =>
      s.pauses ? `   pauses ${s.pauses.perMinute.toFixed(1)}/min, longest ${s.pauses.longestMs.toFixed(0)} ms, ${(s.pauses.slowShare * 100).toFixed(2)}% of responses > ${SLOW_RESPONSE_MS} ms` : "";
    console.log(`${row("bare 302", at.bare)}  p99.9 ${at.bare.p999.toFixed(1)}${paused(at.bare)}`);
    console.log(`${row(o.guards ? "indica redirect" : "redirect, no DO", at.redirect)}  p99.9 ${at.redirect.p999.toFixed(1)}${paused(at.redirect)}`);
  }
  const addedAtRate = at ? at.redirect.p99 - at.bare.p99 : Number.NaN;
  // A p99 from a window shorter than a few of the runtime's pauses depends on whether one fell in it.
  const latencyJudged = !!at && (at.secondsPerTarget ?? 0) >= MIN_JUDGED_SECONDS;
  // A negative difference against a baseline that itself paused meets the goal as the issue words it, but
  // says so: both p99s are then the runtime's pauses, and the share of slow responses is printed beside them.
  const baselinePaused = !!at && at.bare.p99 > 5;
  const verdict =
    ratio < 0.5 ? "NOT met" : !latencyJudged ? "not judged" : addedAtRate > 5 ? "NOT met" : baselinePaused ? "met by the p99 difference only" : "met";
  console.log(`goal (issue 3): ratio >= 0.50 (${ratio.toFixed(2)}) and added p99 <= 5 ms` +
    (at ? ` (${addedAtRate.toFixed(1)} ms at ${at.rate} req/s)` : " (no fixed-rate run)") +
    `: ${verdict}${at && !latencyJudged ? ` (latency not judged: under ${MIN_JUDGED_SECONDS} s per target at the fixed rate)` : ""}`);
  if (at && baselinePaused) {
    const slow = (s: Summary) => (s.pauses ? `${(s.pauses.slowShare * 100).toFixed(2)}%` : "?");
    console.log(`  the bare 302's own p99 at this rate is ${at.bare.p99.toFixed(1)} ms and the redirect's ${at.redirect.p99.toFixed(1)} ms: workerd stops an` +
      ` isolate's thread at some minor GCs to free the runtime objects of every request since the last one (bench/README.md,` +
      ` "Where the tail comes from"); responses over ${SLOW_RESPONSE_MS} ms: ${slow(at.redirect)} redirect, ${slow(at.bare)} bare`);
  }
  // Requests in flight when a run stops are served (and tracked) but never counted by the client.
  const c = r.cpuMicrosPerRequest;
  const where = o.topology === "split" ? "edge workerd (the targets alone)" : "workerd (everything in one)";
  console.log(`${where} CPU per response: ${c.bare.toFixed(0)} µs bare, ${c.redirect.toFixed(0)} µs redirect` +
    ` (ratio ${(c.bare / c.redirect).toFixed(2)}); guard state in ${o.state}`);
  const b = r.backendCpuMicrosPerRequest;
  if (b) console.log(`backend workerd (queue, consumer, guard objects) CPU per response: ${b.bare.toFixed(0)} µs bare, ${b.redirect.toFixed(0)} µs redirect`);
  for (const [target, share] of Object.entries(r.coresBusy)) {
    if (!share) continue;
    const parts = Object.entries(share).filter(([, v]) => v !== null).map(([k, v]) => `${k === "bench" ? "load generator" : k} ${v!.toFixed(2)}`);
    console.log(`cores busy under ${target} load: ${parts.join(", ")}`);
  }
  console.log(`clicks stored: ${r.clicks.stored} for ${r.clicks.tracked} tracked 302s received` +
    ` (+ up to ${o.connections} in flight per redirect run); after the measured rounds the queue took ${r.clicks.drainSeconds.toFixed(1)} s to drain`);
  if (o.guards && r.clicks.unchecked) {
    const share = (p: PhaseClicks) => `${p.unchecked} of ${p.stored} (${(p.stored > 0 ? (100 * p.unchecked) / p.stored : 0).toFixed(1)}%)`;
    const { saturation, atRate } = r.clicks.unchecked;
    console.log(`clicks recorded unchecked (the guard objects did not answer within GUARD_TIMEOUT_MS): at saturation ${saturation ? share(saturation) : "-"}` +
      (atRate ? `, at the fixed rate ${share(atRate)}` : ""));
  }
  for (const [name, s] of Object.entries({ bare, redirect: ours })) {
    if (Object.keys(s.statuses).some((code) => code !== "302") || s.errors) {
      console.log(`warning: ${name} had ${s.errors} errors, statuses ${JSON.stringify(s.statuses)}`);
    }
  }
}

export interface PhaseClicks {
  stored: number;
  unchecked: number;
}

export function writeReport(r: Report): string {
  const ratioRps = Math.round((r.redirect.rps / r.bare.rps) * 1000) / 1000;
  const addedP99Ms = Math.round((r.redirect.p99 - r.bare.p99) * 1000) / 1000;
  const addedP99AtRateMs = r.atRate ? Math.round((r.atRate.redirect.p99 - r.atRate.bare.p99) * 1000) / 1000 : null;
  return writeResult("redirect", { ...r, ratioRps, addedP99Ms, addedP99AtRateMs });
}
