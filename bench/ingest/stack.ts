/**
 * The ingest bench stack: the shared bench stack (bench/lib/stack.ts) with the ingest Worker on a direct
 * socket, and a fresh tenant (a new slug each run, so a reused DATABASE_URL never mixes runs).
 */
import { newId } from "../../core/ids";
import { seedProgram } from "../../scripts/lib/seed-program";
import { startWorkersStack, type WorkersStack } from "../lib/stack";

export interface Stored {
  events: number;
  conversions: number;
}

export interface IngestBenchStack extends WorkersStack {
  tenantId: string;
  apiKey: string;
  /** Origin of the ingest Worker's direct socket, e.g. http://127.0.0.1:PORT */
  ingestOrigin: string;
  /** Rows stored for the bench tenant. */
  stored(): Promise<Stored>;
  /** count(*) - count(DISTINCT id) over the tenant's events. */
  duplicateEvents(): Promise<number>;
  /** Messages the consumer could not store and parked in failed_events, for this tenant. */
  parked(): Promise<number>;
}

export async function startIngestBenchStack(): Promise<IngestBenchStack> {
  const stack = await startWorkersStack({
    bindings: { "indica-ingest": { ADMIN_TOKEN: "bench-admin-token", IP_HASH_SECRET: "bench-ip-secret" } },
    directPorts: { "indica-ingest": 0 },
    poolSize: 3,
  });
  try {
    const { db, mf } = stack;
    const run = newId("event").slice(-10).toLowerCase();
    const p = await seedProgram(db, { slug: `bench-ingest-${run}`, linkDomain: "bench-ingest.invalid", code: `bench-${run}` });
    const one = async (sql: string) => Number((await db.query<{ n: string }>(sql, [p.tenantId])).rows[0].n);
    return {
      ...stack,
      tenantId: p.tenantId,
      apiKey: p.apiKey,
      ingestOrigin: new URL(await mf.unsafeGetDirectURL("indica-ingest")).origin,
      async stored() {
        const [events, conversions] = await Promise.all([
          one("SELECT count(*) AS n FROM events WHERE tenant_id = $1"),
          one("SELECT count(*) AS n FROM conversions WHERE tenant_id = $1"),
        ]);
        return { events, conversions };
      },
      duplicateEvents: () => one("SELECT count(*) - count(DISTINCT id) AS n FROM events WHERE tenant_id = $1"),
      parked: () => one("SELECT count(*) AS n FROM failed_events WHERE tenant_id = $1"),
    };
  } catch (err) {
    await stack.close();
    throw err;
  }
}
