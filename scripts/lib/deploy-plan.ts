/**
 * What `npm run deploy` deploys: each Worker from its wrangler.toml (bindings come from there), in an order
 * that satisfies their dependencies, with the secrets each needs. The redirect Worker goes first because
 * it defines the Durable Object classes the others bind with `script_name`.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORKERS, type WorkerName } from "./stack";

export const SECRETS: Record<WorkerName, string[]> = {
  "indica-redirect": ["DATABASE_URL", "IP_HASH_SECRET"],
  "indica-ingest": ["DATABASE_URL", "ADMIN_TOKEN", "IP_HASH_SECRET", "SECRETS_KEY"],
  "indica-api": ["DATABASE_URL", "JWT_SECRET", "SECRETS_KEY", "METRICS_TOKEN"],
};

/** Deploy order: the Durable Objects' host first. */
export const DEPLOY_ORDER: WorkerName[] = WORKERS.map((w) => w.name);

export interface DeployStep {
  worker: WorkerName;
  config: string;
  args: string[];
}

export function deploySteps(o: { dryRun: boolean; outDir: string }): DeployStep[] {
  return DEPLOY_ORDER.map((worker) => {
    const config = WORKERS.find((w) => w.name === worker)!.config;
    const args = ["wrangler", "deploy", "--config", join(ROOT, config)];
    if (o.dryRun) args.push("--dry-run", "--outdir", join(o.outDir, worker));
    return { worker, config, args };
  });
}

/** Runs one step with wrangler's telemetry off; resolves to its output, rejects on a non-zero exit. */
export function runStep(step: DeployStep): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", step.args, { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${step.worker}: wrangler exited ${code}\n${output}`))));
  });
}

/** What a dry run leaves for a Worker: its bundle, which must exist for the run to count. */
export function bundleOf(outDir: string, worker: WorkerName): string | null {
  const dir = join(outDir, worker);
  if (!existsSync(dir)) return null;
  const js = readdirSync(dir).find((f) => f.endsWith(".js"));
  return js ? join(dir, js) : null;
}
