/**
 * npm run deploy [-- --dry-run] [-- --outdir .indica/deploy] [-- --skip-migrations]
 * Production deploy: migrations against Neon (DATABASE_URL), then `wrangler deploy` of each Worker with
 * the bindings of its wrangler.toml, and the secrets each needs listed (set them once with
 * `wrangler secret put NAME --config <config>`). `--dry-run` bundles every Worker with
 * `wrangler deploy --dry-run --outdir` and touches neither Cloudflare nor the database.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase } from "./lib/migrate";
import { bundleOf, deploySteps, runStep, SECRETS } from "./lib/deploy-plan";
import { ROOT } from "./lib/stack";

const { values: args } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, outdir: { type: "string", default: join(ROOT, ".indica/deploy") }, "skip-migrations": { type: "boolean", default: false } } });
const dryRun = args["dry-run"]!;

async function main(): Promise<void> {
  const journal = JSON.parse(readFileSync(join(ROOT, "db/migrations/meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  if (args["skip-migrations"]) console.log("migrations: skipped");
  else if (dryRun) console.log(`migrations: would apply any of ${journal.entries.length} (last ${journal.entries.at(-1)?.tag}) to DATABASE_URL`);
  else {
    if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL (the Neon connection string of the role that owns the schema) is required to migrate");
    await migrateDatabase(process.env.DATABASE_URL);
    console.log(`migrations: applied up to ${journal.entries.at(-1)?.tag}`);
  }
  for (const step of deploySteps({ dryRun, outDir: args.outdir! })) {
    console.log(`\n${step.worker} (${step.config}) secrets: ${SECRETS[step.worker].join(", ")}`);
    const output = await runStep(step);
    console.log(output.split("\n").filter((l) => /Binding|env\.|Total Upload|Deployed|Uploaded|dry-run/.test(l)).join("\n"));
    if (dryRun && !bundleOf(args.outdir!, step.worker)) throw new Error(`${step.worker}: the dry run left no bundle in ${args.outdir}`);
  }
  console.log(dryRun ? `\ndry run: bundles in ${args.outdir}` : "\ndeployed");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
