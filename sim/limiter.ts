/** At most `n` requests in flight, for the simulators: thousands of shoppers at once would only measure the queueing; actors that fall behind their schedule queue up. */
export class Limiter {
  private waiting: (() => void)[] = [];
  private busy = 0;
  constructor(private n: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.busy++;
    try {
      return await fn();
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }
}
