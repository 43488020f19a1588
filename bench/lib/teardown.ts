/**
 * Stops what the bench started, in reverse order: after the run, after a failed start, or on Ctrl-C.
 *
 * On a signal nothing slow may run in-process: importing wrangler installs a SIGINT handler that exits at
 * once, and tsx SIGKILLs a child that takes more than ~60 ms to acknowledge a signal. So each step may
 * also name a shell command that a detached shell runs after we exit (stopping Postgres, removing files);
 * Miniflare's own exit hook kills workerd, and the bridge process exits when its stdin closes.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { LocalCluster } from "../../scripts/lib/postgres";

export const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What LocalCluster.stop runs, as a shell command (as root, pg_ctl runs as the cluster's owner). */
export function clusterStopCommand(cluster: LocalCluster): string {
  const stop = `${sh(join(cluster.bin, "pg_ctl"))} -D ${sh(cluster.opts.dir)} -m immediate -w stop`;
  return process.getuid?.() === 0 ? `su postgres -s /bin/sh -c ${sh(stop)}` : stop;
}

export class Teardown {
  private steps: { what: string; fn: () => unknown; onSignal?: string }[] = [];
  private done?: Promise<void>;

  constructor() {
    // Prepended so it runs before wrangler's handler, which exits.
    process.prependOnceListener("SIGINT", this.onSignal).prependOnceListener("SIGTERM", this.onSignal);
  }

  add(what: string, fn: () => unknown, onSignal?: string): void {
    this.steps.push({ what, fn, onSignal });
  }

  run(): Promise<void> {
    return (this.done ??= (async () => {
      for (const { what, fn } of [...this.steps].reverse()) {
        try {
          await fn();
        } catch (err) {
          console.error(`bench: ${what} failed: ${(err as Error).message}`);
        }
      }
      process.off("SIGINT", this.onSignal).off("SIGTERM", this.onSignal);
    })());
  }

  private onSignal = () => {
    const commands = [...this.steps].reverse().flatMap((s) => (s.onSignal ? [s.onSignal] : []));
    console.error("bench: interrupted; cleaning up in the background");
    if (commands.length) spawn("sh", ["-c", commands.join("; ")], { detached: true, stdio: "ignore" }).unref();
    process.exit(130);
  };
}
