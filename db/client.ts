/**
 * The one database factory for the Workers: drizzle over the Neon serverless driver (Postgres wire
 * protocol over WebSocket), which is what production uses against Neon.
 *
 * Locally the same driver reaches a plain Postgres through a small WebSocket-to-TCP bridge
 * (scripts/lib/ws-bridge.ts). The bridge is switched on only by the dev/test-only `NEON_DEV_WS_PROXY`
 * binding, so the code path in the Workers is the production one.
 */
import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import * as schema from "./schema";

export interface DatabaseBindings {
  DATABASE_URL: string;
  /** `host:port` of the local bridge; never set in production. */
  NEON_DEV_WS_PROXY?: string;
}

export type Database = NeonDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  pool: Pool;
  /** Closes the pool's sockets; call through `ctx.waitUntil` so the response is not delayed. */
  close(): Promise<void>;
}

let configuredProxy: string | undefined;

function configureDevProxy(proxy: string | undefined): void {
  if (!proxy || proxy === configuredProxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  configuredProxy = proxy;
}

/**
 * A pool lives for one request or one queue batch: Workers may not share sockets across requests,
 * so there is nothing to gain from a global pool and much to lose.
 */
export function createDatabase(env: DatabaseBindings, options: { max?: number } = {}): DatabaseHandle {
  configureDevProxy(env.NEON_DEV_WS_PROXY);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: options.max ?? 1, connectionTimeoutMillis: 5_000 });
  // An idle client that errors (database restarted) must not become an unhandled rejection.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema });
  return { db, pool, close: () => pool.end() };
}

export { schema };

/** Runs `fn` with a database for the duration of one request or batch, closing it afterwards off the response path. */
export async function withDatabase<T>(env: DatabaseBindings, ctx: { waitUntil(p: Promise<unknown>): void }, fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = createDatabase(env);
  try {
    return await fn(handle.db);
  } finally {
    ctx.waitUntil(handle.close());
  }
}

/** Rows of a raw `db.execute` result: the drivers answer with an array or with `{ rows }`. */
export const rowsOf = <T>(result: { rows: T[] } | T[]): T[] => (Array.isArray(result) ? result : result.rows);
