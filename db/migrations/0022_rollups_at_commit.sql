-- The rollup triggers (0017, 0021) upserted report_hourly and report_daily at the end of every statement, in
-- key order within each statement. A transaction with several such statements (the queue consumer stores a
-- batch's orders, then its commissions) locked rollup rows in several passes, so two concurrent consumer
-- invocations of one merchant could each hold rows the other's next statement needed: deadlock
-- (test/concurrent-commissions.happy.test.ts). Now the statements only note their deltas, and the
-- transaction applies them all at commit in one pass, hourly rows in key order, then daily rows in key
-- order: every writer takes rollup locks in the same order, and holds them only while it commits.

-- The deltas noted by the current transaction, removed when it commits; rows of an aborted transaction
-- (or subtransaction) roll back with it. Unlogged: no row outlives its transaction, so none is worth a WAL
-- record. Not a tenant table: a transaction sees only its own rows (others' are uncommitted, then deleted),
-- and the rollups it writes at commit keep their own row-level security.
CREATE UNLOGGED TABLE report_pending (
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  deltas indica_report_delta[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX report_pending_tx_idx ON report_pending (tx);
--> statement-breakpoint
-- The API's transactions write as indica_tenant (0013), and their rollup deltas go through this table too.
GRANT SELECT, INSERT, DELETE ON report_pending TO indica_tenant;
--> statement-breakpoint
-- The upserts themselves, unchanged: what indica_report_apply did at once until now.
ALTER FUNCTION indica_report_apply(indica_report_delta[]) RENAME TO indica_report_apply_now;
--> statement-breakpoint
-- What every rollup trigger calls: notes the deltas for the commit. One row per call, not per delta.
CREATE FUNCTION indica_report_apply(deltas indica_report_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO report_pending (deltas) VALUES (deltas);
END $$;
--> statement-breakpoint
-- At commit, all the transaction's deltas at once (grouped by key in indica_report_apply_now, so an order and
-- its commissions in one transaction update a shared key once). The trigger fires once per noted row; the
-- first takes them all and the others find none.
CREATE FUNCTION indica_report_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending indica_report_delta[];
BEGIN
  WITH taken AS (DELETE FROM report_pending WHERE tx = pg_current_xact_id() RETURNING deltas)
  SELECT array_agg(d) INTO pending FROM taken, unnest(taken.deltas) d;
  PERFORM indica_report_apply_now(pending);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER report_pending_flush AFTER INSERT ON report_pending DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION indica_report_flush();
