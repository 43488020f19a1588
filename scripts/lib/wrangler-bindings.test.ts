/**
 * Each Worker's typed env (workers/<name>/src/env.ts) must declare every binding its wrangler.toml
 * gives it, so a binding added to the config without a type (or the reverse) fails here, not in production.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { ROOT, WORKERS } from "./stack";

const ENV_FILES: Record<string, string> = {
  "indica-redirect": "workers/redirect/src/env.ts",
  "indica-ingest": "workers/ingest/src/env.ts",
  "indica-api": "workers/api/src/env.ts",
};

describe("wrangler bindings are typed", () => {
  it.each(WORKERS.map((w) => [w.name, w.config]))("%s", (name, config) => {
    const c = unstable_readConfig({ config: join(ROOT, config) });
    const bindings = [
      ...Object.keys(c.vars ?? {}),
      ...(c.kv_namespaces ?? []).map((k: { binding: string }) => k.binding),
      ...(c.queues?.producers ?? []).map((q: { binding: string }) => q.binding),
      ...(c.durable_objects?.bindings ?? []).map((d: { name: string }) => d.name),
      ...(c.services ?? []).map((s: { binding: string }) => s.binding),
      ...(c.analytics_engine_datasets ?? []).map((a: { binding: string }) => a.binding),
    ];
    expect(bindings.length).toBeGreaterThan(0);
    const source = readFileSync(join(ROOT, ENV_FILES[name]), "utf8");
    for (const b of bindings) expect(source, `${b} in ${ENV_FILES[name]}`).toMatch(new RegExp(`\\b${b}\\??:`));
  });
});
