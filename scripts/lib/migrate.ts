import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

const MIGRATIONS = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** Applies pending drizzle migrations, then makes sure next months' partitions of the event tables exist. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several test workers may migrate the same database at once; one at a time.
    await client.query("SELECT pg_advisory_lock(74201)");
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS });
    for (const table of ["clicks", "events"]) {
      await client.query("SELECT indica_ensure_monthly_partitions($1, (now() AT TIME ZONE 'UTC')::date, 3)", [table]);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(74201)").catch(() => {});
    await client.end();
  }
}
