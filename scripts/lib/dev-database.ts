/**
 * The database `npm start` uses: DATABASE_URL when set; otherwise a cluster under .indica/pg from the
 * machine's PostgreSQL binaries; otherwise PGlite under .indica/pglite, so a newcomer needs nothing else.
 */
import { existsSync } from "node:fs";
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
