/**
 * Runs at most `n` calls at a time. The merchant's methods list asks the API once per affiliate (there is no
 * list across affiliates), and a page of them at once would crowd out the rest of the dashboard's requests.
 */
export function createLimiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    running += 1;
    try {
      return await work();
    } finally {
      next();
    }
  };
}
