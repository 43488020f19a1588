/**
 * npm run bench [-- --quick] [-- --only redirect,ingest]
 * Runs every `bench:*` script package.json has (redirect, ingest, attribution, reports, and any added later),
 * one after the other so they do not share the 2 cores, then prints each one's figure next to the baseline
 * it measured in the same run, the ratio and client latency; writes bench/results/suite-<ts>.json and
 * redraws bench/results/history.svg. A bench the issue names but this checkout lacks is listed as missing.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { writeResult } from "../lib/results";
import { RESULTS_DIR, writeChart } from "./chart";
import { formatLines, summarise, type Line } from "./summaries";

/** The benches issue 8 asks for, in the order they run. */
const WANTED = ["redirect", "ingest", "attribution", "reports"];
/** `--quick`: shorter runs of the same benches, for a look rather than a record. */
const QUICK_ARGS: Record<string, string[]> = {
  redirect: ["--duration", "6", "--guards", "on", "--rate-duration", "8"],
  ingest: ["--duration", "6"],
  attribution: ["--touchpoints", "1000000", "--conversions", "5000"],
};

const { values: args } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string" } } });
const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;
const present = Object.keys(scripts).filter((s) => s.startsWith("bench:")).map((s) => s.slice("bench:".length));
const order = [...WANTED.filter((b) => present.includes(b)), ...present.filter((b) => !WANTED.includes(b))];
const chosen = args.only ? order.filter((b) => args.only!.split(",").includes(b)) : order;
const missing = WANTED.filter((b) => !present.includes(b));

const newResults = (bench: string, since: number) =>
  readdirSync(RESULTS_DIR).filter((f) => f.startsWith(`${bench}-`) && f.endsWith(".json") && statSync(RESULTS_DIR + f).mtimeMs >= since).sort();

const lines: Line[] = [];
const failed: string[] = [];
for (const bench of chosen) {
  const since = Date.now();
  console.log(`\n=== bench:${bench} (load average ${loadavg()[0].toFixed(2)}) ===`);
  const extra = args.quick ? QUICK_ARGS[bench] ?? [] : [];
  const res = spawnSync("npm", ["run", "--silent", `bench:${bench}`, ...(extra.length ? ["--", ...extra] : [])], { stdio: "inherit" });
  if (res.status !== 0) failed.push(`${bench} (exit ${res.status})`);
  const files = newResults(bench, since);
  if (files.length === 0) failed.push(`${bench}: wrote no result JSON`);
  for (const f of files) lines.push(summarise(bench, JSON.parse(readFileSync(RESULTS_DIR + f, "utf8"))));
}

console.log(`\n=== summary (load average now ${loadavg().map((x) => x.toFixed(2)).join(" ")}; the machine is shared, so figures move with it) ===`);
console.log(formatLines(lines));
if (missing.length) console.log(`\nmissing: ${missing.map((b) => `bench:${b}`).join(", ")} (not in package.json on this branch)`);
if (failed.length) console.log(`failed: ${failed.join("; ")}`);
console.log(`\nwrote ${writeResult("suite", { quick: args.quick, ran: chosen, missing, failed, lines, loadAfter: loadavg() })}`);
console.log(`wrote ${writeChart()}`);
process.exit(failed.length ? 1 : 0);
