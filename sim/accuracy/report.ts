/** The run as text: the figures the issue asks for, next to their targets, and every miss with its why. */
import type { AccuracyResult } from "./run-accuracy";
import type { Tally } from "./score";

export const TARGETS = { accuracy: 0.995, commissions: 1, precision: 0.95, recall: 0.9 } as const;

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(2)}%`);
const line = (name: string, t: Tally) => `  ${name.padEnd(44)} ${String(t.right).padStart(5)} / ${String(t.total).padEnd(5)} ${pct(t.rate)}`;

export function formatReport(r: AccuracyResult, browser?: Tally): string {
  const s = r.score;
  const out = [
    `seed ${r.seed}, ${r.size} actors (${Object.entries(r.actors).map(([k, n]) => `${k} ${n}`).join(", ")})`,
    `load average ${r.loadAverage.map((x) => x.toFixed(2)).join(" ")} on a shared 2-core machine: timings are noisy, figures are not`,
    "",
    `accuracy (legitimate orders where an identifier survives; target ≥ ${pct(TARGETS.accuracy)})`,
    line("overall", s.accuracy.overall),
    ...Object.entries(s.accuracy.byScenario).sort().map(([k, t]) => line(k, t)),
    ...Object.entries(s.accuracy.byVariant).sort().map(([k, t]) => line(`  ${k}`, t)),
    line("nothing survives: nobody", s.accuracy.noIdentifierLeft),
    line("identity step as planned", s.accuracy.sourceAsPlanned),
    ...Object.entries(s.accuracy.sourceSurprises).map(([k, n]) => `    ${n} × ${k}`),
    ...(browser?.total ? [line("real Chromium sample", browser)] : []),
    ...s.accuracy.misses.slice(0, 15).map((m) => `    miss ${m.kind}/${m.variant} ${m.order}: expected ${m.expected}, got ${m.got}`),
    "",
    `commissions exact to the cent (target 100%)`,
    line("orders", s.commissions),
    ...s.commissions.misses.slice(0, 10).map((m) => `    miss ${m.kind}/${m.variant} ${m.order}: expected ${m.expected}, got ${m.got}`),
    "",
    `fraud (targets: precision ≥ ${pct(TARGETS.precision)}, recall ≥ ${pct(TARGETS.recall)})`,
    `  precision ${pct(s.fraud.precision)}  recall ${pct(s.fraud.recall)}  (tp ${s.fraud.tp}, fp ${s.fraud.fp}, fn ${s.fraud.fn}, tn ${s.fraud.tn})`,
    ...(["click", "order"] as const).map((k) => `  ${(k + "s").padEnd(7)} precision ${pct(s.fraud.byItem[k].precision)}  recall ${pct(s.fraud.byItem[k].recall)}  (tp ${s.fraud.byItem[k].tp}, fp ${s.fraud.byItem[k].fp}, fn ${s.fraud.byItem[k].fn}, tn ${s.fraud.byItem[k].tn})`),
    ...Object.entries(s.fraud.byKind).sort().map(([k, t]) => line(k, t)),
    ...Object.entries(s.fraud.missed).map(([k, n]) => `    missed ${n} × ${k}`),
    ...Object.entries(s.fraud.falseAlarms).map(([k, n]) => `    false alarm ${n} × ${k}`),
    "",
    `delivery (target: 0 lost, 0 duplicated)`,
    ...(["clicks", "events", "orders", "refunds"] as const).map((k) => `  ${k.padEnd(8)} sent ${r.delivery.sent[k]}, lost ${r.delivery.lost[k]}, duplicated ${r.delivery.duplicated[k]}`),
    `  parked in failed_events: ${r.delivery.parkedFailedEvents}`,
    "",
    `tracking latency, client side (target: p99 far under 200 ms), ${"ms".padStart(4)} p50 / p95 / p99`,
    ...Object.entries(r.latency).map(([k, l]) => `  ${k.padEnd(30)} ${String(l.n).padStart(6)} requests  ${l.p50} / ${l.p95} / ${l.p99}`),
    "",
    `seconds: ${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`,
  ];
  return out.join("\n");
}
