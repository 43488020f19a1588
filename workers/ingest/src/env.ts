import type { EventBuffer } from "../../../durable-objects";

export interface IngestEnv {
  DATABASE_URL: string;
  NEON_DEV_WS_PROXY?: string;
  /** Bearer token for operator endpoints (replay of failed events). */
  ADMIN_TOKEN?: string;
  RETRY_BASE_DELAY_SECONDS: string;
  RETRY_MAX_DELAY_SECONDS: string;
  EVENTS: Queue;
  EVENT_BUFFER: DurableObjectNamespace<EventBuffer>;
}

export interface IngestHonoEnv {
  Bindings: IngestEnv;
}

export const EVENTS_QUEUE = "indica-events";
export const EVENTS_DLQ = "indica-events-dlq";
