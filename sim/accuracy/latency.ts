/** Client-side latency per endpoint (ms), measured around the request only, not the sim's own queueing. */
export class Latencies {
  private samples = new Map<string, number[]>();

  async time<T>(endpoint: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.samples.set(endpoint, [...(this.samples.get(endpoint) ?? []), performance.now() - t]);
    }
  }

  summary(): Record<string, { n: number; p50: number; p95: number; p99: number }> {
    const out: Record<string, { n: number; p50: number; p95: number; p99: number }> = {};
    for (const [k, xs] of this.samples) {
      const s = [...xs].sort((a, b) => a - b);
      const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10;
      out[k] = { n: s.length, p50: at(50), p95: at(95), p99: at(99) };
    }
    return out;
  }
}
