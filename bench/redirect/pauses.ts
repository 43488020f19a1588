/**
 * Pauses of the target, seen from an open-loop client: stretches of time in which the responses took
 * longer than a threshold. At a steady rate every request sent while the target's thread is stopped waits
 * for it, so one pause of P ms delays about rate × P requests: a 3 s run with one 80 ms pause in it has its
 * p99 set by that pause, and one without has not. How often a target pauses and for how long says more
 * than a p99 from a window shorter than the gap between pauses.
 */

/** A request that took longer than the threshold: when it was sent and how long it took, both in ms. */
export type SlowResponse = readonly [sentAtMs: number, latencyMs: number];

export interface Pauses {
  /** Stretches of slow responses, those that overlap or follow within `joinMs` counted as one. */
  count: number;
  perMinute: number;
  /** The longest stretch, from the first slow request's send to the last one's answer, ms. */
  longestMs: number;
  /** Responses slower than the threshold, and their share of all those received (what a p99 can see). */
  slowResponses: number;
  slowShare: number;
}

export const SLOW_RESPONSE_MS = 15;

export function pausesOf(slow: readonly SlowResponse[], seconds: number, responses: number, joinMs = 5): Pauses {
  const sorted = [...slow].sort((a, b) => a[0] - b[0]);
  let count = 0;
  let longestMs = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [sentAt, latency] of sorted) {
    if (sentAt > end + joinMs) {
      count++;
      start = sentAt;
      end = sentAt + latency;
    } else {
      end = Math.max(end, sentAt + latency);
    }
    longestMs = Math.max(longestMs, end - start);
  }
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    count,
    perMinute: seconds > 0 ? round((count / seconds) * 60, 1) : 0,
    longestMs: round(longestMs, 1),
    slowResponses: sorted.length,
    slowShare: responses > 0 ? round(sorted.length / responses, 5) : 0,
  };
}

/** Pauses over several runs of one target: counts and shares add up, the longest is the longest. */
export function mergePauses(runs: readonly { pauses: Pauses; seconds: number; responses: number }[]): Pauses {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const responses = runs.reduce((s, r) => s + r.responses, 0);
  const count = runs.reduce((s, r) => s + r.pauses.count, 0);
  const slow = runs.reduce((s, r) => s + r.pauses.slowResponses, 0);
  return {
    count,
    perMinute: seconds > 0 ? Math.round((count / seconds) * 600) / 10 : 0,
    longestMs: Math.max(0, ...runs.map((r) => r.pauses.longestMs)),
    slowResponses: slow,
    slowShare: responses > 0 ? Math.round((slow / responses) * 1e5) / 1e5 : 0,
  };
}
