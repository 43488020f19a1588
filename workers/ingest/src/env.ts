import type { EventBuffer } from "../../../durable-objects";
import type { ApiKeyPrincipal } from "../../../db/queries/api-keys";

export interface IngestEnv {
  DATABASE_URL: string;
  NEON_DEV_WS_PROXY?: string;
  /** Bearer token for operator endpoints (replay of failed events). */
  ADMIN_TOKEN?: string;
  /** Key of the daily-rotating IP hash; the same secret as the redirect Worker's. */
  IP_HASH_SECRET: string;
  /** Seals signing secrets at rest (core/secret-box.ts). */
  SECRETS_KEY: string;
  RETRY_BASE_DELAY_SECONDS: string;
  RETRY_MAX_DELAY_SECONDS: string;
  /** How many hours ahead of now an order's or refund's occurredAt may be (lib/event-lead.ts); 24 when unset. */
  MAX_EVENT_LEAD_HOURS?: string;
  /** Base of the Nuvemshop API (`https://api.nuvemshop.com.br/v1`); tests point it at a local fake. */
  NUVEMSHOP_API_BASE?: string;
  EVENTS: Queue;
  EVENT_BUFFER: DurableObjectNamespace<EventBuffer>;
  EDGE_CACHE: KVNamespace;
}

export interface IngestHonoEnv {
  Bindings: IngestEnv;
  /** requestId: set first by middleware/request-log.ts; the log line and every problem carry it. */
  Variables: { principal: ApiKeyPrincipal; requestId: string };
}

export const EVENTS_QUEUE = "indica-events";
export const EVENTS_DLQ = "indica-events-dlq";
