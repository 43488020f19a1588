/**
 * Integration tests run against a real Postgres: TEST_DATABASE_URL (or DATABASE_URL) when given,
 * otherwise a throwaway cluster from the machine's PostgreSQL binaries. Workers are bundled once.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../scripts/lib/migrate";
import { findPostgresBinaries, LocalCluster } from "../scripts/lib/postgres";
import { bundleAll } from "../scripts/lib/stack";
import { startWsBridge } from "../scripts/lib/ws-bridge";
import { freePort } from "./helpers/ports";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    wsProxy: string;
    bundles: Record<string, string>;
    pgBin: string | null;
  }
}

export default async function setup(project: TestProject) {
  const scratch = mkdtempSync(join(tmpdir(), "indica-test-"));
  // As root the cluster runs as the `postgres` user, which must be able to enter this directory.
  chmodSync(scratch, 0o755);
  const pgBin = findPostgresBinaries();
  let cluster: LocalCluster | null = null;
  let bridge: Awaited<ReturnType<typeof startWsBridge>> | null = null;
  const teardown = async () => {
    await bridge?.close();
    await cluster?.stop("immediate").catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    let databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!databaseUrl) {
      if (!pgBin) throw new Error("Integration tests need PostgreSQL: set TEST_DATABASE_URL, or install it (apt-get install postgresql).");
      cluster = new LocalCluster(pgBin, { dir: join(scratch, "pg"), port: await freePort(), fast: true });
      await cluster.start();
      databaseUrl = cluster.url;
    }
    await migrateDatabase(databaseUrl);
    bridge = await startWsBridge(databaseUrl);
    const bundles = await bundleAll(join(scratch, "bundles"));

    project.provide("databaseUrl", databaseUrl);
    project.provide("wsProxy", bridge.address);
    project.provide("bundles", bundles);
    project.provide("pgBin", pgBin);
  } catch (err) {
    // Vitest runs no teardown for a setup that threw: a failed migration left its cluster running.
    await teardown();
    throw err;
  }
  return teardown;
}
