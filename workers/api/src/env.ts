import type { Principal } from "../../../core/auth/access";
import type { Database, DatabaseHandle, Executor } from "../../../db/client";
import type { RateLimiter } from "../../../durable-objects/rate-limiter";

export interface ApiEnv {
  DATABASE_URL: string;
  NEON_DEV_WS_PROXY?: string;
  DEFAULT_LINK_DOMAIN: string;
  LINK_URL_SCHEME: string;
  /** Port the redirect Worker is reached on locally; only printed in link URLs, empty in production. */
  LINK_URL_PORT?: string;
  EDGE_CACHE: KVNamespace;
  /** Signs dashboard session tokens (HS256). */
  JWT_SECRET: string;
  /** Seals webhook signing secrets at rest (core/secret-box.ts). */
  SECRETS_KEY: string;
  /** "true" lets webhook URLs use plain http to localhost/127.0.0.1/[::1]: local development and tests only. */
  WEBHOOK_ALLOW_LOOPBACK_HTTP?: string;
  /**
   * Local development and tests only, honoured only with WEBHOOK_ALLOW_LOOPBACK_HTTP: a loopback origin
   * (http://127.0.0.1:8790) that domain verification fetches instead of https://<hostname>, which a test
   * cannot serve on port 443.
   */
  DOMAIN_VERIFICATION_DEV_ORIGIN?: string;
  /** Payout providers (secrets, docs/payouts.md); a provider without its credentials cannot be sent to. */
  STRIPE_API_BASE?: string;
  STRIPE_SECRET_KEY?: string;
  PIX_EFI_API_BASE?: string;
  PIX_EFI_ACCESS_TOKEN?: string;
  /** The merchant account's own PIX key, the payer of Efí's Pix Envio. */
  PIX_EFI_PAYER_KEY?: string;
  PAYPAL_API_BASE?: string;
  PAYPAL_CLIENT_ID?: string;
  PAYPAL_CLIENT_SECRET?: string;
  /** Payout webhooks (docs/payouts.md): Stripe's whsec_…, PayPal's webhook id, the secret in Efí's callback URL. */
  STRIPE_WEBHOOK_SECRET?: string;
  PAYPAL_WEBHOOK_ID?: string;
  PIX_EFI_WEBHOOK_SECRET?: string;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  /** The ingest Worker's queue (indica-events): a merchant's replayed failed events go back on it. */
  EVENTS: Queue;
  API_RATE_LIMIT_PER_MINUTE?: string;
  /** Bearer token Prometheus sends to GET /metrics; unset: /metrics answers 401. */
  METRICS_TOKEN?: string;
  /** Workers Analytics Engine: one data point per request, aggregated across isolates (docs/operations.md). */
  METRICS?: AnalyticsEngineDataset;
}

export interface ApiHonoEnv {
  Bindings: ApiEnv;
  Variables: {
    requestId: string;
    /**
     * The Worker's own connection (one per request), for work before a tenant is known (sign-in). Inside
     * an authenticated route it would wait forever for the connection the tenant transaction holds:
     * routes use `db`, and `afterCommit` for work that must see the committed result (cache refreshes).
     */
    database: DatabaseHandle;
    /** Runs `task` on the Worker's connection after the request's transaction, off the response path. */
    afterCommit: (what: string, task: (db: Database) => Promise<unknown>) => void;
    principal: Principal;
    /** The request's tenant-scoped transaction (db/tenant-scope.ts): what every authenticated route queries. */
    db: Executor;
  };
}
