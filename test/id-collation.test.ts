/**
 * Identifier columns compare as bytes (db/schema/id-text.ts, migration 0027): what the drizzle schema
 * declares is what the database has, no identifier column of a newer table is left in the default
 * collation, and the tenant comparison inside indica_order_dims still reaches the conversions index.
 */
import pg from "pg";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import * as schema from "../db/schema";

let db: pg.Pool;
type Column = { table: string; column: string; collation: string | null };
let columns: Column[];

/** The naming rule of migration 0027: ids, foreign ids, hashes, keys and the rollups' dimension keys. */
const isIdentifierName = (name: string) =>
  ["id", "key", "currency", "country", "device", "sub1"].includes(name) || /_(id|hash|key)$/.test(name);
/** Left in the default collation, with the reasons in migration 0027. */
const keptDefault = (c: Column) => c.column === "tenant_id" || c.table === "tenants";

beforeAll(async () => {
  db = new pg.Pool({ connectionString: inject("databaseUrl"), max: 2 });
  const { rows } = await db.query<Column>(`
    SELECT c.relname AS table, a.attname AS column, co.collname AS collation
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.atttypid = 'text'::regtype`);
  columns = rows;
});

afterAll(async () => {
  await db.end();
});

describe("identifier collation", () => {
  it("every text column the drizzle schema declares with idText is \"C\" in the database, and no other", () => {
    const mismatches: string[] = [];
    for (const value of Object.values(schema)) {
      if (!(value instanceof PgTable)) continue;
      const config = getTableConfig(value);
      for (const col of config.columns) {
        const found = columns.find((c) => c.table === config.name && c.column === col.name);
        if (!found) continue;
        const declared = col.getSQLType().includes('COLLATE "C"');
        if (declared !== (found.collation === "C")) mismatches.push(`${config.name}.${col.name}: declared ${declared ? '"C"' : "default"}, database ${found.collation}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("every identifier text column of every table is \"C\" (declare new ones with idText)", () => {
    const identifiers = columns.filter((c) => isIdentifierName(c.column) && !keptDefault(c));
    expect(identifiers.length).toBeGreaterThan(80);
    expect(identifiers.filter((c) => c.collation !== "C").map((c) => `${c.table}.${c.column}`)).toEqual([]);
    expect(columns.filter((c) => c.column === "tenant_id" && c.collation === "C").map((c) => c.table)).toEqual([]);
  });

  it("indica_order_dims called with (tenant id, \"C\" id) looks orders up by both index columns", async () => {
    const client = await db.connect();
    try {
      await client.query("BEGIN");
      // Without data the planner would scan; off, the plan shows which conditions reach the index.
      await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON)
        SELECT d.* FROM commissions cm CROSS JOIN LATERAL indica_order_dims(cm.tenant_id, cm.conversion_id) d`);
      const conditions: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        // Index, index-only and bitmap index scans all name their index.
        if (typeof node["Index Name"] === "string" && node["Index Name"].startsWith("conversions")) conditions.push(String(node["Index Cond"] ?? ""));
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk((rows[0]["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0].Plan);
      expect(conditions.length).toBeGreaterThan(0);
      for (const condition of conditions) expect(condition).toMatch(/tenant_id = /);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      client.release();
    }
  });
});
