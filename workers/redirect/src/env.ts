import type { EventBuffer, IpGuard, RateLimiter, VisitorGuard } from "../../../durable-objects";

/** Bindings declared in the root wrangler.toml (plus secrets and the dev-only bridge). */
export interface RedirectEnv {
  DEFAULT_LINK_DOMAIN: string;
  LINK_MEMORY_TTL_SECONDS: string;
  EDGE_CACHE: KVNamespace;
  EVENTS: Queue;
  EVENT_BUFFER: DurableObjectNamespace<EventBuffer>;
  VISITOR_GUARD: DurableObjectNamespace<VisitorGuard>;
  IP_GUARD: DurableObjectNamespace<IpGuard>;
  /** Hosted here with the other classes; the API Worker counts requests with it (script_name). */
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  INGEST: Fetcher;
  DATABASE_URL: string;
  IP_HASH_SECRET: string;
  NEON_DEV_WS_PROXY?: string;
  EVENT_BUFFER_FLUSH_DELAY_MS?: string;
  /** "off" records clicks without asking the guard objects (an escape hatch if they misbehave). */
  FRAUD_GUARDS?: string;
  /** "visitors,networks": how many guard shard objects (durable-objects/shard.ts). */
  GUARD_SHARDS?: string;
  /** How long a batch waits for the guard objects before recording its clicks unchecked (fail-open). */
  GUARD_TIMEOUT_MS?: string;
  /** Sweep period of the guard objects' alarm; shortened in tests. */
  GUARD_SWEEP_EVERY_MS?: string;
}

export interface RedirectHonoEnv {
  Bindings: RedirectEnv;
}
