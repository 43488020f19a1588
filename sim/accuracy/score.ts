/**
 * Truth against decisions. Accuracy: a legitimate order is right when exactly the affiliates the truth
 * names earn on it (nobody, when nothing that could identify the shopper survived). Commissions: every
 * affiliate's amount and reversed amount equal to the cent. Fraud: every scored click and order, detected
 * when the redirect did not track the click or the product flagged it.
 */
import type { Decisions } from "./collect";
import { expectedReversed, expectedSplit, percentHalfEven } from "./expected";
import type { Merchant } from "./merchants";
import { orderIdOf } from "./play-orders";
import type { ActorState } from "./state";
import { BROWSERS } from "../fraud/browsers";

export interface Tally { total: number; right: number; rate: number | null }
export interface Rates { tp: number; fp: number; fn: number; tn: number; precision: number | null; recall: number | null }
const rates = (): Rates => ({ tp: 0, fp: 0, fn: 0, tn: 0, precision: null, recall: null });
function count(r: Rates, fraud: boolean, detected: boolean): void {
  r[fraud ? (detected ? "tp" : "fn") : detected ? "fp" : "tn"]++;
  r.precision = r.tp + r.fp ? r.tp / (r.tp + r.fp) : null;
  r.recall = r.tp + r.fn ? r.tp / (r.tp + r.fn) : null;
}
export interface Miss { actor: string; kind: string; variant: string; order: string; expected: string; got: string }
export interface Score {
  accuracy: { overall: Tally; byScenario: Record<string, Tally>; noIdentifierLeft: Tally; byVariant: Record<string, Tally>; misses: Miss[]; sourceAsPlanned: Tally; sourceSurprises: Record<string, number> };
  commissions: Tally & { misses: Miss[] };
  fraud: Rates & { byItem: Record<"click" | "order", Rates>; byKind: Record<string, Tally>; falseAlarms: Record<string, number>; missed: Record<string, number> };
}

const tally = (): Tally => ({ total: 0, right: 0, rate: null });
const bump = (t: Tally, ok: boolean) => (t.total++, ok && t.right++, (t.rate = t.right / t.total));
const fmt = (m: Map<string, number>) => [...m].map(([a, x]) => `${a.slice(-6)}:${x}`).sort().join(",") || "nobody";

export function score(states: ActorState[], merchants: Merchant[], d: Decisions, seed: number): Score {
  const s: Score = {
    accuracy: { overall: tally(), byScenario: {}, noIdentifierLeft: tally(), byVariant: {}, misses: [], sourceAsPlanned: tally(), sourceSurprises: {} },
    commissions: { ...tally(), misses: [] },
    fraud: { ...rates(), byItem: { click: rates(), order: rates() }, byKind: {}, falseAlarms: {}, missed: {} },
  };
  for (const st of states) {
    const a = st.actor;
    const m = merchants[a.merchant];
    const judge = (detected: boolean, what: string) => {
      count(s.fraud, a.fraud, detected);
      count(s.fraud.byItem[what.startsWith("click") ? "click" : "order"], a.fraud, detected);
      if (a.fraud) {
        bump((s.fraud.byKind[`${a.kind}/${a.variant}`] ??= tally()), detected);
        if (!detected) s.fraud.missed[`${a.kind}/${a.variant} ${what}`] = (s.fraud.missed[`${a.kind}/${a.variant} ${what}`] ?? 0) + 1;
      } else if (detected) {
        s.fraud.falseAlarms[`${a.kind}/${a.variant} ${what}`] = (s.fraud.falseAlarms[`${a.kind}/${a.variant} ${what}`] ?? 0) + 1;
      }
    };
    a.clicks.forEach((c, i) => {
      if (!c.scored) return;
      const id = st.clickIds[i];
      const reasons = id ? d.flaggedClicks.get(id) : ["untracked"];
      judge(reasons !== undefined, `click ${reasons?.join("+") ?? "passed"}`);
    });
    for (const o of a.orders) {
      const key = `${m.tenantId}/${orderIdOf(seed, o)}`;
      const conv = d.conversions.get(key);
      judge(!!conv?.fraud?.flagged, `order ${conv?.fraud?.reasons.join("+") || "passed"}`);
      if (a.fraud) continue;
      const got = new Map((d.commissions.get(key) ?? []).filter((c) => c.amount > 0).map((c) => [c.affiliateId, c.amount]));
      const miss = (expected: string, gotText: string): Miss => ({ actor: a.key, kind: a.kind, variant: a.variant, order: o.key, expected, got: gotText });
      if (!a.expectedTouches) {
        const ok = got.size === 0;
        bump(s.accuracy.noIdentifierLeft, ok);
        if (!ok) s.accuracy.misses.push(miss("nobody", `${fmt(got)} via ${conv?.identitySource}`));
        continue;
      }
      const model = a.expectedCampaign === "main" ? ({ kind: "last_click" } as const) : m.spec.multiModel;
      const ids = a.expectedTouches.map((i) => m.affiliates[i].id);
      const split = expectedSplit(percentHalfEven(o.amount, m.spec.bp[a.expectedCampaign]), model, a.expectedTouches);
      const want = new Map([...split].filter(([, x]) => x > 0).map(([i, x]) => [m.affiliates[i].id, x]));
      const sameAffiliates = want.size === got.size && [...want.keys()].every((k) => got.has(k));
      bump(s.accuracy.overall, sameAffiliates);
      // Renewals carry no identifier of their own: they earn through the subscription's first payment.
      if (!o.subscription?.renewal) {
        const asPlanned = conv?.identitySource === a.expectedSource;
        bump(s.accuracy.sourceAsPlanned, asPlanned);
        const k = `${a.kind}/${a.variant}: planned ${a.expectedSource}, product used ${conv?.identitySource}`;
        if (!asPlanned) s.accuracy.sourceSurprises[k] = (s.accuracy.sourceSurprises[k] ?? 0) + 1;
      }
      bump((s.accuracy.byScenario[a.kind] ??= tally()), sameAffiliates);
      // Named variants (not just the shopper's browser) get a row of their own.
      if (!(BROWSERS as readonly string[]).includes(a.variant)) bump((s.accuracy.byVariant[`${a.kind}/${a.variant}`] ??= tally()), sameAffiliates);
      if (!sameAffiliates) s.accuracy.misses.push(miss(`${fmt(want)} via ${a.expectedSource}`, `${fmt(got)} via ${conv?.identitySource ?? "no order row"}`));
      if (!sameAffiliates) continue;
      const refunds = o.refunds.map((r) => r.amount);
      const rows = d.commissions.get(key) ?? [];
      const exact = [...want].every(([aff, x]) => {
        const row = rows.find((c) => c.affiliateId === aff);
        if (row?.amount !== x || row.reversedAmount !== expectedReversed(x, o.amount, refunds)) return false;
        // Taken back whole: reversed, unless it was paid (then it stays paid and the ledger claws it back).
        const paid = o.refunds.some((r) => r.afterPayout);
        if (paid) return row.status === "paid" && d.clawbacks.get(row.id) === -row.reversedAmount;
        return row.reversedAmount < row.amount || row.status === "reversed";
      });
      bump(s.commissions, exact);
      if (!exact) s.commissions.misses.push(miss(`${fmt(want)} less ${refunds.join("+") || 0} refunded of ${o.amount} (${ids.length} affiliates)`, rows.map((c) => `${c.affiliateId.slice(-6)}:${c.amount}-${c.reversedAmount} ${c.status}`).join(",")));
    }
  }
  return s;
}
