/**
 * The real local stack for the simulation: Postgres, the bridge, the three Workers in one workerd (bench/lib's
 * stack for `npm run sim`; the test suite's own database, bridge and bundles under vitest), reached over
 * HTTP sockets as shoppers and merchants' servers would reach it.
 */
import type { Miniflare } from "miniflare";
import pg from "pg";
import { startWorkersStack } from "../../bench/lib/stack";
import { LOCAL_GUARD_SHARDS, startStack, type StackOptions } from "../../scripts/lib/stack";
import type { Endpoints } from "./http";

/** Links live on `localhost`: Node and Chromium both reach the edge entry by that name. */
export const LINK_DOMAIN = "localhost";

const BINDINGS: StackOptions["bindings"] = {
  "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "sim-ip-secret", GUARD_SHARDS: LOCAL_GUARD_SHARDS },
  // Orders are played on a controlled clock up to months after real clicks (renewals): a lead of 200 days.
  "indica-ingest": { ADMIN_TOKEN: "sim-admin-token", SECRETS_KEY: "sim-secrets-key", IP_HASH_SECRET: "sim-ip-secret", MAX_EVENT_LEAD_HOURS: "4800" },
  "indica-api": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, LINK_URL_SCHEME: "http", JWT_SECRET: "sim-jwt-secret-long-enough-for-hs256-signing", SECRETS_KEY: "sim-secrets-key" },
};
const DIRECT = { "indica-redirect": 0, "indica-ingest": 0, "indica-api": 0 };

export interface SimStack {
  mf: Miniflare;
  db: pg.Pool;
  close(): Promise<void>;
}

/** What the test suite's global setup already made: its database, bridge and bundles. */
export type Prepared = Pick<StackOptions, "databaseUrl" | "wsProxy" | "bundles">;

export async function startSimStack(prepared?: Prepared): Promise<{ stack: SimStack; ep: Endpoints; redirect: string }> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  let stack: SimStack;
  if (prepared) {
    const mf = await startStack({ ...prepared, bindings: BINDINGS, directPorts: DIRECT });
    const db = new pg.Pool({ connectionString: prepared.databaseUrl, max: 4 });
    db.on("error", () => {});
    stack = { mf, db, close: async () => (await mf.dispose(), await db.end()) };
  } else {
    stack = await startWorkersStack({ poolSize: 4, directPorts: DIRECT, bindings: BINDINGS });
  }
  const entry = await stack.mf.ready;
  const direct = async (w: string) => (await stack.mf.unsafeGetDirectURL(w)).origin;
  const ep: Endpoints = { edge: `http://localhost:${entry.port}`, ingest: await direct("indica-ingest"), api: await direct("indica-api") };
  // The redirect's own socket takes the `MF-CF-Blob` header (the `request.cf` the edge attaches: network,
  // country), which the fraud signals read; links resolve by host name, so it is reached as localhost.
  const redirect = `http://localhost:${new URL(await direct("indica-redirect")).port}`;
  return { stack, ep, redirect };
}
