/** The table on stdout and the JSON file in bench/results/. */
import { cpus } from "node:os";
import { writeResult } from "../lib/results";
import type { Summary } from "./load";

export { loadAverage } from "../lib/results";

export interface Report {
  options: { connections: number; rounds: number; secondsPerRound: number; warmupSeconds: number; headers: Record<string, string>; guards: boolean; state: "memory" | "disk" };
  /** 1-minute load average before the bench: other work on the machine skews both targets. */
  loadBefore: number;
  bare: Summary;
  redirect: Summary;
  clicks: { tracked: number; stored: number };
  /** workerd's CPU per response, µs (the redirect's includes its clicks' drain through the queue consumer).
   * Steadier than req/s on a shared machine. */
  cpuMicrosPerRequest: Record<"bare" | "redirect", number>;
}

export function printReport(r: Report): void {
  const { bare, redirect: ours, options: o } = r;
  const ratio = ours.rps / bare.rps;
  const addedP99 = ours.p99 - bare.p99;
  const row = (name: string, s: Summary) =>
    `${name.padEnd(16)}${s.rps.toFixed(0).padStart(8)}${s.p50.toFixed(2).padStart(9)}${s.p99.toFixed(2).padStart(9)}`;
  console.log(`\n${o.connections} connections, ${o.rounds} x ${o.secondsPerRound}s per target after ${o.warmupSeconds}s warm-up,` +
    ` ${cpus().length} cores, load average before ${r.loadBefore.toFixed(2)}`);
  console.log(`${"target".padEnd(16)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}`);
  console.log(row("bare 302", bare));
  console.log(row(o.guards ? "indica redirect" : "redirect, no DO", ours));
  console.log(`ratio req/s: ${ratio.toFixed(2)}   added p99: ${addedP99.toFixed(1)} ms` +
    `   (target >= 0.50 and <= 5 ms: ${ratio >= 0.5 && addedP99 <= 5 ? "met" : "NOT met"})`);
  // Requests in flight when a run stops are served (and tracked) but never counted by the client.
  const c = r.cpuMicrosPerRequest;
  console.log(`workerd CPU per response: ${c.bare.toFixed(0)} µs bare, ${c.redirect.toFixed(0)} µs redirect` +
    ` (ratio ${(c.bare / c.redirect).toFixed(2)}); guard state in ${o.state}`);
  console.log(`clicks stored: ${r.clicks.stored} for ${r.clicks.tracked} tracked 302s received` +
    ` (+ up to ${o.connections} in flight per redirect run)`);
  for (const [name, s] of Object.entries({ bare, redirect: ours })) {
    if (Object.keys(s.statuses).some((code) => code !== "302") || s.errors) {
      console.log(`warning: ${name} had ${s.errors} errors, statuses ${JSON.stringify(s.statuses)}`);
    }
  }
}

export function writeReport(r: Report): string {
  const ratioRps = Math.round((r.redirect.rps / r.bare.rps) * 1000) / 1000;
  const addedP99Ms = Math.round((r.redirect.p99 - r.bare.p99) * 1000) / 1000;
  return writeResult("redirect", { ...r, ratioRps, addedP99Ms });
}
