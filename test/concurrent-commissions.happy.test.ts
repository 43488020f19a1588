/**
 * The queue consumer's invocations run concurrently (no max_concurrency in workers/ingest/wrangler.toml), so
 * batches of one merchant write the same report rollup rows (hour or day, campaign, affiliate, ...) at once.
 * Two shapes: createCommissions on its own (autocommit, as bench:attribution runs it) and as the consumer runs
 * it, after storing the batch's orders in the same transaction. Neither may deadlock, and the rollups and
 * commissions must come out exact.
 */
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { newId } from "../core/ids";
import type { Database, Executor } from "../db/client";
import * as schema from "../db/schema";
import { rollupFromRawSql, storedRollupSql } from "../db/queries/report-recompute";
import { seedProgram, type SeededProgram } from "../scripts/lib/seed-program";
import { createCommissions } from "../workers/ingest/src/services/create-commissions";

let pool: pg.Pool;
let orm: Database;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 8 });
  // drizzle's node-postgres and Neon databases share the query API createCommissions uses; the types differ.
  orm = drizzle({ client: pool, schema }) as unknown as Database;
});
afterAll(() => pool?.end());

/** A merchant whose campaign splits linearly between every touch, and `affiliates` affiliates. */
async function program(affiliates: number): Promise<{ p: SeededProgram; affiliateIds: string[] }> {
  const p = await seedProgram(pool, { slug: `cc-${newId("tenant").slice(-10).toLowerCase()}`, linkDomain: "cc.test" });
  await pool.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}' WHERE id = $1`, [p.campaignId]);
  const affiliateIds = Array.from({ length: affiliates }, () => newId("affiliate"));
  await pool.query("INSERT INTO affiliates (id, tenant_id, name, email) SELECT a, $1, a, a || '@cc.test' FROM unnest($2::text[]) a", [p.tenantId, affiliateIds]);
  return { p, affiliateIds };
}

/** A shopper's clicks through each of `affiliateIds` in turn, a minute apart, the last the order's matched click. */
async function shopper(p: SeededProgram, affiliateIds: string[], at: number) {
  const visitorId = newId("visitor");
  const clicks = affiliateIds.map((affiliateId, i) => ({ id: newId("click", at - (affiliateIds.length - i) * 60_000), affiliateId }));
  await pool.query(
    `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, country)
     SELECT k.id, to_timestamp(k.at / 1000.0), $1, $2, $3, k.affiliate, $4, '{"sub1":"feed"}', 'BR'
     FROM unnest($5::text[], $6::bigint[], $7::text[]) AS k(id, at, affiliate)`,
    [p.tenantId, p.linkId, p.campaignId, visitorId, clicks.map((c) => c.id), clicks.map((_, i) => at - (affiliateIds.length - i) * 60_000), clicks.map((c) => c.affiliateId)],
  );
  return { visitorId, click: clicks[clicks.length - 1] };
}

type Order = { orderId: string; visitorId: string; clickId: string; affiliateId: string; amount: number };

/** Paid orders at `at`, each matched to its shopper's last click (what storeConversions leaves for createCommissions). */
const storeOrders = (db: Executor, tenantId: string, orders: Order[], at: number) =>
  db.execute(sql`
    INSERT INTO conversions (id, tenant_id, order_id, event_id, source, status, amount, currency, identity_source, matched_click_id,
      matched_affiliate_id, visitor_id, occurred_at, received_at)
    SELECT 'cnv_' || k.order_id, ${tenantId}, k.order_id, k.order_id, 's2s', 'paid', k.amount, 'BRL', 'url', k.click, k.affiliate, k.visitor, ${new Date(at).toISOString()}::timestamptz, now()
    FROM unnest(${sql.param(orders.map((o) => o.orderId))}::text[], ${sql.param(orders.map((o) => o.clickId))}::text[], ${sql.param(orders.map((o) => o.affiliateId))}::text[],
      ${sql.param(orders.map((o) => o.visitorId))}::text[], ${sql.param(orders.map((o) => o.amount))}::bigint[]) AS k(order_id, click, affiliate, visitor, amount)`);

async function expectExact(tenantId: string, orders: Order[], touchesPerOrder: number) {
  for (const grain of ["hour", "day"] as const) {
    expect((await pool.query(storedRollupSql(grain), [tenantId])).rows).toEqual((await pool.query(rollupFromRawSql(grain), [tenantId])).rows);
  }
  // The default rules pay 10% of the order; linear splits it between the order's touches, cent for cent.
  const { rows } = await pool.query<{ order_id: string; n: number; total: string }>(
    "SELECT order_id, count(*)::int AS n, sum(amount) AS total FROM commissions WHERE tenant_id = $1 GROUP BY order_id", [tenantId]);
  expect(rows.length).toBe(orders.length);
  const byOrder = new Map(orders.map((o) => [o.orderId, o]));
  for (const r of rows) {
    expect(r.n).toBe(touchesPerOrder);
    expect(Number(r.total)).toBe(byOrder.get(r.order_id)!.amount / 10);
  }
}

describe("concurrent commission batches of one merchant", () => {
  it("on their own (autocommit, as the bench runs them) never deadlock and keep the rollups exact", async () => {
    const { p, affiliateIds } = await program(6);
    const at = Date.now() - 3_600_000;
    const orders: Order[] = [];
    for (let i = 0; i < 240; i++) {
      // Every shopper touched three of the six affiliates: every batch writes most of the same rollup keys.
      const touched = [0, 1, 2].map((k) => affiliateIds[(i + k * 2) % 6]);
      const { visitorId, click } = await shopper(p, touched, at);
      orders.push({ orderId: `o-${i}`, visitorId, clickId: click.id, affiliateId: click.affiliateId, amount: 10_000 + i * 30 });
    }
    await storeOrders(orm, p.tenantId, orders, at);
    const batches = Array.from({ length: 8 }, (_, b) => orders.filter((_, i) => i % 8 === b).map((o) => ({ tenantId: p.tenantId, orderId: o.orderId })));
    // Twice: the second round finds every order done and must write nothing (idempotent).
    for (let round = 0; round < 2; round++) await Promise.all(batches.map((keys) => createCommissions(orm, keys)));
    await expectExact(p.tenantId, orders, 3);
  });

  it("as the consumer runs them, after storing their orders in the same transaction, never deadlock", async () => {
    // Batch A's orders came through affiliate X and also touched Y; batch B's the other way round. Storing
    // the orders writes A's rollup rows for X and B's for Y; then each batch's commissions need both.
    const { p, affiliateIds: [x, y] } = await program(2);
    const at = Date.now() - 7_200_000;
    const batchOf = async (name: string, path: string[]) => {
      const orders: Order[] = [];
      for (let i = 0; i < 20; i++) {
        const { visitorId, click } = await shopper(p, path, at);
        orders.push({ orderId: `${name}-${i}`, visitorId, clickId: click.id, affiliateId: click.affiliateId, amount: 20_000 + i * 10 });
      }
      return orders;
    };
    const a = await batchOf("a", [y, x]);
    const b = await batchOf("b", [x, y]);
    // Both transactions store their orders before either writes commissions: the interleaving of two
    // consumer invocations that arrive together.
    let arrived = 0;
    let release: () => void = () => {};
    const bothStored = new Promise<void>((resolve) => (release = resolve));
    const consume = (orders: Order[]) =>
      orm.transaction(async (tx) => {
        await storeOrders(tx, p.tenantId, orders, at);
        if (++arrived === 2) release();
        await bothStored;
        await createCommissions(tx, orders.map((o) => ({ tenantId: p.tenantId, orderId: o.orderId })));
      });
    await Promise.all([consume(a), consume(b)]);
    await expectExact(p.tenantId, [...a, ...b], 2);
  });
});
