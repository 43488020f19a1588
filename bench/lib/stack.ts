/**
 * What every bench starts: Postgres (DATABASE_URL, else a throwaway cluster), the WebSocket bridge in its
 * own process, and the real three Workers (plus any extra ones) in ONE workerd. Each bench seeds its own
 * data on top and asks for the direct sockets it needs.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Miniflare, WorkerOptions } from "miniflare";
import pg from "pg";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { findPostgresBinaries, LocalCluster } from "../../scripts/lib/postgres";
import { bundleAll, startStack, type StackOptions, type WorkerName } from "../../scripts/lib/stack";
import { freePort } from "../../test/helpers/ports";
import { spawnBridge } from "./bridge-process";
import { clusterStopCommand, sh, Teardown } from "./teardown";

export interface WorkersStackOptions {
  bindings?: StackOptions["bindings"];
  /** Direct sockets per Worker (0: workerd picks; `mf.unsafeGetDirectURL` tells which). */
  directPorts?: StackOptions["directPorts"];
  extraWorkers?: WorkerOptions[];
  /** Size of the bench's own pg pool (seeding, counting, baselines). */
  poolSize?: number;
  inspectorPort?: StackOptions["inspectorPort"];
  /** Where workerd keeps Durable Object, KV and queue state (a fresh directory, removed at the end);
   * omitted: Miniflare's own temporary directory on disk. */
  stateDir?: string;
  devRegistryPath?: StackOptions["devRegistryPath"];
}

export interface WorkersStack {
  databaseUrl: string;
  /** The bench's own connections, straight to Postgres (not through the bridge). */
  db: pg.Pool;
  mf: Miniflare;
  /** True when the database is a throwaway cluster started for this run. */
  throwaway: boolean;
  /** The throwaway cluster's postmaster, for CPU accounting (bench/lib/cpu.ts). */
  postgresPid?: number;
  /** The Workers' bundles and the bridge, for a bench that starts a second workerd beside this one. */
  bundles: Record<WorkerName, string>;
  wsProxy: string;
  close(): Promise<void>;
}

export async function startWorkersStack(o: WorkersStackOptions = {}): Promise<WorkersStack> {
  const teardown = new Teardown();
  try {
    const scratch = mkdtempSync(join(tmpdir(), "indica-bench-"));
    teardown.add("remove scratch dir", () => rmSync(scratch, { recursive: true, force: true }), `rm -rf ${sh(scratch)}`);
    chmodSync(scratch, 0o755); // as root the cluster runs as `postgres`, which must enter this dir
    let databaseUrl = process.env.DATABASE_URL;
    const throwaway = !databaseUrl;
    let postgresPid: number | undefined;
    if (!databaseUrl) {
      const bin = findPostgresBinaries();
      if (!bin) throw new Error("bench needs PostgreSQL: set DATABASE_URL or apt-get install postgresql");
      const cluster = new LocalCluster(bin, { dir: join(scratch, "pg"), port: await freePort(), fast: true });
      teardown.add("stop postgres", () => cluster.stop("immediate"), clusterStopCommand(cluster));
      await cluster.start();
      databaseUrl = cluster.url;
      postgresPid = Number(readFileSync(join(cluster.opts.dir, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
    }
    await migrateDatabase(databaseUrl);
    const db = new pg.Pool({ connectionString: databaseUrl, max: o.poolSize ?? 2 });
    db.on("error", () => {});
    teardown.add("close pool", () => db.end());
    const bridge = await spawnBridge(databaseUrl);
    teardown.add("stop bridge", () => bridge.close());
    const bundles = await bundleAll(join(scratch, "bundles"));
    if (o.stateDir) teardown.add("remove workerd state", () => rmSync(o.stateDir!, { recursive: true, force: true }), `rm -rf ${sh(o.stateDir)}`);
    const mf = await startStack({
      bundles,
      databaseUrl,
      wsProxy: bridge.address,
      bindings: o.bindings,
      directPorts: o.directPorts,
      extraWorkers: o.extraWorkers,
      inspectorPort: o.inspectorPort,
      persistDir: o.stateDir,
      devRegistryPath: o.devRegistryPath,
    });
    teardown.add("dispose miniflare", () => mf.dispose());
    return { databaseUrl, db, mf, throwaway, postgresPid, bundles, wsProxy: bridge.address, close: () => teardown.run() };
  } catch (err) {
    await teardown.run();
    throw err;
  }
}
