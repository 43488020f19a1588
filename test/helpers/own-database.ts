/**
 * A stack on its own throwaway Postgres cluster, for tests that stop and restart the database: stopping
 * the shared one would disturb every other test file.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { LocalCluster } from "../../scripts/lib/postgres";
import { startWsBridge } from "../../scripts/lib/ws-bridge";
import { freePort } from "./ports";
import { startTestStack, type TestStack } from "./stack";

export interface OwnDatabaseStack {
  stack: TestStack;
  cluster: LocalCluster;
  close(): Promise<void>;
}

export async function startStackWithOwnDatabase(): Promise<OwnDatabaseStack> {
  const pgBin = inject("pgBin");
  if (!pgBin) throw new Error("this test stops and restarts its own PostgreSQL cluster: install postgresql");
  const scratch = mkdtempSync(join(tmpdir(), "indica-own-db-"));
  chmodSync(scratch, 0o755); // as root, the cluster runs as the postgres user, which must enter it
  const cluster = new LocalCluster(pgBin, { dir: join(scratch, "pg"), port: await freePort(), fast: true });
  await cluster.start();
  await migrateDatabase(cluster.url);
  const bridge = await startWsBridge(cluster.url);
  const stack = await startTestStack({ databaseUrl: cluster.url, wsProxy: bridge.address });
  return {
    stack,
    cluster,
    async close() {
      await stack.close().catch(() => {});
      await bridge.close();
      await cluster.stop("immediate").catch(() => {});
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
