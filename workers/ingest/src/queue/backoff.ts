/** Exponential back-off with full jitter, so a recovering database is not hit by every batch at once. */
export function retryDelaySeconds(attempts: number, baseSeconds: number, maxSeconds: number, random = Math.random()): number {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(ceiling * (0.5 + random / 2)));
}
