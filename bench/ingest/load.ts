/**
 * Closed-loop load: `connections` senders each POST a batch, wait for the answer, and send the next, until
 * the time is up (optionally paced to a fixed request rate). Unlike autocannon (bench/redirect/load.ts), no request is left in flight when the run
 * stops, so the client knows exactly how many events the Worker accepted; that is what zero loss is
 * checked against. Every request carries fresh event ids, so a batch is never a harmless retry.
 */
import { summarise, type LoadResult, type Summary } from "../redirect/load";

export type RequestKind = "events" | "conversions";

export interface PlannedRequest {
  kind: RequestKind;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface IngestLoadOptions {
  connections: number;
  durationSeconds: number;
  /** Paces the senders to this many requests/s in total (they still never exceed `connections` in flight); 0: as fast as answered. */
  requestsPerSecond?: number;
  /** The next request of sender `sender`, its `n`-th. */
  next(sender: number, n: number): PlannedRequest;
}

export interface IngestLoadResult {
  /** performance.now() when the first request was sent and when the last answer arrived. */
  startedAt: number;
  endedAt: number;
  /** Events (or conversions) the Worker answered 202 for, by its own `accepted` count. */
  accepted: Record<RequestKind, number>;
  http: Summary;
  /** The first few refusals, to tell why. */
  refusals: string[];
}

export async function runIngestLoad(o: IngestLoadOptions): Promise<IngestLoadResult> {
  const accepted: Record<RequestKind, number> = { events: 0, conversions: 0 };
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const refusals: string[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + o.durationSeconds * 1000;

  const interval = o.requestsPerSecond ? 1000 / o.requestsPerSecond : 0;
  let issued = 0;
  const sender = async (id: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      if (interval) {
        const due = startedAt + issued++ * interval;
        if (due >= deadline) break;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      }
      const req = o.next(id, n);
      const sent = performance.now();
      try {
        const res = await fetch(req.url, { method: "POST", headers: req.headers, body: req.body });
        const text = await res.text();
        latencies.push(performance.now() - sent);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 202) accepted[req.kind] += (JSON.parse(text) as { accepted: number }).accepted;
        else if (refusals.length < 5) refusals.push(`${req.kind} ${res.status}: ${text.slice(0, 300)}`);
      } catch (err) {
        errors++;
        if (refusals.length < 5) refusals.push(`${req.kind}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 50)); // do not spin on a refused connection
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, (_, i) => sender(i)));
  const endedAt = performance.now();
  const run: LoadResult = { seconds: (endedAt - startedAt) / 1000, latencies, statuses, errors };
  return { startedAt, endedAt, accepted, http: summarise([run]), refusals };
}
