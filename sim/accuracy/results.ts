/** Each run as JSON in sim/results/<name>-<timestamp>.json, with the machine that made it. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

export function writeResult(name: string, data: object): string {
  const at = new Date().toISOString();
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${name}-${at.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ at, node: process.version, cpus: cpus().length, loadAverage: loadavg(), ...data }, null, 2) + "\n");
  return relative(process.cwd(), file);
}
