/**
 * An open-loop load at a steady rate: requests leave on a 1 ms clock (rate × elapsed, minus those sent),
 * each on a kept-alive connection of a pool, whether or not earlier ones were answered. autocannon's own
 * `overallRate` sends each second's quota in a burst at the start of the second, so its latencies measure
 * how long that burst queues, which grows with the cost per request, rather than latency at that rate.
 */
import { Agent, request } from "node:http";
import { randomIp, type LoadResult } from "./load";
import { SLOW_RESPONSE_MS, type SlowResponse } from "./pauses";

export interface PacedOptions {
  rate: number;
  durationSeconds: number;
  headers: Record<string, string>;
  varyClientIp?: boolean;
  /** Most connections open at once (requests beyond wait for one, which shows in their latency). */
  maxConnections?: number;
}

export async function runPaced(url: string, o: PacedOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxConnections ?? 64 });
  const latencies: number[] = [];
  const slow: SlowResponse[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  let inFlight = 0;
  const total = Math.round(o.rate * o.durationSeconds);
  const started = performance.now();
  const sendOne = () => {
    const at = performance.now();
    inFlight++;
    const headers = o.varyClientIp ? { ...o.headers, "cf-connecting-ip": randomIp() } : o.headers;
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        const ms = performance.now() - at;
        latencies.push(ms);
        if (ms > SLOW_RESPONSE_MS) slow.push([at - started, ms]);
        statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
        inFlight--;
      });
    });
    req.on("error", () => {
      errors++;
      inFlight--;
    });
    req.end();
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * o.rate));
      while (sent < due) {
        sendOne();
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies, statuses, errors, slow };
}
