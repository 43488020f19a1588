import { inject } from "vitest";
import pg from "pg";
import type { Miniflare } from "miniflare";
import { newId } from "../../core/ids";
import { seedProgram, type ProgramOptions, type SeededProgram } from "../../scripts/lib/seed-program";
import { LOCAL_GUARD_SHARDS, startStack, type WorkerName } from "../../scripts/lib/stack";

export const TEST_LINK_DOMAIN = "go.indica.test";
export const ADMIN_TOKEN = "test-admin-token";
export const SECRETS_KEY = "test-secrets-key";
export const JWT_SECRET = "test-jwt-secret-that-is-long-enough-for-hs256";

export interface TestStack {
  mf: Miniflare;
  db: pg.Pool;
  /** Sends a request straight to one Worker. */
  fetch(worker: WorkerName, url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  databaseUrl?: string;
  wsProxy?: string;
  /** Edge entry port, for tests that reach the stack over HTTP (browsers); 0 picks a free one. */
  port?: number;
  /** The shared link domain; tests that click through a browser use "localhost". */
  linkDomain?: string;
  bindings?: Partial<Record<WorkerName, Record<string, string>>>;
}

export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const databaseUrl = opts.databaseUrl ?? inject("databaseUrl");
  const common = { DEFAULT_LINK_DOMAIN: opts.linkDomain ?? TEST_LINK_DOMAIN };
  const mf = await startStack({
    bundles: inject("bundles") as Record<WorkerName, string>,
    databaseUrl,
    wsProxy: opts.wsProxy ?? inject("wsProxy"),
    port: opts.port,
    bindings: {
      "indica-redirect": { ...common, IP_HASH_SECRET: "test-ip-secret", GUARD_SHARDS: LOCAL_GUARD_SHARDS, EVENT_BUFFER_FLUSH_DELAY_MS: "50", ...opts.bindings?.["indica-redirect"] },
      "indica-ingest": { ADMIN_TOKEN, SECRETS_KEY, IP_HASH_SECRET: "test-ip-secret", RETRY_BASE_DELAY_SECONDS: "1", RETRY_MAX_DELAY_SECONDS: "2", ...opts.bindings?.["indica-ingest"] },
      "indica-api": { ...common, LINK_URL_SCHEME: "https", JWT_SECRET, SECRETS_KEY, ...opts.bindings?.["indica-api"] },
    },
  });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  db.on("error", () => {});
  const workers = new Map<WorkerName, Awaited<ReturnType<Miniflare["getWorker"]>>>();
  return {
    mf,
    db,
    async fetch(worker, url, init) {
      if (!workers.has(worker)) workers.set(worker, await mf.getWorker(worker));
      // Miniflare's fetch types come from undici; the shapes are the same at run time.
      return (await workers.get(worker)!.fetch(url, { redirect: "manual", ...init } as never)) as unknown as Response;
    },
    async close() {
      await mf.dispose();
      await db.end();
    },
  };
}

/** A throwaway merchant with its own slug and codes, so test files never collide. */
export function seedTestProgram(stack: TestStack, o: Partial<ProgramOptions> = {}): Promise<SeededProgram> {
  const unique = newId("tenant").slice(-10).toLowerCase();
  return seedProgram(stack.db, { slug: `t-${unique}`, linkDomain: TEST_LINK_DOMAIN, code: `c-${unique}`, secretsKey: SECRETS_KEY, ...o });
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
