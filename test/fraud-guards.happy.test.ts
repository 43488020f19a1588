/**
 * The guard objects in workerd: dedup inside and after the window, velocity counters, state that survives
 * the object being evicted (workerd restarted on the same storage), expiry by alarm, and the signals they
 * add to clicks on the way to Postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId } from "../core/ids";
import { startStack, type WorkerName } from "../scripts/lib/stack";
import { BROWSER_HEADERS } from "./helpers/tracking";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";


type VisitorStub = { recordClick(c: object): Promise<{ duplicate: boolean; affiliateClicksLastHour: number }>; touches(visitor: string): Promise<unknown[]>; sweep(): Promise<void> };

async function visitorGuard(mf: Miniflare, name: string): Promise<VisitorStub> {
  const ns = await mf.getDurableObjectNamespace("VISITOR_GUARD", "indica-redirect");
  return ns.get(ns.idFromName(name)) as unknown as VisitorStub;
}

describe("guard objects", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "indica-guards-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const persistentStack = () =>
    startStack({
      bundles: inject("bundles") as Record<WorkerName, string>,
      databaseUrl: inject("databaseUrl"),
      wsProxy: inject("wsProxy"),
      persistDir: scratch,
      bindings: { "indica-redirect": { IP_HASH_SECRET: "s" } },
    });

  it("tells a repeat click inside the dedup window, keeps counting after eviction, and forgets by alarm", async () => {
    const now = Date.now();
    const click = { visitor: "v:vis_test", linkId: "lnk_A", affiliateId: "aff_A", at: now, dedupWindowMs: 30_000 };
    let mf = await persistentStack();
    let guard = await visitorGuard(mf, "visitors-0");
    expect(await guard.recordClick(click)).toEqual({ duplicate: false, affiliateClicksLastHour: 1 });
    expect(await guard.recordClick({ ...click, at: now + 10_000 })).toEqual({ duplicate: true, affiliateClicksLastHour: 2 });
    expect((await guard.recordClick({ ...click, linkId: "lnk_B", at: now + 11_000 })).duplicate).toBe(false);
    await mf.dispose();

    mf = await persistentStack();
    guard = await visitorGuard(mf, "visitors-0");
    // After the window the same link counts again, and the counters survived the restart.
    expect(await guard.recordClick({ ...click, at: now + 45_000 })).toEqual({ duplicate: false, affiliateClicksLastHour: 4 });

    // Another visitor on the same shard is counted apart.
    expect(await guard.recordClick({ ...click, visitor: "v:vis_other", at: now + 46_000 })).toEqual({ duplicate: false, affiliateClicksLastHour: 1 });
    await guard.recordClick({ ...click, visitor: "v:vis_old", at: now - 25 * 3_600_000 });
    expect(await guard.touches("v:vis_old")).toHaveLength(1);
    await guard.sweep(); // what the alarm runs
    expect(await guard.touches("v:vis_old")).toEqual([]);
    expect(await guard.touches("v:vis_test")).toEqual([{ affiliateId: "aff_A", clicks: 4, lastAt: now + 45_000 }]);
    await mf.dispose();
  });
});

describe("fraud signals on clicks", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  const clickRow = (id: string) => waitFor(async () => (await stack.db.query("SELECT * FROM clicks WHERE id = $1", [id])).rows[0], 20_000, `click ${id}`);
  async function click(code: string, headers: Record<string, string>, query = ""): Promise<string> {
    const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}${query}`, { headers });
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  }

  it("stores a repeat click by the same visitor as a duplicate, and a later one after the window as new", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET dedup_window_seconds = 1 WHERE id = $1", [p.campaignId]);
    const cookie = `indica_vid=${newId("visitor")}`;
    const first = await click(p.code, { ...BROWSER_HEADERS, cookie });
    const repeat = await click(p.code, { ...BROWSER_HEADERS, cookie });
    await new Promise((r) => setTimeout(r, 1_200));
    const later = await click(p.code, { ...BROWSER_HEADERS, cookie });
    expect((await clickRow(first)).is_duplicate).toBe(false);
    expect((await clickRow(repeat)).is_duplicate).toBe(true);
    expect((await clickRow(later)).is_duplicate).toBe(false);
  });

  it("flags a click flood from one network once it passes the per-minute limit, and then its first clicks too", async () => {
    const p = await seedTestProgram(stack);
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push(await click(p.code, { ...BROWSER_HEADERS, "cf-connecting-ip": ip, cookie: `indica_vid=${newId("visitor")}` }));
    const last = await clickRow(ids[21]);
    expect(last.fraud_reasons).toContain("ip_velocity_minute");
    expect(last.flagged).toBe(true);
    // The flood's first clicks passed the limit unflagged; once it is recognised they are flagged too.
    const first = await waitFor(async () => {
      const row = await clickRow(ids[0]);
      return row.flagged && row;
    }, 20_000, "the flood's first click flagged");
    expect(first.fraud_reasons).toEqual(["ip_velocity_minute"]);
  });

  it("flags brand bidding and scripted requests, and leaves a real browser's click and an organic Facebook share clean", async () => {
    const p = await seedTestProgram(stack);
    const clean = await clickRow(await click(p.code, BROWSER_HEADERS));
    expect(clean).toMatchObject({ fraud_score: 0, fraud_reasons: [], flagged: false });
    const paid = await clickRow(await click(p.code, BROWSER_HEADERS, "?gclid=abc"));
    expect(paid).toMatchObject({ fraud_reasons: ["brand_bidding"], flagged: true });
    const scripted = await clickRow(await click(p.code, { "user-agent": BROWSER_HEADERS["user-agent"] }));
    expect(scripted.fraud_reasons).toEqual(["inconsistent_client_hints", "missing_browser_headers"]);
    expect(scripted.flagged).toBe(true);
    const facebook = await clickRow(await click(p.code, BROWSER_HEADERS, "?fbclid=organic-share"));
    expect(facebook).toMatchObject({ fraud_reasons: [], flagged: false });
  });
});

describe("guard objects in workerd, failing and expiring", () => {
  it("records clicks unchecked, never failing the shopper, when the guards do not answer in time", async () => {
    const stack = await startTestStack({ bindings: { "indica-redirect": { GUARD_TIMEOUT_MS: "0" } } });
    try {
      const p = await seedTestProgram(stack);
      const cookie = `indica_vid=${newId("visitor")}`;
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { ...BROWSER_HEADERS, cookie } });
        expect(res.status).toBe(302);
        ids.push(new URL(res.headers.get("location")!).searchParams.get("indica_cid")!);
      }
      const rows = await waitFor(async () => {
        const r = await stack.db.query("SELECT id, is_duplicate, fraud_score, fraud_reasons FROM clicks WHERE id = ANY($1)", [ids]);
        return r.rows.length === 2 && r.rows;
      }, 20_000, "both clicks");
      // Unchecked: the repeat click could not be recognised, but nothing was lost, and each row says it
      // went unchecked without that raising its score.
      expect(rows.map((r) => r.is_duplicate)).toEqual([false, false]);
      for (const r of rows) expect(r).toMatchObject({ fraud_score: 0, fraud_reasons: ["guards_unavailable"] });
    } finally {
      await stack.close();
    }
  });

  it("expires a visitor's old clicks when the alarm fires", async () => {
    const stack = await startTestStack({ bindings: { "indica-redirect": { GUARD_SWEEP_EVERY_MS: "300" } } });
    try {
      const guard = await visitorGuard(stack.mf, "visitors-1");
      const old = { visitor: "v:vis_expiring", linkId: "lnk_A", affiliateId: "aff_A", at: Date.now() - 25 * 3_600_000, dedupWindowMs: 30_000 };
      await guard.recordClick(old);
      expect(await guard.touches("v:vis_expiring")).toHaveLength(1);
      await waitFor(async () => (await guard.touches("v:vis_expiring")).length === 0, 10_000, "the alarm to sweep");
    } finally {
      await stack.close();
    }
  });
});
