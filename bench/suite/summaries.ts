/**
 * One line per bench run, read back from the JSON each bench writes (bench/results/<bench>-<ts>.json): its
 * figure, the baseline it measured in the same run, their ratio, and client latency where it applies.
 * Benches added later without an extractor here still show, with whatever figure/baseline/ratio they write.
 */
export interface Line {
  bench: string;
  label: string;
  at: string;
  figure: number | null;
  baseline: number | null;
  unit: string;
  baselineLabel: string;
  ratio: number | null;
  /** Client-side latency of the measured target, ms. */
  latency: { p50: number; p95: number | null; p99: number } | null;
  loadBefore: number | null;
}

type Json = Record<string, unknown>;
const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json => (x && typeof x === "object" ? (x as Json) : {});
const latencyOf = (s: Json) => (num(s.p50) === null ? null : { p50: num(s.p50)!, p95: num(s.p95), p99: num(s.p99)! });

export function summarise(bench: string, j: Json): Line {
  const base = { bench, at: String(j.at ?? ""), loadBefore: num(j.loadBefore) };
  switch (bench) {
    case "redirect": {
      const guards = obj(j.options).guards;
      const r = obj(j.redirect);
      const b = obj(j.bare);
      return { ...base, label: `redirect (guards ${guards === false ? "off" : "on"})`, figure: num(r.rps), baseline: num(b.rps), unit: "req/s", baselineLabel: "bare 302 Worker", ratio: num(j.ratioRps), latency: latencyOf(r) };
    }
    case "ingest":
      return { ...base, label: "ingest end to end", figure: num(j.endToEndPerSecond), baseline: num(j.copyEventsPerSecond), unit: "events/s", baselineLabel: "raw COPY into events", ratio: num(j.ratio), latency: latencyOf(obj(j.http)) };
    case "attribution":
      return { ...base, label: "attribution", figure: num(j.setRate), baseline: num(j.naiveRate), unit: "conversions/s", baselineLabel: "naive per-row", ratio: num(j.ratio), latency: null };
    case "reports": {
      // The slowest grouping (by day, campaign or affiliate): its rollup p95 against the raw GROUP BY's p50.
      const groupings = Object.values(obj(j.results)).map(obj);
      const slowest = groupings.sort((a, b) => (num(obj(b.rollup).p95) ?? 0) - (num(obj(a.rollup).p95) ?? 0))[0] ?? {};
      const speedups = groupings.map((g) => num(g.speedup)).filter((x): x is number => x !== null);
      return { ...base, label: "reports (rollups p95)", figure: num(obj(slowest.rollup).p95), baseline: num(obj(slowest.raw).p50), unit: "ms", baselineLabel: "raw GROUP BY p50, ms", ratio: speedups.length ? Math.min(...speedups) : null, latency: null };
    }
    default:
      // A bench this file does not know yet: whatever figure, baseline and ratio its JSON carries.
      return { ...base, label: bench, figure: num(j.figure), baseline: num(j.baseline), unit: String(j.unit ?? ""), baselineLabel: String(j.baselineLabel ?? "baseline"), ratio: num(j.ratio), latency: latencyOf(obj(j.latency)) };
  }
}

const int = (x: number | null) => (x === null ? "—" : Math.round(x).toLocaleString("en-US"));

export function formatLines(lines: Line[]): string {
  const head = `${"bench".padEnd(24)}${"figure".padStart(22)}${"baseline (same run)".padStart(38)}${"ratio".padStart(8)}   client p50/p95/p99 ms`;
  const rows = lines.map((l) => {
    const lat = l.latency ? `${l.latency.p50.toFixed(1)} / ${l.latency.p95?.toFixed(1) ?? "—"} / ${l.latency.p99.toFixed(1)}` : "—";
    return `${l.label.padEnd(24)}${`${int(l.figure)} ${l.unit}`.padStart(22)}${`${int(l.baseline)} (${l.baselineLabel})`.padStart(38)}${(l.ratio === null ? "—" : l.ratio.toFixed(2)).padStart(8)}   ${lat}`;
  });
  return [head, ...rows].join("\n");
}
