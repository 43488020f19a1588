/**
 * Dev/test tooling: runs the three Workers (and their Durable Objects, Queue, KV and service bindings)
 * in one local workerd through Miniflare. The bindings come from the same wrangler.toml files that
 * `wrangler deploy` uses, so what runs locally is what is deployed.
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare, type WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export const WORKERS = [
  { name: "indica-redirect", config: "wrangler.toml" },
  { name: "indica-ingest", config: "workers/ingest/wrangler.toml" },
  { name: "indica-api", config: "workers/api/wrangler.toml" },
] as const;
export type WorkerName = (typeof WORKERS)[number]["name"];

/** Guard shards for the local stack: one workerd runs every object, so fewer, busier shards cost less. */
export const LOCAL_GUARD_SHARDS = "8,4";

/** Bundles a Worker the way wrangler does (esbuild, workerd conditions), into `outDir/<name>.js`. */
export async function bundleWorker(entry: string, outFile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["cloudflare:*", "node:*"],
    sourcemap: false,
    logLevel: "error",
  });
}

export async function bundleAll(outDir: string): Promise<Record<WorkerName, string>> {
  mkdirSync(outDir, { recursive: true });
  const out = {} as Record<WorkerName, string>;
  await Promise.all(
    WORKERS.map(async (w) => {
      const { main } = unstable_getMiniflareWorkerOptions(join(ROOT, w.config));
      if (!main) throw new Error(`${w.config} has no main`);
      out[w.name] = join(outDir, `${w.name}.js`);
      await bundleWorker(main, out[w.name]);
    }),
  );
  return out;
}

export interface StackOptions {
  bundles: Record<WorkerName, string>;
  databaseUrl: string;
  /** The NEON_DEV_WS_PROXY bridge address. */
  wsProxy: string;
  /** Extra bindings (vars and secrets) per Worker, on top of wrangler.toml's. */
  bindings?: Partial<Record<WorkerName, Record<string, string>>>;
  /** Port of the edge entry (host/path routed like production); 0 picks a free one. */
  port?: number;
  /** Direct ports for the ingest and API Workers. */
  directPorts?: Partial<Record<WorkerName, number>>;
  /** Persist KV, DO and queue state here (dev); omitted means in memory (tests). */
  persistDir?: string;
  /** Additional Workers in the same workerd (benchmarks add a bare baseline). */
  extraWorkers?: WorkerOptions[];
  /** Chrome DevTools inspector port for every Worker (bench/redirect/profile.ts takes CPU profiles). */
  inspectorPort?: number;
  /** Miniflare's dev registry directory: Workers of several local workerd processes reach each other's
   * services and Durable Objects through it (bench/redirect's split topology). */
  devRegistryPath?: string;
}

/**
 * Production routes are set per zone; locally the edge entry routes the same way: the API on `api.*`,
 * tracking paths to ingest, everything else is a link on the redirect Worker.
 */
const LOCAL_ROUTES: Record<WorkerName, string[]> = {
  "indica-redirect": [],
  "indica-ingest": ["t.localhost/*", "*/_indica/*"],
  "indica-api": ["api.localhost/*"],
};

export function stackWorkerOptions(opts: StackOptions): WorkerOptions[] {
  return WORKERS.map((w) => {
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, w.config));
    const direct = opts.directPorts?.[w.name];
    return {
      ...workerOptions,
      name: w.name,
      modules: true,
      scriptPath: opts.bundles[w.name],
      // Module names are paths relative to this root; workerd refuses names that climb out with "..".
      modulesRoot: dirname(opts.bundles[w.name]),
      routes: LOCAL_ROUTES[w.name],
      bindings: {
        ...workerOptions.bindings,
        DATABASE_URL: opts.databaseUrl,
        NEON_DEV_WS_PROXY: opts.wsProxy,
        ...opts.bindings?.[w.name],
      },
      ...(direct !== undefined ? { unsafeDirectSockets: [{ host: "127.0.0.1", port: direct }] } : {}),
    } as WorkerOptions;
  });
}

export async function startStack(opts: StackOptions): Promise<Miniflare> {
  const persist = opts.persistDir
    ? { defaultPersistRoot: opts.persistDir }
    : {};
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: opts.port ?? 0,
    cf: false,
    ...persist,
    ...(opts.inspectorPort !== undefined ? { inspectorPort: opts.inspectorPort } : {}),
    ...(opts.devRegistryPath !== undefined ? { unsafeDevRegistryPath: opts.devRegistryPath } : {}),
    workers: [...stackWorkerOptions(opts), ...(opts.extraWorkers ?? [])],
  });
  // A port already taken fails here; workerd and Miniflare's own servers must not outlive the error.
  await mf.ready.catch(async (error: unknown) => {
    await mf.dispose().catch(() => {});
    throw error;
  });
  return mf;
}
