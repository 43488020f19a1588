/**
 * Where the CPU went during a phase of a bench, from /proc (Linux only; elsewhere every figure is null):
 * the bench process itself (load generator), workerd and the bridge (its children), the throwaway
 * Postgres (postmaster, live backends, and backends already gone, which the postmaster has reaped into
 * its children's times), and the whole machine, so other work on a shared box shows up too.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export type CpuGroup = "bench" | "workerd" | "bridge" | "postgres" | "machine";
export type CpuSnapshot = { at: number } & Record<CpuGroup, number | null>;
/** Per group: CPU seconds used during the phase over its wall seconds (1.0 = one core busy throughout). */
export type CpuShare = Record<CpuGroup | "other", number | null>;

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

interface Proc {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, and cutime + cstime (reaped children), in ticks. */
  own: number;
  children: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const f = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(name), comm: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) });
    } catch {
      // gone between readdir and read
    }
  }
  return out;
}

function descendantsOf(all: Proc[], root: number): Proc[] {
  const byParent = new Map<number, Proc[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const walk = (pid: number): Proc[] => (byParent.get(pid) ?? []).flatMap((c) => [c, ...walk(c.pid)]);
  return walk(root);
}

function machineBusyTicks(): number {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + irq + softirq + (steal ?? 0);
}

export function cpuSnapshot(postgresPid?: number): CpuSnapshot {
  const at = performance.now();
  const usage = process.cpuUsage();
  const bench = (usage.user + usage.system) / 1e6;
  try {
    const hz = clockTicks();
    const all = processes();
    const descendants = (pid: number) => descendantsOf(all, pid);
    const mine = descendants(process.pid);
    const sum = (ps: Proc[]) => ps.reduce((s, p) => s + p.own, 0) / hz;
    const postmaster = postgresPid ? all.find((p) => p.pid === postgresPid) : undefined;
    return {
      at,
      bench,
      workerd: sum(mine.filter((p) => p.comm === "workerd")),
      bridge: sum(mine.filter((p) => p.comm === "node")),
      postgres: postmaster ? (postmaster.own + postmaster.children) / hz + sum(descendants(postmaster.pid)) : null,
      machine: machineBusyTicks() / hz,
    };
  } catch {
    return { at, bench, workerd: null, bridge: null, postgres: null, machine: null };
  }
}

export function cpuShare(from: CpuSnapshot, to: CpuSnapshot): CpuShare {
  const wall = (to.at - from.at) / 1000;
  const share = (g: CpuGroup) => {
    const a = from[g];
    const b = to[g];
    return a === null || b === null || wall <= 0 ? null : Math.round(((b - a) / wall) * 100) / 100;
  };
  const out = { bench: share("bench"), workerd: share("workerd"), bridge: share("bridge"), postgres: share("postgres"), machine: share("machine") };
  const ours = [out.bench, out.workerd, out.bridge, out.postgres].reduce<number>((s, v) => s + (v ?? 0), 0);
  return { ...out, other: out.machine === null ? null : Math.max(0, Math.round((out.machine - ours) * 100) / 100) };
}

/** The workerd processes this bench started (a bench with two Miniflare instances tells them apart). */
export function workerdPids(): number[] {
  try {
    return descendantsOf(processes(), process.pid).filter((p) => p.comm === "workerd").map((p) => p.pid);
  } catch {
    return [];
  }
}

/** CPU seconds used so far by the given processes (null where /proc cannot say). */
export function processSeconds(pids: number[]): number | null {
  try {
    const hz = clockTicks();
    return processes().filter((p) => pids.includes(p.pid)).reduce((s, p) => s + p.own, 0) / hz;
  } catch {
    return null;
  }
}

/** The bridge processes (node children) this bench started. */
export function bridgePids(): number[] {
  try {
    return descendantsOf(processes(), process.pid).filter((p) => p.comm === "node").map((p) => p.pid);
  } catch {
    return [];
  }
}

/** A process and everything it has forked so far (the throwaway Postgres: postmaster and backends). */
export function processTree(pid: number): number[] {
  try {
    return [pid, ...descendantsOf(processes(), pid).map((p) => p.pid)];
  } catch {
    return [pid];
  }
}
