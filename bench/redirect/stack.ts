/**
 * The bench stack: Postgres (DATABASE_URL, else a throwaway cluster), the real three Workers and a
 * bare 302 Worker in ONE workerd, each reachable on its own direct socket, and one seeded link.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../scripts/lib/migrate";
import { findPostgresBinaries, LocalCluster } from "../../scripts/lib/postgres";
import { seedProgram } from "../../scripts/lib/seed-program";
import { bundleAll, startStack } from "../../scripts/lib/stack";
import { freePort } from "../../test/helpers/ports";
import { spawnBridge } from "./bridge-process";
import { clusterStopCommand, sh, Teardown } from "./teardown";

// Direct sockets are reached as 127.0.0.1:PORT and the redirect takes the host from the request URL.
const LINK_DOMAIN = "127.0.0.1";
const BARE_SCRIPT =
  "export default { fetch() { return new Response(null, { status: 302, headers: { location: 'https://loja.example/produtos?x=1' } }) } }";

export interface BenchStack {
  redirectUrl: string;
  bareUrl: string;
  clicks(): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const teardown = new Teardown();
  try {
    const scratch = mkdtempSync(join(tmpdir(), "indica-bench-"));
    teardown.add("remove scratch dir", () => rmSync(scratch, { recursive: true, force: true }), `rm -rf ${sh(scratch)}`);
    chmodSync(scratch, 0o755); // as root the cluster runs as `postgres`, which must enter this dir
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const bin = findPostgresBinaries();
      if (!bin) throw new Error("bench needs PostgreSQL: set DATABASE_URL or apt-get install postgresql");
      const cluster = new LocalCluster(bin, { dir: join(scratch, "pg"), port: await freePort(), fast: true });
      teardown.add("stop postgres", () => cluster.stop("immediate"), clusterStopCommand(cluster));
      await cluster.start();
      databaseUrl = cluster.url;
    }
    await migrateDatabase(databaseUrl);
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    db.on("error", () => {});
    teardown.add("close pool", () => db.end());
    const link = await seedProgram(db, { slug: "bench-redirect", linkDomain: LINK_DOMAIN, code: "bench" });
    const bridge = await spawnBridge(databaseUrl);
    teardown.add("stop bridge", () => bridge.close());
    const bundles = await bundleAll(join(scratch, "bundles"));
    const mf = await startStack({
      bundles,
      databaseUrl,
      wsProxy: bridge.address,
      bindings: {
        "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "bench-ip-secret" },
        "indica-ingest": { ADMIN_TOKEN: "bench-admin-token" },
      },
      directPorts: { "indica-redirect": 0 }, // 0: workerd picks; unsafeGetDirectURL tells us which
      extraWorkers: [
        { name: "bare-302", modules: true, script: BARE_SCRIPT, compatibilityDate: "2026-04-01", unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }] },
      ],
    });
    teardown.add("dispose miniflare", () => mf.dispose());
    return {
      redirectUrl: new URL(`/${link.code}`, await mf.unsafeGetDirectURL("indica-redirect")).href,
      bareUrl: new URL(`/${link.code}`, await mf.unsafeGetDirectURL("bare-302")).href,
      async clicks() {
        const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM clicks WHERE link_id = $1", [link.linkId]);
        return Number(rows[0].n);
      },
      close: () => teardown.run(),
    };
  } catch (err) {
    await teardown.run();
    throw err;
  }
}
