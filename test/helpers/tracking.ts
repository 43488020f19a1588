import { newId } from "../../core/ids";
import type { TestStack } from "./stack";

export const INGEST_ORIGIN = "https://loja.indica.test";
export const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** What a real Chrome sends on an affiliate link: with fewer headers a click is flagged as scripted. */
export const BROWSER_HEADERS = {
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  accept: "text/html",
  "accept-language": "pt-BR",
  "sec-ch-ua": '"Chromium";v="131"',
};

/** POST /_indica/e as the tracking script would, from the merchant's own origin. */
export function postEvents(stack: TestStack, body: unknown, headers: Record<string, string> = {}) {
  return stack.fetch("indica-ingest", `${INGEST_ORIGIN}/_indica/e`, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": BROWSER_UA, "cf-connecting-ip": "198.51.100.23", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function serverPost(stack: TestStack, path: string, apiKey: string | null, body: unknown, headers: Record<string, string> = {}) {
  return stack.fetch("indica-ingest", `https://ingest.indica.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const eventId = () => newId("event");
export const orderId = () => `pedido-${newId("event").slice(-8)}`;

export async function conversionOf(stack: TestStack, tenantId: string, order: string) {
  const { rows } = await stack.db.query("SELECT * FROM conversions WHERE tenant_id = $1 AND order_id = $2", [tenantId, order]);
  return rows[0] ?? null;
}
