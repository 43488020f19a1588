/**
 * The Workers' Cron Triggers (`[triggers] crons` in each wrangler.toml) fired on this machine, as
 * Cloudflare fires them in production: through each Worker's own `scheduled` handler (cron-schedule.ts).
 */
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import { startCronTicker } from "./cron-schedule";
import { ROOT, WORKERS } from "./stack";

type ScheduledWorker = { scheduled(options: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }> };

export interface LocalCrons {
  /** "worker: cron" for each trigger fired, and for each one this machine cannot read (not fired). */
  fired: string[];
  unreadable: string[];
  stop(): void;
}

export function startLocalCrons(mf: Miniflare, report: (message: string) => void): LocalCrons {
  const tickers = WORKERS.map((w) => {
    const crons = unstable_readConfig({ config: join(ROOT, w.config) }, { hideWarnings: true }).triggers?.crons ?? [];
    const ticker = startCronTicker(crons, async (cron, at) => {
      // Miniflare's worker handle has `scheduled`; its published type leaves it out.
      const worker = (await mf.getWorker(w.name)) as unknown as ScheduledWorker;
      const { outcome } = await worker.scheduled({ cron, scheduledTime: new Date(at) });
      if (outcome !== "ok") report(`${w.name} cron "${cron}": ${outcome}`);
    }, report);
    return { name: w.name, ticker };
  });
  return {
    fired: tickers.flatMap((t) => t.ticker.fired.map((c) => `${t.name}: ${c}`)),
    unreadable: tickers.flatMap((t) => t.ticker.unreadable.map((c) => `${t.name}: ${c}`)),
    stop: () => tickers.forEach((t) => t.ticker.stop()),
  };
}
