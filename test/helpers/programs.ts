/**
 * Helpers for the campaigns and affiliates API tests: typed-enough calls, bodies checked by status, and
 * the redirect's cached record of a link (to see a status change reach the edge).
 */
import { expect } from "vitest";
import { linkCacheKey, type LinkRecord } from "../../core/link-record";
import { callApi } from "./api";
import { TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";

/** The JSON body of a response expected to have this status (the body is shown when it does not). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by assertions, not types
export async function bodyOf(res: Response, status: number): Promise<any> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

export const programApi = (stack: TestStack, key: string) => ({
  get: (path: string) => callApi(stack, "GET", path, { key }),
  post: (path: string, body: unknown = {}) => callApi(stack, "POST", path, { key, body }),
  patch: (path: string, body: unknown) => callApi(stack, "PATCH", path, { key, body }),
});

export const newCampaign = (name = "Verão") => ({ name, destinationUrl: "https://loja.example/verao" });

let affiliateCount = 0;
export const newAffiliate = (extra: Record<string, unknown> = {}) => ({
  name: "Ana Lima",
  email: `ana-${Date.now()}-${++affiliateCount}@example.com`,
  ...extra,
});

/** The link record the redirect would read from KV, or null when none is cached. */
export async function cachedLinkRecord(stack: TestStack, code: string): Promise<LinkRecord | null> {
  const kv = await stack.mf.getKVNamespace("EDGE_CACHE", "indica-api");
  return (await kv.get(linkCacheKey(TEST_LINK_DOMAIN, code), "json")) as LinkRecord | null;
}

/** Waits until the cached record of a link satisfies `check` (the API writes it after responding). */
export function waitForCachedLink(stack: TestStack, code: string, check: (r: LinkRecord) => boolean, what: string): Promise<LinkRecord> {
  return waitFor(async () => {
    const record = await cachedLinkRecord(stack, code);
    return record && check(record) ? record : null;
  }, 10_000, what);
}
