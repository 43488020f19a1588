/**
 * The redirect bench stack: the shared bench stack (bench/lib/stack.ts) with a bare 302 Worker beside the
 * redirect, each reachable on its own direct socket, and one seeded link.
 *
 * Topology `one`: everything in one workerd, the queue broker, consumer and guard objects included.
 * Topology `split`: the redirect and the bare 302 in an edge workerd of their own (./edge.ts), the rest in
 * the backend workerd, as production places them on different machines.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Miniflare, WorkerOptions } from "miniflare";
import { seedProgram } from "../../scripts/lib/seed-program";
import { LOCAL_GUARD_SHARDS } from "../../scripts/lib/stack";
import { bridgePids, processTree, workerdPids } from "../lib/cpu";
import { availableParallelism } from "node:os";
import { pinToCpus, setNiceness, RAISED_PRIORITY } from "../lib/priority";
import { startWorkersStack } from "../lib/stack";
import { EDGE_REDIRECT, QUEUE_RELAY_WORKER, startEdge } from "./edge";

// Direct sockets are reached as 127.0.0.1:PORT and the redirect takes the host from the request URL.
const LINK_DOMAIN = "127.0.0.1";
const BARE: WorkerOptions = {
  name: "bare-302",
  modules: true,
  script: "export default { fetch() { return new Response(null, { status: 302, headers: { location: 'https://loja.example/produtos?x=1' } }) } }",
  compatibilityDate: "2026-04-01",
  unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
};

export type Topology = "one" | "split";

export interface BenchStack {
  redirectUrl: string;
  bareUrl: string;
  clicks(): Promise<number>;
  /** Stored clicks the guard objects did not answer for in time (fraud reason `guards_unavailable`). */
  uncheckedClicks(): Promise<number>;
  /** The bench's own connections to the database. */
  db: import("pg").Pool;
  /** The throwaway cluster's postmaster, for CPU accounting; undefined with DATABASE_URL. */
  postgresPid?: number;
  /** The workerd that serves the two targets (in `one`, the only workerd), and in `split` the backend's. */
  workerdPids: { edge: number[]; backend: number[] };
  close(): Promise<void>;
}

export interface BenchStackOptions {
  /** false runs the redirect with FRAUD_GUARDS=off, to measure what the guard objects cost. */
  guards: boolean;
  topology: Topology;
  /** Split only: run the backend (its workerd, the bridge, a throwaway Postgres) at the lowest CPU priority,
   * standing in for its running on other machines: under load it yields the cores to the edge and the
   * load generator, and the queue holds the clicks until it catches up. */
  lowBackendPriority?: boolean;
  /** Raise the targets' workerd and the load generator above other work on the machine (root only). */
  raisePriority?: boolean;
  /**
   * Split only: the targets' workerd gets CPU 0 to itself and every other process of the bench (the load
   * generator, the backend workerd, the bridge, a throwaway Postgres) the other CPUs, as an edge machine
   * serves links without the queue consumer, the database or the clients on its cores. Both targets are in
   * that workerd, so both get the same core.
   */
  dedicatedEdgeCore?: boolean;
  inspectorPort?: number;
  stateDir?: string;
}

export async function startBenchStack(o: BenchStackOptions): Promise<BenchStack> {
  const split = o.topology === "split";
  const registry = split ? mkdtempSync(join(tmpdir(), "indica-dev-registry-")) : undefined;
  const bindings = {
    "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "bench-ip-secret", GUARD_SHARDS: process.env.BENCH_GUARD_SHARDS ?? LOCAL_GUARD_SHARDS, ...(process.env.BENCH_GUARD_TIMEOUT_MS ? { GUARD_TIMEOUT_MS: process.env.BENCH_GUARD_TIMEOUT_MS } : {}), FRAUD_GUARDS: o.guards ? "on" : "off" },
    "indica-ingest": { ADMIN_TOKEN: "bench-admin-token" },
  };
  const before = workerdPids();
  // Split: the inspector is the edge's, so a profile shows the redirect's thread alone.
  const stack = await startWorkersStack({
    inspectorPort: split ? undefined : o.inspectorPort,
    stateDir: o.stateDir,
    bindings,
    devRegistryPath: registry,
    directPorts: split ? {} : { "indica-redirect": 0 },
    extraWorkers: split ? [QUEUE_RELAY_WORKER] : [BARE],
  });
  let edge: Miniflare | undefined;
  const close = async () => {
    await edge?.dispose();
    await stack.close();
    if (registry) rmSync(registry, { recursive: true, force: true });
  };
  try {
    const backendPids = workerdPids().filter((p) => !before.includes(p));
    if (split && o.lowBackendPriority) {
      const changed = setNiceness([...backendPids, ...bridgePids(), ...(stack.postgresPid ? processTree(stack.postgresPid) : [])]);
      if (changed === 0) console.warn("could not lower the backend's CPU priority");
    }
    if (split) {
      const edgeState = o.stateDir ? join(o.stateDir, "edge") : undefined;
      edge = await startEdge({ stack: { ...stack, bindings }, devRegistryPath: registry!, bare: BARE, stateDir: edgeState, inspectorPort: o.inspectorPort });
    }
    const targets = edge ?? stack.mf;
    const edgePids = split ? workerdPids().filter((p) => !before.includes(p) && !backendPids.includes(p)) : backendPids;
    // The measured processes (the targets' workerd and this process, the load generator) above other work
    // on the machine, so both targets see less preemption by it; needs root, else a no-op.
    if (o.raisePriority) setNiceness([...edgePids, process.pid], RAISED_PRIORITY);
    if (split && o.dedicatedEdgeCore) {
      const others = [process.pid, ...backendPids, ...bridgePids(), ...(stack.postgresPid ? processTree(stack.postgresPid) : [])];
      const rest = `1-${Math.max(1, availableParallelism() - 1)}`;
      if (pinToCpus(edgePids, "0") === 0 || pinToCpus(others, rest) === 0) console.warn("could not pin the edge workerd to a core of its own (taskset missing?)");
    }
    const { db } = stack;
    const link = await seedProgram(db, { slug: "bench-redirect", linkDomain: LINK_DOMAIN, code: "bench" });
    // Real traffic comes from many visitors: lift the per-visitor and per-network limits so the bench's
    // load is not all flagged, which would measure a flood rather than a busy program.
    await db.query("UPDATE campaigns SET fraud_settings = $2 WHERE id = $1", [link.campaignId, { ipPerMinute: 1e9, ipPerHour: 1e9, visitorPerAffiliatePerHour: 1e9 }]);
    return {
      redirectUrl: new URL(`/${link.code}`, await targets.unsafeGetDirectURL(split ? EDGE_REDIRECT : "indica-redirect")).href,
      bareUrl: new URL(`/${link.code}`, await targets.unsafeGetDirectURL("bare-302")).href,
      async clicks() {
        const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM clicks WHERE link_id = $1", [link.linkId]);
        return Number(rows[0].n);
      },
      async uncheckedClicks() {
        const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM clicks WHERE link_id = $1 AND 'guards_unavailable' = ANY (fraud_reasons)", [link.linkId]);
        return Number(rows[0].n);
      },
      postgresPid: stack.postgresPid,
      db,
      workerdPids: split ? { edge: edgePids, backend: backendPids } : { edge: edgePids, backend: [] },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
