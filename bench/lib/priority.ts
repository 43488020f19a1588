/**
 * Sets the CPU priority (niceness) of processes the bench started, thread by thread (Linux niceness belongs to
 * threads; threads and processes started later inherit it from the one that creates them, so Postgres
 * backends forked after this call inherit the postmaster's).
 */
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
