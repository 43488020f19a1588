/**
 * Runs `task` for every item with at most `limit` running at once, each worker taking the next item as it
 * finishes one (as concurrent queue consumer invocations take the next batch). Rejects on the first failure.
 */
export async function concurrently<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
