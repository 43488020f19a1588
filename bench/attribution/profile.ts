/**
 * `--profile`: where a batch's time goes. Times every statement the set-based code sends through the
 * bench's pool (wall time from the call to its answer, so it includes the round trip) and names it by the
 * start of its SQL; what is left of a batch's time is JS (building parameters, parsing rows, the rules).
 * Bench-only: the product code is not touched.
 */
import type pg from "pg";

type Totals = { ms: number; calls: number };

export interface StatementProfile {
  /** Starts timing the pool's queries; returns a function that stops it. */
  start(): () => void;
  /** With batches running `concurrency` at a time, statements overlap: their sums exceed the wall time. */
  report(batches: number, batchMs: number, concurrency?: number): string;
}

/** A statement's name: its SQL with whitespace collapsed, cut short, enough to tell the few apart. */
const nameOf = (arg: unknown) => {
  const text = typeof arg === "string" ? arg : String((arg as { text?: string }).text ?? "?");
  return text.replace(/\s+/g, " ").trim().slice(0, 90);
};

export function statementProfile(pool: pg.Pool): StatementProfile {
  const totals = new Map<string, Totals>();
  return {
    start() {
      const original = pool.query;
      // The pool's query has many overloads; the wrapper passes every argument through unchanged.
      const timed = function (this: pg.Pool, ...args: unknown[]) {
        const name = nameOf(args[0]);
        const t = performance.now();
        const done = () => {
          const s = totals.get(name) ?? { ms: 0, calls: 0 };
          s.ms += performance.now() - t;
          s.calls += 1;
          totals.set(name, s);
        };
        const result = (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
        result.then(done, done);
        return result;
      };
      pool.query = timed as typeof pool.query;
      return () => {
        pool.query = original;
      };
    },
    report(batches, batchMs, concurrency = 1) {
      const lines = [...totals].sort((a, b) => b[1].ms - a[1].ms);
      const inStatements = lines.reduce((sum, [, s]) => sum + s.ms, 0);
      const row = (ms: number, calls: string, name: string) => `${(ms / batches).toFixed(2).padStart(8)} ms ${calls.padStart(6)}  ${name}`;
      return [
        `per batch (${batches} batches, ${(batchMs / batches).toFixed(1)} ms each):`,
        ...lines.map(([name, s]) => row(s.ms, (s.calls / batches).toFixed(1), name)),
        // Overlapping batches leave no wall time that is only JS: the difference would mean nothing.
        ...(concurrency > 1 ? [`(statement times include waiting for the CPU and connections of ${concurrency} batches at once; run --concurrency 1 for the JS left)`] : [row(batchMs - inStatements, "", "(JS between statements)")]),
      ].join("\n");
    },
  };
}
