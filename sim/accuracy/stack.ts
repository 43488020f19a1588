/**
 * The real local stack for the simulation (bench/lib/stack.ts: Postgres, the bridge, the three Workers in
 * one workerd), reached over HTTP sockets as shoppers and merchants' servers would reach it.
 */
import { startWorkersStack, type WorkersStack } from "../../bench/lib/stack";
import { LOCAL_GUARD_SHARDS } from "../../scripts/lib/stack";
import type { Endpoints } from "./http";

/** Links live on `localhost`: Node and Chromium both reach the edge entry by that name. */
export const LINK_DOMAIN = "localhost";

export async function startSimStack(): Promise<{ stack: WorkersStack; ep: Endpoints; redirect: string }> {
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const stack = await startWorkersStack({
    poolSize: 4,
    directPorts: { "indica-redirect": 0, "indica-ingest": 0, "indica-api": 0 },
    bindings: {
      "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: "sim-ip-secret", GUARD_SHARDS: LOCAL_GUARD_SHARDS },
      "indica-ingest": { ADMIN_TOKEN: "sim-admin-token", SECRETS_KEY: "sim-secrets-key", IP_HASH_SECRET: "sim-ip-secret" },
      "indica-api": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, LINK_URL_SCHEME: "http", JWT_SECRET: "sim-jwt-secret-long-enough-for-hs256-signing", SECRETS_KEY: "sim-secrets-key" },
    },
  });
  const entry = await stack.mf.ready;
  const direct = async (w: string) => (await stack.mf.unsafeGetDirectURL(w)).origin;
  const ep: Endpoints = {
    edge: `http://localhost:${entry.port}`,
    ingest: await direct("indica-ingest"),
    api: await direct("indica-api"),
  };
  // The redirect's own socket takes the `MF-CF-Blob` header (the `request.cf` the edge attaches: network,
  // country), which the fraud signals read; links resolve by host name, so it is reached as localhost.
  const redirect = `http://localhost:${new URL(await direct("indica-redirect")).port}`;
  return { stack, ep, redirect };
}
