/**
 * One bounded autocannon run against a URL. Latencies are taken from each response event rather than
 * autocannon's histogram, whose 1 ms resolution is too coarse for sub-millisecond p50s.
 */
import autocannon from "autocannon";
import { mergePauses, pausesOf, type Pauses, type SlowResponse } from "./pauses";

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** Give each request its own client network (`cf-connecting-ip`), as real traffic has: otherwise every
   * click lands on the same visitor and network guard objects, a hotspot no real program sees. */
  varyClientIp?: boolean;
}

/** What every target gets from the redirect benches: a desktop Chrome user agent (a bot is answered untracked,
 * which is cheaper) and the client IP Cloudflare always adds (replaced per request with varyClientIp). */
export const BROWSER_HEADERS: Record<string, string> = {
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "cf-connecting-ip": "203.0.113.7",
};

const byte = () => Math.floor(Math.random() * 256);
/** Spread over ~13 M /24 networks: 256 of them would make every network (and every cookie-less visitor,
 * which the guards key by network and browser) a flood of thousands of clicks an hour. */
export const randomIp = () => `${11 + Math.floor(Math.random() * 200)}.${byte()}.${byte()}.${1 + Math.floor(Math.random() * 254)}`;

export interface LoadResult {
  seconds: number;
  /** Response latencies in ms, client side, every status. */
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  /** Open-loop runs only (./paced.ts): the responses slower than SLOW_RESPONSE_MS, with their send times. */
  slow?: SlowResponse[];
}

export async function runLoad(url: string, o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const requests = o.varyClientIp
    ? [{ setupRequest: (req: { headers?: Record<string, string> }) => ({ ...req, headers: { ...req.headers, "cf-connecting-ip": randomIp() } }) }]
    : undefined;
  const instance = autocannon({ url, connections: o.connections, duration: o.durationSeconds, headers: o.headers, requests });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const started = performance.now();
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return { seconds, latencies, statuses, errors: result.errors + result.timeouts };
}

export interface Summary {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  /** Open-loop runs only: the target's pauses as the client saw them (./pauses.ts). */
  pauses?: Pauses;
  statuses: Record<string, number>;
  errors: number;
}

/** Merges the rounds of one target: req/s over the summed run time, percentiles over all samples. */
export function summarise(runs: LoadResult[]): Summary {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const round = (n: number) => Math.round(n * 1000) / 1000; // µs precision keeps the JSON small
  const pct = (p: number) => round(all.length ? all[Math.min(all.length - 1, Math.ceil((p / 100) * all.length) - 1)] : NaN);
  return {
    requests: all.length,
    rps: round(all.length / seconds),
    p50: pct(50),
    p90: pct(90),
    p95: pct(95),
    p99: pct(99),
    p999: pct(99.9),
    max: pct(100),
    ...(runs.every((r) => r.slow)
      ? { pauses: mergePauses(runs.map((r) => ({ pauses: pausesOf(r.slow!, r.seconds, r.latencies.length), seconds: r.seconds, responses: r.latencies.length }))) }
      : {}),
    statuses,
    errors: runs.reduce((s, r) => s + r.errors, 0),
  };
}
