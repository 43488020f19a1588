import type { DatabaseHandle } from "../../../db/client";
import type { ApiKeyPrincipal } from "../../../db/queries/api-keys";

export interface ApiEnv {
  DATABASE_URL: string;
  NEON_DEV_WS_PROXY?: string;
  DEFAULT_LINK_DOMAIN: string;
  LINK_URL_SCHEME: string;
  /** Port the redirect Worker is reached on locally; only printed in link URLs, empty in production. */
  LINK_URL_PORT?: string;
  EDGE_CACHE: KVNamespace;
}


export interface ApiHonoEnv {
  Bindings: ApiEnv;
  Variables: {
    requestId: string;
    database: DatabaseHandle;
    principal: ApiKeyPrincipal;
  };
}
