/**
 * Cron Triggers for the local stack. Cloudflare fires a Worker's `[triggers] crons` in production; Miniflare
 * fires nothing by itself, so `npm start` runs this ticker: at each UTC minute it fires the crons that match
 * it, through the Worker's own `scheduled` handler. Without it, locally, webhook deliveries stayed pending,
 * commissions were never auto-approved and anomaly alerts never ran.
 *
 * Fields: minute hour day-of-month month day-of-week, each `*`, a number, a range `a-b`, a step `*` or
 * `a-b` + `/n`, or a list of those. Day of week only as `*`: Cloudflare's numbering and names differ from
 * Unix cron, and none of our crons needs them. An expression outside this is reported and not fired.
 */
const BOUNDS: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12]];

function fieldMatches(field: string, value: number, [min, max]: [number, number]): boolean | null {
  let matched = false;
  for (const part of field.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === "*" ? min : Number(m[2]);
    const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    if (value >= from && value <= to && (value - from) % step === 0) matched = true;
  }
  return matched;
}

/** Whether `expr` fires at the UTC minute of `at`; null when this ticker cannot read `expr`. */
export function cronMatches(expr: string, at: Date): boolean | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5 || fields[4] !== "*") return null;
  const values = [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1];
  let all = true;
  for (let i = 0; i < 4; i++) {
    const ok = fieldMatches(fields[i], values[i], BOUNDS[i]);
    if (ok === null) return null;
    all &&= ok;
  }
  return all;
}

export interface CronTicker {
  /** The crons it fires, and those it cannot read (never fired). */
  fired: string[];
  unreadable: string[];
  stop(): void;
}

/**
 * Fires `crons` at each UTC minute they match, one after another, through `fire`. A firing that fails is
 * reported and the next minute's still runs; a minute whose firings are still running is skipped.
 */
export function startCronTicker(crons: string[], fire: (cron: string, scheduledTime: number) => Promise<void>, report: (message: string) => void): CronTicker {
  const probe = new Date(0);
  const unreadable = crons.filter((c) => cronMatches(c, probe) === null);
  const fired = crons.filter((c) => !unreadable.includes(c));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  const tick = async (minute: number) => {
    if (busy) return;
    busy = true;
    try {
      for (const cron of fired) {
        if (!cronMatches(cron, new Date(minute))) continue;
        await fire(cron, minute).catch((err: Error) => report(`cron "${cron}" failed: ${err.message}`));
      }
    } finally {
      busy = false;
    }
  };
  const schedule = () => {
    const next = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    timer = setTimeout(() => {
      schedule();
      void tick(next);
    }, next - Date.now());
    // The ticker must not keep the process alive on its own.
    timer.unref?.();
  };
  if (fired.length > 0) schedule();
  return { fired, unreadable, stop: () => clearTimeout(timer) };
}
