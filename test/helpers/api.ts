/**
 * Helpers for the API and redirect integration tests: calling the API Worker, checking RFC 9457 problems,
 * minting API keys in Postgres, and waiting for (or ruling out) click rows.
 */
import { expect } from "vitest";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "../../core/api-key";
import { newId } from "../../core/ids";
import { seedTestProgram, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";

export const API_ORIGIN = "https://api.indica.test";

/** A desktop Chrome: isbot says no, so clicks from it are tracked. */
export const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Lowercase, unique per call: for codes, slugs and hostnames that must not collide across tests. */
export function uniqueSuffix(): string {
  return newId("link").slice(-10).toLowerCase();
}

/** A hostname for a merchant's own link domain (hostnames are globally unique). */
export function uniqueLinkDomain(): string {
  return `go.m-${uniqueSuffix()}.test`;
}

/** `Set-Cookie` headers of a response (the Workers types in tsconfig lack `Headers#getSetCookie`). */
export function setCookies(res: Response): string[] {
  return (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
}

/** A parsed JSON body, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked by assertions, not types
export const jsonOf = (res: Response): Promise<any> => res.json();

export interface ApiCall {
  key?: string | null;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function callApi(stack: TestStack, method: string, path: string, call: ApiCall = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (call.key) headers.authorization = `Bearer ${call.key}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] = "application/json";
  }
  return stack.fetch("indica-api", `${API_ORIGIN}${path}`, { method, headers: { ...headers, ...call.headers }, body });
}

export const postLink = (stack: TestStack, key: string | null, body: unknown, headers?: Record<string, string>) =>
  callApi(stack, "POST", "/v1/links", { key, body, headers });

export const getLinkById = (stack: TestStack, key: string | null, id: string) => callApi(stack, "GET", `/v1/links/${id}`, { key });

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { pointer: string; detail: string }[];
  /** Merchants a sign-in or repeated sign-up names (the auth routes' extension member). */
  tenants?: { slug: string; name: string }[];
}

/** Asserts an RFC 9457 problem with the given status and code, and returns its body. */
export async function expectProblem(res: Response, status: number, code: string): Promise<ProblemBody> {
  const text = await res.text();
  expect(res.status, `body: ${text}`).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^https:\/\/\S+/), title: expect.any(String) });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.requestId).toEqual(expect.any(String));
  expect(res.headers.get("x-request-id")).toBe(body.requestId);
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true);
    for (const e of body.errors) {
      expect(e.pointer).toMatch(/^(\/[^/]*)+$/);
      expect(typeof e.detail).toBe("string");
    }
  }
  return body;
}

/** Asserts a 400 validation problem that points at each of the given fields. */
export async function expectFieldErrors(res: Response, pointers: string[]): Promise<ProblemBody> {
  const body = await expectProblem(res, 400, "validation_failed");
  const got = (body.errors ?? []).map((e) => e.pointer);
  for (const p of pointers) expect(got, JSON.stringify(body.errors)).toContain(p);
  return body;
}

export interface KeyOptions {
  scopes?: string[];
  expiresAt?: string | null;
  revoked?: boolean;
}

/** Registers a new API key for a tenant directly in Postgres and returns the key itself. */
export async function createApiKey(stack: TestStack, tenantId: string, o: KeyOptions = {}): Promise<{ id: string; key: string }> {
  const key = generateApiKey();
  const id = newId("apiKey");
  await stack.db.query(
    `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, expires_at, revoked_at)
     VALUES ($1, $2, 'test key', $3, $4, $5, $6::timestamptz, CASE WHEN $7 THEN now() END)`,
    [id, tenantId, apiKeyPrefix(key), await hashApiKey(key), o.scopes ?? [], o.expiresAt ?? null, o.revoked ?? false],
  );
  return { id, key };
}

export async function clicksOf(stack: TestStack, tenantId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await stack.db.query("SELECT * FROM clicks WHERE tenant_id = $1 ORDER BY clicked_at", [tenantId]);
  return rows;
}

export function waitForClicks(stack: TestStack, tenantId: string, count = 1): Promise<Record<string, unknown>[]> {
  return waitFor(async () => {
    const rows = await clicksOf(stack, tenantId);
    return rows.length >= count && rows;
  }, 20_000, `${count} click row(s) of ${tenantId}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Proves a negative: sends one tracked click on a fresh control program, waits for its row (so the queue
 * has drained everything sent before it), gives stragglers a grace period, then asserts that none of the
 * given tenants has a click row.
 */
export async function expectNoClicksFor(stack: TestStack, tenantIds: string[], graceMs = 2_000): Promise<void> {
  const control = await seedTestProgram(stack);
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${control.code}`, { headers: { "user-agent": BROWSER_UA } });
  expect(res.status).toBe(302);
  await waitForClicks(stack, control.tenantId);
  await sleep(graceMs);
  const { rows } = await stack.db.query<{ tenant_id: string; n: string }>(
    "SELECT tenant_id, count(*) AS n FROM clicks WHERE tenant_id = ANY($1) GROUP BY tenant_id",
    [tenantIds],
  );
  expect(rows).toEqual([]);
}
