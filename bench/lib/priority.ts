/**
 * Sets the CPU priority (niceness) of processes the bench started, thread by thread (Linux niceness belongs to
 * threads; threads and processes started later inherit it from the one that creates them, so Postgres
 * backends forked after this call inherit the postmaster's).
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { setPriority } from "node:os";

export const LOWEST_PRIORITY = 19;

/** The niceness the measured processes get (the target workerd and the load generator), so that other work
 * on a shared machine preempts them less; raising priority needs root, and without it nothing changes. */
export const RAISED_PRIORITY = -10;

/** Sets the niceness of every thread of `pids`; returns how many were changed (0 where /proc or setpriority is not). */
export function setNiceness(pids: number[], niceness = LOWEST_PRIORITY): number {
  let lowered = 0;
  for (const pid of pids) {
    let tids: number[];
    try {
      tids = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      tids = [pid];
    }
    for (const tid of tids) {
      try {
        setPriority(tid, niceness);
        lowered++;
      } catch {
        // gone, or not ours to change
      }
    }
  }
  return lowered;
}

/**
 * Pins every thread of `pids` to the CPUs listed (`taskset -c` syntax, e.g. "0" or "1-3"). Threads and
 * processes they start later inherit it. Returns how many processes were pinned (0 without taskset).
 */
export function pinToCpus(pids: number[], cpus: string): number {
  let pinned = 0;
  for (const pid of pids) {
    const r = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
    if (r.status === 0) pinned++;
  }
  return pinned;
}
