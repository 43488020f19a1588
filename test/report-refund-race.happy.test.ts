/**
 * An order and a refund of it written by two transactions at once (migration 0028): whichever commits
 * first, the refund counts once in the rollups, which equal a recomputation from the raw tables. Before the
 * triggers took turns per order, the second transaction's trigger ran while the first's row was still
 * uncommitted, and the refund counted nowhere.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { newId } from "../core/ids";
import { rollupFromRawSql, storedRollupSql } from "../db/queries/report-recompute";
import { seedProgram, type SeededProgram } from "../scripts/lib/seed-program";

let db: pg.Pool;
let p: SeededProgram;

const insertOrder = (client: pg.ClientBase, orderId: string) =>
  client.query(
    `INSERT INTO conversions (id, tenant_id, order_id, event_id, source, status, amount, currency, matched_affiliate_id, identity_source, occurred_at, received_at)
     VALUES ($1, $2, $3, $4, 's2s', 'paid', 10000, 'BRL', $5, 'coupon', now(), now())`,
    [newId("conversion"), p.tenantId, orderId, newId("event"), p.affiliateId],
  );
const insertRefund = (client: pg.ClientBase, orderId: string, amount: number) =>
  client.query(
    `INSERT INTO refunds (id, tenant_id, order_id, refund_key, amount, currency, occurred_at, received_at) VALUES ($1, $2, $3, $4, $5, 'BRL', now(), now())`,
    [newId("refund"), p.tenantId, orderId, `r-${orderId}`, amount],
  );

/** Until `statement` has finished or its backend waits on a lock: either way, its trigger had its turn to run. */
async function finishedOrWaiting(statement: Promise<unknown>, pid: number): Promise<"finished" | "waiting"> {
  let settled = false;
  statement.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 200; i++) {
    if (settled) return "finished";
    const { rows } = await db.query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [pid]);
    if (rows[0]?.wait_event_type === "Lock") return "waiting";
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the second transaction neither finished nor waited");
}

/** `first` writes and holds its transaction open while `second` writes; then both commit, first first. */
async function race(first: (c: pg.ClientBase) => Promise<unknown>, second: (c: pg.ClientBase) => Promise<unknown>) {
  const a = await db.connect();
  const b = await db.connect();
  try {
    await a.query("BEGIN");
    await b.query("BEGIN");
    await first(a);
    const pidB: number = (await b.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    const pending = second(b);
    const state = await finishedOrWaiting(pending, pidB);
    await a.query("COMMIT");
    await pending;
    await b.query("COMMIT");
    return state;
  } finally {
    a.release();
    b.release();
  }
}

const refundedTotal = async () =>
  Number((await db.query("SELECT coalesce(sum(refunded), 0) AS n FROM report_daily WHERE tenant_id = $1", [p.tenantId])).rows[0].n);

beforeAll(async () => {
  db = new pg.Pool({ connectionString: inject("databaseUrl"), max: 4 });
  const unique = newId("tenant").slice(-10).toLowerCase();
  p = await seedProgram(db, { slug: `refund-race-${unique}`, linkDomain: "go.indica.test", code: `race-${unique}` });
});
afterAll(async () => {
  await db.end();
});

describe("an order and its refund in two transactions at once", () => {
  it("count the refund once whether the order or the refund commits first", async () => {
    // The order first, its refund while the order is uncommitted: the refund's trigger waits for the order.
    const refundWaited = await race((c) => insertOrder(c, "race-1"), (c) => insertRefund(c, "race-1", 2_500));
    expect(await refundedTotal()).toBe(2_500);
    expect(refundWaited).toBe("waiting");
    // The refund first, the order while the refund is uncommitted: the order's trigger waits for the refund.
    const orderWaited = await race((c) => insertRefund(c, "race-2", 1_200), (c) => insertOrder(c, "race-2"));
    expect(await refundedTotal()).toBe(3_700);
    expect(orderWaited).toBe("waiting");
    for (const grain of ["hour", "day"] as const) {
      const stored = (await db.query(storedRollupSql(grain), [p.tenantId])).rows;
      expect(stored).toEqual((await db.query(rollupFromRawSql(grain), [p.tenantId])).rows);
    }
  });
});
