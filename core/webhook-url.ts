/**
 * Which URLs an endpoint may have. HTTPS only, so payloads and signatures never cross the internet in the
 * clear. Plain http is accepted for loopback hosts only when the Worker allows it (local development and
 * tests, `WEBHOOK_ALLOW_LOOPBACK_HTTP`); in production a Worker could not reach a loopback host anyway.
 * No credentials in the URL (they would show up in logs) and no fragment (never sent). No private or
 * link-local host (core/private-host.ts), save loopback where loopback is allowed.
 */
import { isPrivateHost } from "./private-host";
import { isStorableText } from "./text";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why `value` cannot be a webhook URL, or null when it can. */
export function webhookUrlIssue(value: string, allowLoopbackHttp: boolean): string | null {
  if (!isStorableText(value)) return "must not contain control characters";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not contain credentials";
  if (url.hash) return "must not contain a fragment";
  const loopbackAllowed = allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname);
  if (isPrivateHost(url.hostname) && !loopbackAllowed) return "must be a public address: not a private, loopback or link-local host, nor a local network name";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return allowLoopbackHttp ? "must use https (http only for localhost, 127.0.0.1 or [::1])" : "must use https";
}
