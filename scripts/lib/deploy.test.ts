/** `npm run deploy -- --dry-run` for every Worker: wrangler bundles each with its bindings, offline. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { bundleOf, deploySteps, runStep, SECRETS } from "./deploy-plan";
import { ROOT, WORKERS } from "./stack";

const outDir = mkdtempSync(join(tmpdir(), "indica-deploy-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("deploy dry run", () => {
  it("deploys the Durable Objects' host first", () => {
    expect(deploySteps({ dryRun: true, outDir }).map((s) => s.worker)).toEqual(["indica-redirect", "indica-ingest", "indica-api"]);
  });

  it.each(deploySteps({ dryRun: true, outDir }).map((s) => [s.worker, s] as const))("bundles %s with its bindings", async (worker, step) => {
    const output = await runStep(step);
    expect(output).toMatch(/--dry-run: exiting now/);
    const bundle = bundleOf(outDir, worker);
    expect(bundle).not.toBeNull();
    expect(readFileSync(bundle!, "utf8").length).toBeGreaterThan(10_000);
    const config = unstable_readConfig({ config: join(ROOT, WORKERS.find((w) => w.name === worker)!.config) });
    for (const kv of config.kv_namespaces ?? []) expect(output).toContain(`env.${kv.binding}`);
    for (const d of config.durable_objects?.bindings ?? []) expect(output).toContain(`env.${d.name}`);
  }, 120_000);

  it("lists every secret each Worker's env declares", () => {
    const envs = { "indica-redirect": "workers/redirect/src/env.ts", "indica-ingest": "workers/ingest/src/env.ts", "indica-api": "workers/api/src/env.ts" } as const;
    for (const [worker, file] of Object.entries(envs)) {
      const source = readFileSync(join(ROOT, file), "utf8");
      for (const secret of SECRETS[worker as keyof typeof SECRETS]) expect(source, `${secret} in ${file}`).toMatch(new RegExp(`\\b${secret}\\??:`));
    }
  });
});
