/**
 * Lets the isolate's other work run. A consumer batch can carry 10,000 clicks; unpacking and encoding
 * them in one go would hold the isolate for tens of milliseconds, and tracking calls on the same
 * isolate (and, locally, every Worker on workerd's one thread) would wait behind it.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `work` over `items` in slices of `size`, yielding between slices. */
export async function inSlices<T>(items: readonly T[], size: number, work: (slice: T[]) => Promise<void> | void): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToRequests();
    await work(items.slice(i, i + size));
  }
}
