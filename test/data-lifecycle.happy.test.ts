/**
 * The daily lifecycle job through the ingest Worker's Cron Trigger: partitions made ahead, partitions past
 * every retention detached and dropped, a merchant's shorter policy and IP-hash term applied to its rows only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let short: SeededProgram;
let other: SeededProgram;
const DAY = 86_400_000;

const runLifecycle = async () => {
  const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
  expect((await ingest.scheduled({ cron: "17 3 * * *" })).outcome).toBe("ok");
};
const partitions = async () =>
  (await stack.db.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'clicks'::regclass ORDER BY 1")).rows.map((r) => r.relname as string);
const click = async (p: SeededProgram, ageMs: number) => {
  const id = newId("click", Date.now() - ageMs);
  await stack.db.query(
    "INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, ip_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, 'hash')",
    [id, new Date(Date.now() - ageMs), p.tenantId, p.linkId, p.campaignId, p.affiliateId, newId("visitor")],
  );
  return id;
};
const row = async (id: string) => (await stack.db.query("SELECT ip_hash FROM clicks WHERE id = $1", [id])).rows[0];

beforeAll(async () => {
  stack = await startTestStack();
  short = await seedTestProgram(stack);
  other = await seedTestProgram(stack);
  await stack.db.query("INSERT INTO retention_policies (tenant_id, raw_event_months, ip_hash_days) VALUES ($1, 2, 1)", [short.tenantId]);
});
afterAll(() => stack?.close());

describe("data lifecycle", () => {
  it("creates next months' partitions and drops months older than every retention", async () => {
    // A month far past 25 months (2001: no other test has rows there).
    await stack.db.query("SELECT indica_ensure_monthly_partitions('clicks', '2001-01-01', 2)");
    expect(await partitions()).toContain("clicks_y2001m01");
    await runLifecycle();
    const names = await partitions();
    expect(names).not.toContain("clicks_y2001m01");
    expect(names).not.toContain("clicks_y2001m02");
    const month = (ahead: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + ahead);
      return `clicks_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    };
    for (const ahead of [0, 1, 2, 3]) expect(names).toContain(month(ahead));
  });

  it("applies a merchant's shorter raw retention and IP-hash term to its own rows only", async () => {
    const oldShort = await click(short, 100 * DAY);
    const oldOther = await click(other, 100 * DAY);
    const agedShort = await click(short, 3 * DAY);
    const agedOther = await click(other, 3 * DAY);
    const fresh = await click(short, 60_000);
    await runLifecycle();
    expect(await row(oldShort)).toBeUndefined();
    // Past the default 30 days, but outside the 7 days each run looks back past the cutoff: a daily job clears
    // each day as it ages, a one-off run with a longer look-back clears a backlog.
    expect(await row(oldOther)).toEqual({ ip_hash: "hash" });
    expect(await row(agedShort)).toEqual({ ip_hash: null });
    expect(await row(agedOther)).toEqual({ ip_hash: "hash" });
    expect(await row(fresh)).toEqual({ ip_hash: "hash" });
  });
});
