-- Link codes match whatever their case (core/link-code.ts normalizeLinkCode): shoppers retype them from bios,
-- podcasts and flyers, so `/Ana-Verao` must find the link `ana-verao`. The unique index the redirect reads on a
-- cache miss becomes (lower(domain), lower(code)), which also keeps two links from differing only in case.
-- A database holding such pairs cannot take the index; rather than Postgres's bare unique violation naming one
-- key, the check below names every clash (docs/data-model.md, Links whose codes differ only in case), and the
-- migration, with any others pending, is rolled back until the operator has renamed all but one of each.
-- Writes to links wait from the check to the commit (so none adds a clash in between); reads go on while the new
-- index is built, and wait only for the swap.
LOCK TABLE "links" IN SHARE MODE;--> statement-breakpoint
DO $$
DECLARE
  clash_count int;
  listed text;
BEGIN
  SELECT count(*), string_agg(clash, '; ') FILTER (WHERE n <= 20)
    INTO clash_count, listed
  FROM (
    SELECT row_number() OVER (ORDER BY lower(domain), lower(code)) AS n,
           lower(domain) || '/' || lower(code) || ' is ' ||
             string_agg(format('%s (%s, %s)', code, id, tenant_id), ', ' ORDER BY created_at, id) AS clash
    FROM links
    GROUP BY lower(domain), lower(code)
    HAVING count(*) > 1
  ) clashes;
  IF clash_count > 0 THEN
    RAISE EXCEPTION USING
      ERRCODE = 'unique_violation',
      MESSAGE = format(
        'links whose codes differ only in case: %s group(s); codes now match whatever the case, so keep one link of each and give the others another code (UPDATE links SET code = ''…'' WHERE id = ''lnk_…''), then migrate again (docs/data-model.md). %s%s',
        clash_count, listed,
        CASE WHEN clash_count > 20 THEN format('; and %s more: SELECT lower(domain), lower(code), array_agg(id) FROM links GROUP BY 1, 2 HAVING count(*) > 1', clash_count - 20) ELSE '' END);
  END IF;
END $$;--> statement-breakpoint
CREATE UNIQUE INDEX "links_domain_code_lower_key" ON "links" USING btree (lower("domain"),lower("code"));--> statement-breakpoint
DROP INDEX "links_domain_code_key";--> statement-breakpoint
ALTER INDEX "links_domain_code_lower_key" RENAME TO "links_domain_code_key";
