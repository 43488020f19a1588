import type { EventBuffer } from "../../../durable-objects";

/** Bindings declared in the root wrangler.toml (plus secrets and the dev-only bridge). */
export interface RedirectEnv {
  DEFAULT_LINK_DOMAIN: string;
  LINK_MEMORY_TTL_SECONDS: string;
  EDGE_CACHE: KVNamespace;
  EVENTS: Queue;
  EVENT_BUFFER: DurableObjectNamespace<EventBuffer>;
  INGEST: Fetcher;
  DATABASE_URL: string;
  IP_HASH_SECRET: string;
  NEON_DEV_WS_PROXY?: string;
  EVENT_BUFFER_FLUSH_DELAY_MS?: string;
}

export interface RedirectHonoEnv {
  Bindings: RedirectEnv;
}
