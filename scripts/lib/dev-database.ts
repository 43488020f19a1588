/**
 * The database `npm start` uses: DATABASE_URL when set; otherwise a cluster under .indica/pg from the
 * machine's PostgreSQL binaries; otherwise PGlite under .indica/pglite, so a newcomer needs nothing else.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { findPostgresBinaries, LocalCluster, startPglite, type RunningDatabase } from "./postgres";

export async function provideDevDatabase(stateDir: string, port: number): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, kind: "external", stop: async () => {} };
  }
  // INDICA_DB=pglite skips the local binaries, to try what a machine without PostgreSQL gets.
  const bin = process.env.INDICA_DB === "pglite" ? null : findPostgresBinaries();
  if (bin) {
    const cluster = new LocalCluster(bin, { dir: join(stateDir, "pg"), port });
    if (!(await reachable(cluster.url.replace(/\/indica$/, "/postgres")))) {
      if (existsSync(join(stateDir, "pg", "postmaster.pid"))) await cluster.stop("immediate").catch(() => {});
      await cluster.start();
    }
    return { url: cluster.url, kind: "postgres", stop: () => cluster.stop("fast") };
  }
  console.log("Using PGlite, an embedded Postgres (no PostgreSQL binaries found, or INDICA_DB=pglite). Set DATABASE_URL to use your own.");
  return startPglite(join(stateDir, "pglite"), port);
}

/**
 * Whether `port` is held by this state directory's own cluster, left running by an earlier `npm start`:
 * that one is reused, so its port being taken is no reason to stop. (postmaster.pid: pid, data directory,
 * start time, port, ...)
 */
export function ownClusterListensOn(stateDir: string, port: number): boolean {
  const file = join(stateDir, "pg", "postmaster.pid");
  if (!existsSync(file)) return false;
  const [pid, , , listening] = readFileSync(file, "utf8").split("\n");
  if (Number(listening) !== port || !(Number(pid) > 0)) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the cluster runs as `postgres` for root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
