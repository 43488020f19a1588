/**
 * Ground truth against what the product decided. A click counts as detected when the redirect did not track
 * it (bots are answered untracked and never stored) or its stored row is flagged; an order when its row is
 * flagged. Precision and recall over every scored item, by kind, and per scheme; a scheme's precision charges
 * it with the legitimate items flagged for one of its own signals.
 */
import type pg from "pg";
import { FRAUD_PATTERNS, isFraud, type FraudPattern, type Label, type Plan } from "./plan";
import type { Played, Program } from "./play";

export interface Item {
  kind: "click" | "order";
  key: string;
  label: Label;
  detected: boolean;
  /** The product's reasons; "untracked" for a click the redirect did not track. */
  reasons: string[];
  score: number | null;
  duplicate: boolean;
}

export interface Rates {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
}

export interface Row {
  pattern: string;
  variant: string | null;
  kinds: string;
  items: number;
  detected: number;
  /** Fraud rows: detected / items. */
  recall: number | null;
  /** Fraud rows: legitimate items flagged for this scheme's signals, and the precision that leaves. */
  falsePositives: number | null;
  precision: number | null;
}

export interface Tally {
  pattern: string;
  variant: string;
  kind: string;
  outcome: string;
  count: number;
}

export interface Score {
  overall: Rates;
  byKind: Record<"click" | "order", Rates>;
  rows: Row[];
  /** Fraud that passed and legitimate items that were flagged, grouped by what the product saw. */
  missed: Tally[];
  falseAlarms: Tally[];
  /** Recall if fraud clicks stored as duplicates (kept, not counted as new clicks) counted as held back. */
  recallCountingDuplicates: number | null;
  unscoredClicks: number;
}

/** The signals that speak for each scheme (docs/fraud.md); "untracked" is the redirect's own bot check. */
export const SIGNATURE: Record<FraudPattern, string[]> = {
  click_flood: ["ip_velocity_minute", "ip_velocity_hour", "visitor_affiliate_velocity"],
  bot: ["untracked", "bot_user_agent", "headless_browser", "missing_browser_headers", "inconsistent_client_hints", "datacenter_network"],
  self_referral: ["self_referral"],
  click_injection: ["fast_conversion"],
  leaked_coupon: ["leaked_coupon"],
  brand_bidding: ["brand_bidding"],
};

/** Reads the product's decision on every scored item. */
export async function collectItems(db: pg.Pool, program: Program, plan: Plan, played: Played): Promise<{ items: Item[]; unscoredClicks: number }> {
  const clickIds = [...played.clicks.values()].filter((id): id is string => id !== null);
  const [clicks, orders] = await Promise.all([
    db.query<{ id: string; flagged: boolean; fraud_reasons: string[]; fraud_score: number; is_duplicate: boolean }>(
      "SELECT id, flagged, fraud_reasons, fraud_score, is_duplicate FROM clicks WHERE tenant_id = $1 AND id = ANY($2)", [program.tenantId, clickIds]),
    db.query<{ order_id: string; flagged: boolean; fraud_reasons: string[]; fraud_score: number }>(
      "SELECT order_id, flagged, fraud_reasons, fraud_score FROM conversions WHERE tenant_id = $1 AND order_id = ANY($2)", [program.tenantId, [...played.orders.values()]]),
  ]);
  const clickRows = new Map(clicks.rows.map((r) => [r.id, r]));
  const orderRows = new Map(orders.rows.map((r) => [r.order_id, r]));
  const items: Item[] = [];
  let unscoredClicks = 0;
  for (const actor of plan.actors) {
    for (const step of actor.steps) {
      if (step.type === "click") {
        if (!step.scored) {
          unscoredClicks++;
          continue;
        }
        const id = played.clicks.get(step.key);
        if (id === undefined) throw new Error(`click ${step.key} was never sent`);
        const row = id ? clickRows.get(id) : undefined;
        if (id && !row) throw new Error(`click ${id} is not in Postgres`);
        items.push(row
          ? { kind: "click", key: step.key, label: actor.label, detected: row.flagged, reasons: row.fraud_reasons, score: row.fraud_score, duplicate: row.is_duplicate }
          : { kind: "click", key: step.key, label: actor.label, detected: true, reasons: ["untracked"], score: null, duplicate: false });
      } else {
        const row = orderRows.get(played.orders.get(step.key)!);
        if (!row) throw new Error(`order ${step.key} is not in Postgres`);
        items.push({ kind: "order", key: step.key, label: actor.label, detected: row.flagged, reasons: row.fraud_reasons, score: row.fraud_score, duplicate: false });
      }
    }
  }
  return { items, unscoredClicks };
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function rates(items: Item[]): Rates {
  const r = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const i of items) {
    const fraud = isFraud(i.label);
    if (fraud && i.detected) r.tp++;
    else if (fraud) r.fn++;
    else if (i.detected) r.fp++;
    else r.tn++;
  }
  return { ...r, precision: ratio(r.tp, r.tp + r.fp), recall: ratio(r.tp, r.tp + r.fn) };
}

function row(pattern: string, variant: string | null, items: Item[], falseAlarms: Item[]): Row {
  const detected = items.filter((i) => i.detected).length;
  const kinds = [...new Set(items.map((i) => i.kind))].sort().join("+");
  if (pattern === "legit") return { pattern, variant, kinds, items: items.length, detected, recall: null, falsePositives: null, precision: null };
  const signature = SIGNATURE[pattern as FraudPattern];
  const fp = variant === null ? falseAlarms.filter((i) => i.reasons.some((r) => signature.includes(r))).length : null;
  return { pattern, variant, kinds, items: items.length, detected, recall: ratio(detected, items.length), falsePositives: fp, precision: fp === null ? null : ratio(detected, detected + fp) };
}

function tally(items: Item[]): Tally[] {
  const groups = new Map<string, Tally>();
  for (const i of items) {
    const outcome = `${i.reasons.length ? i.reasons.join("+") : "no signal"} (score ${i.score ?? "-"})${i.duplicate ? " duplicate" : ""}`;
    const key = `${i.label.pattern}|${i.label.variant}|${i.kind}|${outcome}`;
    const t = groups.get(key) ?? { pattern: i.label.pattern, variant: i.label.variant, kind: i.kind, outcome, count: 0 };
    t.count++;
    groups.set(key, t);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export function scoreItems(items: Item[], unscoredClicks: number): Score {
  const fraud = items.filter((i) => isFraud(i.label));
  const falseAlarms = items.filter((i) => !isFraud(i.label) && i.detected);
  const rows: Row[] = [];
  for (const pattern of [...FRAUD_PATTERNS, "legit"] as const) {
    const mine = items.filter((i) => i.label.pattern === pattern);
    if (mine.length === 0) continue;
    rows.push(row(pattern, null, mine, falseAlarms));
    const variants = [...new Set(mine.map((i) => i.label.variant))].sort();
    for (const v of variants) rows.push(row(pattern, v, mine.filter((i) => i.label.variant === v), falseAlarms));
  }
  return {
    overall: rates(items),
    byKind: { click: rates(items.filter((i) => i.kind === "click")), order: rates(items.filter((i) => i.kind === "order")) },
    rows,
    missed: tally(fraud.filter((i) => !i.detected)),
    falseAlarms: tally(falseAlarms),
    recallCountingDuplicates: ratio(fraud.filter((i) => i.detected || i.duplicate).length, fraud.length),
    unscoredClicks,
  };
}
