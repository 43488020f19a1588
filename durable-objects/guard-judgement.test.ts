import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUCKET_MS, countNetworkHits, HOUR_MS, judgeVisitorClicks, networkBucketsFrom, visitorBounds,
  type NetworkBucket, type VisitorClick, type VisitorHistory,
} from "./guard-judgement";

const T0 = 1_800_000_000_000;
const clickArb = fc.record({
  visitor: fc.constantFrom("v1", "v2"),
  linkId: fc.constantFrom("lnk_a", "lnk_b"),
  affiliateId: fc.constantFrom("aff_a", "aff_b"),
  at: fc.integer({ min: T0 - 3 * HOUR_MS, max: T0 + 2_000 }),
  dedupWindowMs: fc.constantFrom(0, 30_000, HOUR_MS, 2 * HOUR_MS),
});

/** The old way: every click judged against every stored row, then stored. */
function naiveVisitor(stored: VisitorClick[], batch: VisitorClick[]) {
  const rows = [...stored];
  return batch.map((c) => {
    const duplicate = rows.some((r) => r.visitor === c.visitor && r.linkId === c.linkId && r.at > c.at - c.dedupWindowMs);
    rows.push(c);
    const affiliateClicksLastHour = rows.filter((r) => r.visitor === c.visitor && r.affiliateId === c.affiliateId && r.at > c.at - HOUR_MS).length;
    return { duplicate, affiliateClicksLastHour };
  });
}

/** What the object's one query returns for the batch, computed from the rows as SQL would. */
function historyQuery(stored: VisitorClick[], batch: VisitorClick[]): VisitorHistory[] {
  const b = visitorBounds(batch);
  const groups = new Map<string, VisitorHistory>();
  for (const r of stored) {
    if (!batch.some((c) => c.visitor === r.visitor) || r.at <= b.from) continue;
    const key = `${r.visitor}|${r.linkId}|${r.affiliateId}`;
    const g = groups.get(key) ?? { visitor: r.visitor, linkId: r.linkId, affiliateId: r.affiliateId, lastAt: -Infinity, hourClicks: 0, edgeAts: [] };
    g.lastAt = Math.max(g.lastAt, r.at);
    if (r.at > b.hourFrom) g.hourClicks++;
    if (r.at > b.hourFrom && r.at <= b.hourTo) g.edgeAts.push(r.at);
    groups.set(key, g);
  }
  return [...groups.values()];
}

describe("judgeVisitorClicks", () => {
  it("gives what judging click by click against every stored row gives", () => {
    fc.assert(
      fc.property(fc.array(clickArb, { maxLength: 30 }), fc.array(clickArb, { minLength: 1, maxLength: 20 }), (stored, batch) => {
        expect(judgeVisitorClicks(batch, historyQuery(stored, batch))).toEqual(naiveVisitor(stored, batch));
      }),
    );
  });

  it("sees a repeat click inside the batch itself", () => {
    const c = { visitor: "v1", linkId: "lnk_a", affiliateId: "aff_a", at: T0, dedupWindowMs: 30_000 };
    expect(judgeVisitorClicks([c, { ...c, at: T0 + 1 }], [])).toEqual([
      { duplicate: false, affiliateClicksLastHour: 1 },
      { duplicate: true, affiliateClicksLastHour: 2 },
    ]);
  });
});

const hitArb = fc.record({ network: fc.constantFrom("n1", "n2", "n3"), at: fc.integer({ min: T0 - 2 * HOUR_MS, max: T0 + 120_000 }) });

function naiveNetwork(stored: { network: string; at: number }[], batch: { network: string; at: number }[]) {
  const rows = [...stored];
  return batch.map((h) => {
    rows.push(h);
    const b = Math.floor(h.at / BUCKET_MS);
    const since = (first: number) => rows.filter((r) => r.network === h.network && Math.floor(r.at / BUCKET_MS) > first).length;
    return { lastMinute: since(b - 6), lastHour: since(b - 360) };
  });
}

function bucketsOf(rows: { network: string; at: number }[]): NetworkBucket[] {
  const m = new Map<string, NetworkBucket>();
  for (const r of rows) {
    const bucket = Math.floor(r.at / BUCKET_MS);
    const k = `${r.network}|${bucket}`;
    m.set(k, { network: r.network, bucket, n: (m.get(k)?.n ?? 0) + 1 });
  }
  return [...m.values()];
}

describe("countNetworkHits", () => {
  it("gives what counting hit by hit gives, and increments that add up to the hits", () => {
    fc.assert(
      fc.property(fc.array(hitArb, { maxLength: 40 }), fc.array(hitArb, { minLength: 1, maxLength: 20 }), (stored, batch) => {
        const from = networkBucketsFrom(batch);
        const read = bucketsOf(stored).filter((b) => batch.some((h) => h.network === b.network) && b.bucket > from);
        const { velocities, increments } = countNetworkHits(batch, read);
        expect(velocities).toEqual(naiveNetwork(stored, batch));
        expect(increments.reduce((n, b) => n + b.n, 0)).toBe(batch.length);
      }),
    );
  });
});
