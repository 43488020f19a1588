/** The simulation's result as a plain-text table. */
import type { Rates, Row, Tally } from "./score";
import type { SimResult } from "./simulate";

const pct = (x: number | null) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function line(r: Row): string {
  const name = r.variant === null ? r.pattern : `  ${r.variant}`;
  const fraud = r.pattern !== "legit";
  return `${pad(name, 22)}${pad(r.kinds, 13)}${lpad(r.items, 6)}${lpad(r.detected, 10)}${lpad(fraud ? pct(r.recall) : "-", 9)}${lpad(r.falsePositives ?? (fraud ? "" : "-"), 6)}${lpad(fraud ? pct(r.precision) : "-", 11)}`;
}

const rates = (name: string, r: Rates) =>
  `${pad(name, 22)}${pad("", 13)}${lpad(r.tp + r.fp + r.fn + r.tn, 6)}${lpad(r.tp + r.fp, 10)}${lpad(pct(r.recall), 9)}${lpad(r.fp, 6)}${lpad(pct(r.precision), 11)}   TP ${r.tp} FP ${r.fp} FN ${r.fn} TN ${r.tn}`;

const tallies = (title: string, ts: Tally[], max = 12) =>
  ts.length === 0 ? [] : [title, ...ts.slice(0, max).map((t) => `  ${lpad(t.count, 4)} × ${t.pattern}/${t.variant} ${t.kind}: ${t.outcome}`), ...(ts.length > max ? [`  ... ${ts.length - max} more groups`] : [])];

export function formatReport(res: SimResult): string {
  const s = res.score;
  const actors = Object.entries(res.actors).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `fraud simulation: seed ${res.seed}, ${res.size} actors (${actors})`,
    `scored items: ${res.items.clicks} clicks, ${res.items.orders} orders (${s.unscoredClicks} clicks behind order-level schemes not scored)`,
    "",
    `${pad("pattern / variant", 22)}${pad("kinds", 13)}${lpad("items", 6)}${lpad("detected", 10)}${lpad("recall", 9)}${lpad("FP*", 6)}${lpad("precision", 11)}`,
    ...s.rows.map(line),
    "",
    rates("overall", s.overall),
    rates("  clicks", s.byKind.click),
    rates("  orders", s.byKind.order),
    "",
    "* FP: legitimate items flagged for one of the scheme's own signals (for legit rows, detected = flagged).",
    `recall if fraud clicks stored as duplicates (not counted as new clicks) counted as held back: ${pct(s.recallCountingDuplicates)}`,
    `goals: precision ≥ ${pct(res.goals.precision)}, recall ≥ ${pct(res.goals.recall)}: ${res.goals.met ? "met" : "NOT met"}`,
    ...tallies("missed fraud, by what the product saw:", s.missed),
    ...tallies("legitimate items flagged:", s.falseAlarms),
    `played in ${res.seconds.play.toFixed(1)} s, ${res.seconds.total.toFixed(1)} s in all`,
  ].join("\n");
}
