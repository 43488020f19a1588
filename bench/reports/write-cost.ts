/** What the rollup triggers add to the consumer's 100-click insert: the same batches with them and without them. */
import type pg from "pg";
import { TENANT } from "./data";

const BATCHES = 50;

async function insertBatches(client: pg.PoolClient, tag: string): Promise<number[]> {
  const ms: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const t = performance.now();
    await client.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, country, user_agent)
       SELECT 'clk_w' || $2 || lpad((${b} * 100 + g)::text, 12, '0'), now() - (g * interval '1 second'), $1, 'lnk_r' || (1 + g % 100), 'cmp_r' || (g % 3),
         'aff_r' || (1 + g % 100), 'vis_r' || ((g * 7919 + ${b}) % 2000000), '{"sub1":"s1"}', 'BR', 'Mozilla/5.0 (iPhone) Mobile'
       FROM generate_series(1, 100) g ON CONFLICT DO NOTHING`,
      [TENANT, tag],
    );
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

export async function batchCost(db: pg.Pool) {
  const client = await db.connect();
  try {
    const withTriggers = await insertBatches(client, "t");
    await client.query("SET session_replication_role = replica");
    const withoutTriggers = await insertBatches(client, "n");
    await client.query("SET session_replication_role = origin");
    const p50 = (xs: number[]) => Math.round(xs[Math.floor(xs.length / 2)] * 10) / 10;
    return { batches: BATCHES, withTriggers: { p50: p50(withTriggers) }, withoutTriggers: { p50: p50(withoutTriggers) } };
  } finally {
    client.release();
  }
}
