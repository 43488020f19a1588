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
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS }).catch((error: unknown) => {
      throw withDatabaseReason(error);
    });
    for (const table of ["clicks", "events"]) {
      await client.query("SELECT indica_ensure_monthly_partitions($1, (now() AT TIME ZONE 'UTC')::date, 3)", [table]);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(74201)").catch(() => {});
    await client.end();
  }
}

/**
 * drizzle reports a failed migration as "Failed query: <the statement>", with Postgres's own message only in
 * `cause`; callers print the message, so a migration refusing with a reason (0031 lists clashing link codes)
 * would show the SQL and not the reason. The pending migrations were rolled back as one transaction.
 */
function withDatabaseReason(error: unknown): unknown {
  const cause = error instanceof Error ? error.cause : undefined;
  if (!(cause instanceof Error)) return error;
  return new Error(`migration failed, none of the pending ones applied: ${cause.message}`, { cause: error });
}
