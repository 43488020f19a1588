-- Monthly partitions of "clicks" (hand-written: drizzle-kit does not model partitioning).
-- indica_ensure_monthly_partitions(table, from, months) creates any missing monthly partitions, named
-- <table>_yYYYYmMM, covering [first day of month, first day of next month). It is idempotent and is run by
-- migrations, by `npm start` and by the scheduled maintenance job, always ahead of time.
CREATE OR REPLACE FUNCTION indica_ensure_monthly_partitions(parent regclass, from_month date, months integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  created integer := 0;
  start_at date;
  part_name text;
BEGIN
  FOR i IN 0..months - 1 LOOP
    start_at := (date_trunc('month', from_month) + make_interval(months => i))::date;
    part_name := format('%s_y%sm%s', parent::text, to_char(start_at, 'YYYY'), to_char(start_at, 'MM'));
    IF to_regclass(part_name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
        part_name, parent, start_at::text || ' 00:00:00+00',
        (start_at + interval '1 month')::date::text || ' 00:00:00+00');
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;
--> statement-breakpoint
-- Catches rows outside every monthly partition (a clock far off, a replay of very old events) so an
-- insert never fails for lack of a partition. A non-empty default partition is an operations alert.
CREATE TABLE IF NOT EXISTS "clicks_default" PARTITION OF "clicks" DEFAULT;
--> statement-breakpoint
SELECT indica_ensure_monthly_partitions('clicks', ((now() AT TIME ZONE 'UTC') - interval '1 month')::date, 4);
