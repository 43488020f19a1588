/** Each run's numbers as JSON in bench/results/<bench>-<timestamp>.json, with what machine made them. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Writes the file and returns its path relative to the working directory. */
export function writeResult(bench: string, data: object): string {
  const at = new Date().toISOString();
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${bench}-${at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ at, node: process.version, cpus: cpus().length, ...data }, null, 2) + "\n");
  return relative(process.cwd(), file);
}

/** 1-minute load average: other work on the machine skews every number a bench prints. */
export const loadAverage = () => loadavg()[0];
