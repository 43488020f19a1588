/**
 * The redirect bench stack: the shared bench stack (bench/lib/stack.ts) with a bare 302 Worker beside the
 * real three, each reachable on its own direct socket, and one seeded link.
 */
import { seedProgram } from "../../scripts/lib/seed-program";
import { LOCAL_GUARD_SHARDS } from "../../scripts/lib/stack";
import { startWorkersStack } from "../lib/stack";

// Direct sockets are reached as 127.0.0.1:PORT and the redirect takes the host from the request URL.
const LINK_DOMAIN = "127.0.0.1";
const BARE_SCRIPT =
  "export default { fetch() { return new Response(null, { status: 302, headers: { location: 'https://loja.example/produtos?x=1' } }) } }";

export interface BenchStack {
  redirectUrl: string;
  bareUrl: string;
  clicks(): Promise<number>;
  /** The throwaway cluster's postmaster, for CPU accounting; undefined with DATABASE_URL. */
  postgresPid?: number;
  close(): Promise<void>;
}

/** `guards: false` runs the redirect with FRAUD_GUARDS=off, to measure what the guard objects cost. */
export async function startBenchStack(o: { guards: boolean; inspectorPort?: number; stateDir?: string }): Promise<BenchStack> {
  const stack = await startWorkersStack({
    inspectorPort: o.inspectorPort,
    stateDir: o.stateDir,
    bindings: {
      "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "bench-ip-secret", GUARD_SHARDS: LOCAL_GUARD_SHARDS, FRAUD_GUARDS: o.guards ? "on" : "off" },
      "indica-ingest": { ADMIN_TOKEN: "bench-admin-token" },
    },
    directPorts: { "indica-redirect": 0 },
    extraWorkers: [
      { name: "bare-302", modules: true, script: BARE_SCRIPT, compatibilityDate: "2026-04-01", unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }] },
    ],
  });
  try {
    const { db, mf } = stack;
    const link = await seedProgram(db, { slug: "bench-redirect", linkDomain: LINK_DOMAIN, code: "bench" });
    // Real traffic comes from many visitors: lift the per-visitor and per-network limits so the bench's
    // load is not all flagged, which would measure a flood rather than a busy program.
    await db.query("UPDATE campaigns SET fraud_settings = $2 WHERE id = $1", [link.campaignId, { ipPerMinute: 1e9, ipPerHour: 1e9, visitorPerAffiliatePerHour: 1e9 }]);
    return {
      redirectUrl: new URL(`/${link.code}`, await mf.unsafeGetDirectURL("indica-redirect")).href,
      bareUrl: new URL(`/${link.code}`, await mf.unsafeGetDirectURL("bare-302")).href,
      async clicks() {
        const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM clicks WHERE link_id = $1", [link.linkId]);
        return Number(rows[0].n);
      },
      postgresPid: stack.postgresPid,
      close: () => stack.close(),
    };
  } catch (err) {
    await stack.close();
    throw err;
  }
}
