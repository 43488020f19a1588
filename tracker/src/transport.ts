/**
 * Sending batches. The body is JSON labelled text/plain so a cross-origin endpoint still sees a CORS
 * "simple" request (no preflight); the ingest Worker parses it as JSON whatever the label.
 */
import { safely } from "./storage";

export type Fetcher = (url: string, init: RequestInit) => Promise<{ status: number }>;
export type Beacon = (url: string, body: Blob) => boolean;

export const delivered = (status: number): boolean => status > 199 && status < 300;

/** 4xx means the batch can never succeed, except 408/429 which say "later". Anything else is retried. */
export const refused = (status: number): boolean => status > 399 && status < 500 && status != 408 && status != 429;

/** Resolves to the HTTP status, or 0 when the request did not complete (offline, blocked, aborted). */
export async function post(fetcher: Fetcher, url: string, body: string): Promise<number> {
  try {
    const res = await fetcher(url, { method: "POST", body, keepalive: true, credentials: "include", headers: { "content-type": "text/plain" } });
    return res.status;
  } catch {
    return 0;
  }
}

/** sendBeacon survives the page being unloaded; false means the browser refused to queue it. */
export const beacon = (send: Beacon | undefined, url: string, body: string): boolean =>
  !!send && !!safely(() => send(url, new Blob([body], { type: "text/plain" })));
