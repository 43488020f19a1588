/** The table on stdout and the JSON file in bench/results/. */
import { cpus } from "node:os";
import type { CpuShare } from "../lib/cpu";
import type { Summary } from "../redirect/load";
import { writeResult } from "../lib/results";
import type { CopyResult } from "./copy-baseline";
import type { Stored } from "./stack";

export const GOAL_EVENTS_PER_SECOND = 5_000;

export interface IngestReport {
  options: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    batchSize: number;
    conversionEvery: number;
    copyRows: number;
    drainTimeoutSeconds: number;
    /** Offered events/s, paced; 0: closed loop, as fast as answered. */
    rate: number;
    database: "throwaway cluster" | "DATABASE_URL";
  };
  loadBefore: number;
  /** Events/conversions the Worker answered 202 for during the measured run. */
  accepted: Stored;
  /** Rows of the bench tenant stored since the measured run began. */
  stored: Stored;
  /** Stored at the moment the last answer arrived: the rest was still on the queue. */
  storedAtLoadEnd: Stored;
  duplicated: number;
  parked: number;
  drained: boolean;
  seconds: { load: number; endToEnd: number; drainAfterLoad: number; pollIntervalMs: number };
  http: Summary;
  refusals: string[];
  /** [seconds since the first request, events stored] sampled during the run and the drain. */
  timeline: [number, number][];
  copy: { eventsBefore: CopyResult; eventsAfter: CopyResult; temp: CopyResult };
  /** CPU used over wall time (1.0 = one core) while loading, and while the queue drained afterwards. */
  cpu: { load: CpuShare; drain: CpuShare };
}

const total = (s: Stored) => s.events + s.conversions;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pad = (s: string, n: number) => s.padStart(n);

export function derive(r: IngestReport) {
  const accepted = total(r.accepted);
  const stored = total(r.stored);
  const endToEnd = stored / r.seconds.endToEnd;
  const copyEvents = (r.copy.eventsBefore.rowsPerSecond + r.copy.eventsAfter.rowsPerSecond) / 2;
  return {
    acceptedPerSecond: Math.round(accepted / r.seconds.load),
    endToEndPerSecond: Math.round(endToEnd),
    storedPerSecondDuringLoad: Math.round(total(r.storedAtLoadEnd) / r.seconds.load),
    storedPerSecondDrain: r.seconds.drainAfterLoad > 0 ? Math.round((stored - total(r.storedAtLoadEnd)) / r.seconds.drainAfterLoad) : null,
    copyEventsPerSecond: Math.round(copyEvents),
    ratio: Math.round((endToEnd / copyEvents) * 10_000) / 10_000,
    lost: Math.max(0, accepted - stored),
    goalMet: r.drained && stored === accepted && r.duplicated === 0 && endToEnd >= GOAL_EVENTS_PER_SECOND,
  };
}

export function printReport(r: IngestReport): void {
  const d = derive(r);
  const o = r.options;
  const accepted = total(r.accepted);
  const stored = total(r.stored);
  const pace = o.rate > 0 ? `offered ${int(o.rate)} events/s` : "closed loop";
  const what = o.conversionEvery > 0 ? `${o.batchSize} events per request, 1 in ${o.conversionEvery} requests a conversion batch instead` : `${o.batchSize} events per request`;
  console.log(`\n${o.connections} connections x ${o.durationSeconds}s after ${o.warmupSeconds}s warm-up, ${pace}, ${what};` +
    ` ${o.database}, ${cpus().length} cores, load average before ${r.loadBefore.toFixed(2)}`);
  console.log(`${"".padEnd(30)}${pad("events/s", 10)}${pad("events", 10)}${pad("seconds", 9)}`);
  const row = (name: string, rate: number, n: number, s: number, note = "") =>
    console.log(`${name.padEnd(30)}${pad(int(rate), 10)}${pad(int(n), 10)}${pad(s.toFixed(2), 9)}${note ? `   ${note}` : ""}`);
  row("accepted by HTTP (202)", d.acceptedPerSecond, accepted, r.seconds.load, `${int(r.http.rps)} req/s, p50 ${r.http.p50.toFixed(1)} ms, p99 ${r.http.p99.toFixed(1)} ms`);
  row("end to end, stored in Postgres", d.endToEndPerSecond, stored, r.seconds.endToEnd, "first request -> last row counted");
  const c = r.copy;
  row("COPY into events", d.copyEventsPerSecond, c.eventsBefore.rows, (c.eventsBefore.seconds + c.eventsAfter.seconds) / 2,
    `same table, rolled back; before ${int(c.eventsBefore.rowsPerSecond)}, after ${int(c.eventsAfter.rowsPerSecond)}`);
  row("COPY into TEMP (LIKE events)", c.temp.rowsPerSecond, c.temp.rows, c.temp.seconds, "no indexes, no WAL; reference only");
  console.log(`ratio end to end / COPY into events: ${d.ratio.toFixed(4)}   goal >= ${int(GOAL_EVENTS_PER_SECOND)} events/s end to end,` +
    ` no loss: ${d.goalMet ? "met" : "NOT met"}`);
  console.log(`accepted ${int(accepted)}  stored ${int(stored)}  lost ${int(d.lost)}${r.drained ? "" : ` (not drained after ${o.drainTimeoutSeconds}s: still queued or lost)`}` +
    `  duplicated ${int(r.duplicated)}  parked in failed_events ${int(r.parked)}`);
  console.log(`stored while loading: ${int(d.storedPerSecondDuringLoad)} events/s (${int(total(r.storedAtLoadEnd))} by the last answer);` +
    ` queue drain after: ${d.storedPerSecondDrain === null ? "-" : `${int(d.storedPerSecondDrain)} events/s`} over ${r.seconds.drainAfterLoad.toFixed(2)} s`);
  const groups = ["workerd", "postgres", "bridge", "bench", "other"] as const;
  const names = { workerd: "workerd", postgres: "postgres", bridge: "ws bridge", bench: "load generator", other: "rest of machine" };
  const pct = (v: number | null) => (v === null ? "-" : `${Math.round(v * 100)}%`);
  console.log(`CPU (100% = one core)  ${groups.map((g) => names[g]).join(" / ")}`);
  console.log(`  while loading:       ${groups.map((g) => pct(r.cpu.load[g])).join(" / ")}`);
  console.log(`  while draining:      ${groups.map((g) => pct(r.cpu.drain[g])).join(" / ")}`);
  if (o.conversionEvery > 0) {
    console.log(`of which conversions: accepted ${int(r.accepted.conversions)}, stored ${int(r.stored.conversions)}`);
  }
  const other = Object.entries(r.http.statuses).filter(([code]) => code !== "202");
  if (other.length || r.http.errors) {
    console.log(`warning: ${r.http.errors} request errors, statuses ${JSON.stringify(r.http.statuses)}`);
    for (const line of r.refusals) console.log(`  ${line}`);
  }
}

export function writeReport(r: IngestReport): string {
  return writeResult("ingest", { ...r, ...derive(r) });
}
