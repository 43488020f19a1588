/**
 * bench/results/history.svg: every bench's figure (solid) and same-run baseline (dashed) over its runs,
 * one panel per bench, from the JSON files in bench/results. Plain SVG written here: no chart library.
 * Regenerate alone with `npx tsx bench/suite/chart.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { summarise, type Line } from "./summaries";

export const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));
const W = 760;
const PANEL = 170;
const PAD = { left: 70, right: 20, top: 28, bottom: 30 };

export function readHistory(dir = RESULTS_DIR): Line[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("suite-"))
    .map((f) => summarise(f.replace(/-\d{4}-\d\d-\d\dT.*$/, ""), JSON.parse(readFileSync(dir + f, "utf8"))))
    .filter((l) => l.figure !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const short = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));

function panel(label: string, runs: Line[], top: number): string {
  const max = Math.max(...runs.flatMap((r) => [r.figure ?? 0, r.baseline ?? 0])) * 1.1 || 1;
  const x = (i: number) => PAD.left + (runs.length === 1 ? 0.5 : i / (runs.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => top + PAD.top + (1 - v / max) * (PANEL - PAD.top - PAD.bottom);
  const path = (pick: (r: Line) => number | null) => runs.map((r, i) => (pick(r) === null ? "" : `${x(i).toFixed(1)},${y(pick(r)!).toFixed(1)}`)).filter(Boolean).join(" ");
  const dots = runs.map((r, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(r.figure!).toFixed(1)}" r="3" fill="#0b6e4f"><title>${esc(`${r.at}: ${Math.round(r.figure!)} ${r.unit}; baseline ${r.baseline === null ? "—" : Math.round(r.baseline)}; load ${r.loadBefore ?? "?"}`)}</title></circle>`);
  const bottom = top + PANEL - PAD.bottom;
  return [
    `<text x="${PAD.left}" y="${top + 16}" font-weight="bold">${esc(label)} (${esc(runs[0].unit)}; dashed: ${esc(runs[0].baselineLabel)})</text>`,
    `<line x1="${PAD.left}" y1="${bottom}" x2="${W - PAD.right}" y2="${bottom}" stroke="#999"/>`,
    `<text x="${PAD.left - 6}" y="${y(max / 1.1) + 4}" text-anchor="end">${short(max / 1.1)}</text>`,
    `<text x="${PAD.left - 6}" y="${bottom + 4}" text-anchor="end">0</text>`,
    `<text x="${PAD.left}" y="${bottom + 16}">${esc(runs[0].at.slice(0, 16))}</text>`,
    `<text x="${W - PAD.right}" y="${bottom + 16}" text-anchor="end">${esc(runs.at(-1)!.at.slice(0, 16))} · ${runs.length} runs</text>`,
    `<polyline points="${path((r) => r.baseline)}" fill="none" stroke="#888" stroke-dasharray="4 3"/>`,
    `<polyline points="${path((r) => r.figure)}" fill="none" stroke="#0b6e4f" stroke-width="2"/>`,
    ...dots,
  ].join("\n");
}

export function writeChart(lines = readHistory(), file = `${RESULTS_DIR}history.svg`): string {
  const groups = new Map<string, Line[]>();
  for (const l of lines) groups.set(l.label, [...(groups.get(l.label) ?? []), l]);
  const panels = [...groups].map(([label, runs], i) => panel(label, runs, i * PANEL));
  const height = Math.max(1, groups.size) * PANEL;
  writeFileSync(file, `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" font-family="sans-serif" font-size="11">\n<rect width="100%" height="100%" fill="#fff"/>\n${panels.join("\n")}\n</svg>\n`);
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(`wrote ${writeChart()}`);
