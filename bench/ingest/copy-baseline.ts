/**
 * The baseline: how fast this database takes the same rows through COPY, straight over TCP, no Worker.
 *
 * - `events`: COPY into the real, partitioned `events` table (same indexes, same WAL) inside a transaction
 *   that is rolled back, so nothing stays behind. This is the ceiling for what the pipeline writes.
 * - `temp`: COPY into `CREATE TEMP TABLE ... (LIKE events INCLUDING DEFAULTS)`: no indexes, no WAL; the
 *   raw rate of moving rows into this Postgres, for reference.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { newId } from "../../core/ids";
import { copyChunks, EVENT_COLUMNS } from "./traffic";

export type CopyTarget = "events" | "temp";

export interface CopyResult {
  target: CopyTarget;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Rows go under a tenant of their own, outside the index range the bench counts its tenant's rows in. */
export async function copyRate(db: pg.Pool, rows: number, target: CopyTarget): Promise<CopyResult> {
  const chunks = copyChunks(newId("tenant"), rows);
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    let table = "events";
    if (target === "temp") {
      table = "bench_events_copy";
      await client.query(`CREATE TEMP TABLE ${table} (LIKE events INCLUDING DEFAULTS) ON COMMIT DROP`);
    }
    const started = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${EVENT_COLUMNS.join(", ")}) FROM STDIN`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query("ROLLBACK");
    return { target, rows, seconds: Math.round(seconds * 1000) / 1000, rowsPerSecond: Math.round(rows / seconds) };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
