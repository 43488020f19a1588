/**
 * npm run bench:ingest [-- --duration 10 --connections 16 --batch 20 --warmup 3 --conversion-every 0
 *                          --copy-rows 100000 --drain-timeout 60 --rate 0]
 * End-to-end events/s (HTTP -> Queue -> Postgres, counted in Postgres, loss and duplicates checked) next to
 * the COPY rate of the same database. See bench/README.md.
 */
import { parseArgs } from "node:util";
import { newId } from "../../core/ids";
import { cpuShare, cpuSnapshot } from "../lib/cpu";
import { loadAverage } from "../lib/results";
import { copyRate } from "./copy-baseline";
import { runIngestLoad, type PlannedRequest } from "./load";
import { printReport, writeReport, type IngestReport } from "./report";
import { startIngestBenchStack, type IngestBenchStack, type Stored } from "./stack";
import { BROWSER_UA, conversionBatch, eventBatch } from "./traffic";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    batch: { type: "string", default: "20" }, // events per request (the script sends up to 50)
    warmup: { type: "string", default: "3" },
    "conversion-every": { type: "string", default: "0" }, // every Nth request is a /v1/conversions/batch; 0: none
    "copy-rows": { type: "string", default: "100000" },
    "drain-timeout": { type: "string", default: "60" }, // seconds to wait for the queue to empty after the load
    rate: { type: "string", default: "0" }, // offered events/s (paced); 0: as fast as the Worker answers
  },
});
const connections = Number(args.connections);
const durationSeconds = Number(args.duration);
const batchSize = Number(args.batch);
const warmupSeconds = Number(args.warmup);
const conversionEvery = Number(args["conversion-every"]);
const copyRows = Number(args["copy-rows"]);
const drainTimeoutSeconds = Number(args["drain-timeout"]);
const rate = Number(args.rate);
const POLL_MS = 200;
const WARMUP_RATE = 1_500; // events/s

const sum = (a: Stored, b: Stored): Stored => ({ events: a.events + b.events, conversions: a.conversions + b.conversions });
const diff = (a: Stored, b: Stored): Stored => ({ events: a.events - b.events, conversions: a.conversions - b.conversions });
const reached = (s: Stored, target: Stored) => s.events >= target.events && s.conversions >= target.conversions;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until the tenant holds `target` rows. `at` is when the successful count was sent: its snapshot
 * is taken after that, so the last row was committed before it (within one poll interval).
 */
async function waitForRows(stack: IngestBenchStack, target: Stored, timeoutMs: number, onSample?: (at: number, s: Stored) => void) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const at = performance.now();
    const now = await stack.stored();
    onSample?.(at, now);
    if (reached(now, target)) return { drained: true, at, stored: now };
    if (performance.now() >= deadline) return { drained: false, at, stored: now };
    await sleep(POLL_MS);
  }
}

function planner(stack: IngestBenchStack): (sender: number, n: number) => PlannedRequest {
  // Each sender is a browser of its own: a visitor cookie and an address of its own, its page as Origin.
  const visitors = Array.from({ length: connections }, () => newId("visitor"));
  return (sender, n): PlannedRequest => {
    if (conversionEvery > 0 && n % conversionEvery === conversionEvery - 1) {
      return {
        kind: "conversions",
        url: `${stack.ingestOrigin}/v1/conversions/batch`,
        headers: { "content-type": "application/json", authorization: `Bearer ${stack.apiKey}` },
        body: JSON.stringify(conversionBatch(batchSize)),
      };
    }
    return {
      kind: "events",
      url: `${stack.ingestOrigin}/_indica/e`,
      headers: {
        "content-type": "text/plain", // what sendBeacon sends
        origin: stack.ingestOrigin,
        cookie: `indica_vid=${visitors[sender]}`,
        "user-agent": BROWSER_UA,
        "cf-connecting-ip": `203.0.113.${(sender % 250) + 1}`,
      },
      body: JSON.stringify(eventBatch(stack.tenantId, batchSize)),
    };
  };
}

async function main(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const loadBefore = loadAverage();
  const stack = await startIngestBenchStack();
  try {
    const next = planner(stack);
    const probe = next(0, 0);
    const res = await fetch(probe.url, { method: "POST", headers: probe.headers, body: probe.body });
    if (res.status !== 202) throw new Error(`ingest probe: expected 202, got ${res.status} ${await res.text()}`);

    // Warm-up: isolates, site cache, JIT, keep-alive sockets, the consumer's first batches. Paced below the
    // local storage rate, so the queue is empty again at once.
    const warmRate = (rate > 0 ? Math.min(rate, WARMUP_RATE) : WARMUP_RATE) / batchSize;
    const warm = warmupSeconds > 0 ? await runIngestLoad({ connections, durationSeconds: warmupSeconds, next, requestsPerSecond: warmRate }) : null;
    const probed = (await res.json()) as { accepted: number };
    const warmTarget = {
      events: (probe.kind === "events" ? probed.accepted : 0) + (warm?.accepted.events ?? 0),
      conversions: (probe.kind === "conversions" ? probed.accepted : 0) + (warm?.accepted.conversions ?? 0),
    };
    if (!(await waitForRows(stack, warmTarget, 60_000)).drained) throw new Error("warm-up events were not all stored within 60 s");

    const copyBefore = await copyRate(stack.db, copyRows, "events");
    const base = await stack.stored();

    // The measured run, with a count every second on the side for the timeline.
    const timeline: [number, number][] = [];
    let loading = true;
    const t0 = performance.now();
    const sampler = (async () => {
      while (loading) {
        await sleep(1_000);
        if (!loading) break;
        const at = performance.now();
        timeline.push([Math.round(at - t0) / 1000, (await stack.stored()).events - base.events]);
      }
    })();
    const cpuStart = cpuSnapshot(stack.postgresPid);
    const load = await runIngestLoad({ connections, durationSeconds, next, requestsPerSecond: rate / batchSize });
    const cpuLoadEnd = cpuSnapshot(stack.postgresPid);
    const atLoadEnd = diff(await stack.stored(), base);
    loading = false;
    await sampler;
    const accepted = load.accepted;
    const drain = await waitForRows(stack, sum(base, accepted), drainTimeoutSeconds * 1000, (at, s) =>
      timeline.push([Math.round(at - load.startedAt) / 1000, s.events - base.events]));
    const cpuDrainEnd = cpuSnapshot(stack.postgresPid);
    const stored = diff(drain.stored, base);
    const [duplicated, parked] = [await stack.duplicateEvents(), await stack.parked()];

    const copyAfter = await copyRate(stack.db, copyRows, "events");
    const copyTemp = await copyRate(stack.db, copyRows, "temp");

    const round = (ms: number) => Math.round(ms) / 1000;
    const report: IngestReport = {
      options: {
        connections, durationSeconds, warmupSeconds, batchSize, conversionEvery, copyRows, drainTimeoutSeconds, rate,
        database: stack.throwaway ? "throwaway cluster" : "DATABASE_URL",
      },
      loadBefore,
      accepted,
      stored,
      storedAtLoadEnd: atLoadEnd,
      duplicated,
      parked,
      drained: drain.drained,
      seconds: {
        load: round(load.endedAt - load.startedAt),
        endToEnd: round(drain.at - load.startedAt),
        drainAfterLoad: round(Math.max(0, drain.at - load.endedAt)),
        pollIntervalMs: POLL_MS,
      },
      http: load.http,
      refusals: load.refusals,
      timeline,
      copy: { eventsBefore: copyBefore, eventsAfter: copyAfter, temp: copyTemp },
      cpu: { load: cpuShare(cpuStart, cpuLoadEnd), drain: cpuShare(cpuLoadEnd, cpuDrainEnd) },
    };
    printReport(report);
    console.log(`written ${writeReport(report)}`);
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
