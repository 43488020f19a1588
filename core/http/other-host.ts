/**
 * Hints for requests sent to the wrong host. The API host and the tracking (ingest) host share /v1 paths
 * (`/v1/conversions` reads orders on one and takes them on the other), so a caller who mixes them up got a
 * bare 405 or 404 and no idea that the path was right and the host wrong.
 */
import { TRACKING_POST_PATHS } from "./ingest-operations";

const tracking: readonly string[] = TRACKING_POST_PATHS;

/** For the API host: the hint for a request only the tracking host takes, if this is one. */
export function trackingHostHint(method: string, path: string): string | undefined {
  if (method !== "POST" || !tracking.includes(path)) return undefined;
  return `POST ${path} goes to the tracking (ingest) host, not the API host: send it there with an API key or a signed request (the operation's server in /openapi.json).`;
}

/** For the tracking host: the hint for a /v1 request that belongs to the API host. */
export function apiHostHint(path: string): string | undefined {
  // This host's own paths (orders, refunds, platform webhooks) asked with another method need no other host.
  const own = (path !== "/v1/conversions" && tracking.includes(path)) || path.startsWith("/v1/integrations/");
  if (own || !path.startsWith("/v1/")) return undefined;
  if (path === "/v1/conversions" || path.startsWith("/v1/conversions/")) return "Orders are read on the API host: GET /v1/conversions (or /v1/conversions/{id}) there. This tracking host only takes them (POST).";
  return "This tracking host takes POST /v1/conversions, /v1/conversions/batch and /v1/refunds; the rest of /v1 is on the API host.";
}
