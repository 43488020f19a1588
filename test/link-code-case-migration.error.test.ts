/**
 * Migration 0031 on a database that already holds links whose codes differ only in case: it refuses, naming
 * every clash, applies nothing, and goes through once the operator has renamed them. Runs on a database of its
 * own in the test cluster, migrated first only up to 0030.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId } from "../core/ids";
import { migrateDatabase } from "../scripts/lib/migrate";
import { ensureDatabase } from "../scripts/lib/postgres";
import { seedProgram, type SeededProgram } from "../scripts/lib/seed-program";

const MIGRATIONS = join(import.meta.dirname, "../db/migrations");
const BEFORE = "0030_commission_reattribution_and_payout_method_indexes";
const DOMAIN = "go.case.test";

const name = `indica_case_${newId("tenant").slice(-10).toLowerCase()}`;
const adminUrl = inject("databaseUrl");
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.href;
})();
let client: pg.Client;
let program: SeededProgram;
const ids: Record<string, string> = {};

/** The migrations folder as it was before 0031: the same files, the journal cut after BEFORE. */
function migrationsUpTo(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "indica-migrations-"));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

async function addLink(code: string, domain = DOMAIN): Promise<string> {
  const id = newId("link");
  await client.query(
    "INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url) VALUES ($1, $2, $3, $4, $5, $6, 'https://loja.example/')",
    [id, program.tenantId, program.campaignId, program.affiliateId, domain, code],
  );
  return id;
}

const indexDefinition = async () =>
  (await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'links_domain_code_key'")).rows.map((r) => r.indexdef);

beforeAll(async () => {
  await ensureDatabase(adminUrl, name);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const before = migrationsUpTo(BEFORE);
  try {
    await migrate(drizzle({ client }), { migrationsFolder: before });
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
  program = await seedProgram(client, { slug: "case-clash", linkDomain: DOMAIN, code: "ana-verao" });
  ids.ana = program.linkId;
  ids.Ana = await addLink("Ana-Verao");
  ids.PROMO = await addLink("PROMO");
  ids.promo = await addLink("promo");
  // Not clashes: the same code on another domain, and codes differing by more than case.
  await addLink("Ana-Verao", "go.other.test");
  await addLink("ana_verao");
});

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
});

describe("migration 0031 (codes unique whatever their case)", () => {
  it("refuses a database with clashing codes, naming each clash and its links, and applies nothing", async () => {
    const error = await migrateDatabase(url).then(() => null, (e: Error) => e);
    expect(error, "the migration went through").not.toBeNull();
    const message = error!.message;
    expect(message).toContain("links whose codes differ only in case: 2 group(s)");
    expect(message).toContain(`${DOMAIN}/ana-verao is ana-verao (${ids.ana}, ${program.tenantId}), Ana-Verao (${ids.Ana}, ${program.tenantId})`);
    expect(message).toContain(`${DOMAIN}/promo is PROMO (${ids.PROMO}`);
    expect(message).toContain(`promo (${ids.promo}`);
    expect(message).not.toContain("go.other.test");
    expect(message).not.toContain("Failed query");
    expect(await indexDefinition()).toEqual([expect.stringContaining("(lower(domain), code)")]);
    const applied = await client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(applied.rows[0].n).toBe(31);
  });

  it("goes through once all but one link of each clash are renamed, and then refuses a new clash", async () => {
    await client.query("UPDATE links SET code = 'Ana-Verao-2' WHERE id = $1", [ids.Ana]);
    await client.query("UPDATE links SET code = 'promo-2' WHERE id = $1", [ids.promo]);
    await migrateDatabase(url);
    expect(await indexDefinition()).toEqual([expect.stringContaining("(lower(domain), lower(code))")]);
    const clash = await addLink("ANA-VERAO").then(() => null, (e: { code?: string; constraint?: string }) => e);
    expect(clash).toMatchObject({ code: "23505", constraint: "links_domain_code_key" });
  });
});
