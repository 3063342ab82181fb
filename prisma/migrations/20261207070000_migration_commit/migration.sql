-- Hand-written (issue 20, the import's writer). A badge brought over from the old system needs a site application
-- (badges.siteApplicationId is required): the writer makes one standing for the application the old system approved.
-- The badge file carries no handler ID number, nor may an in-progress application from the old system have one, so
-- an imported application (importedAt set) may lack it. Every application made in this system still names it.
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_present";
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_present"
  CHECK ("handlerIdNumberEnc" IS NOT NULL OR "importedAt" IS NOT NULL);

-- The 区域统计 counters of an import batch, set-based. The per-row trigger runs a dynamic statement per row (about
-- 4 ms each on a 2-core machine: hours for a national import of 3 million rows). The import's writer instead
-- appends, in the batch's own transaction, the counters of the batch's rows as they were (subtracted) and as they
-- are (added), with the same stat_<table> rules, and marks the transaction so the per-row trigger leaves those rows
-- to it: conac.statistics_by_batch = 'on' (set_config(..., true): this transaction only). Every other writer is
-- unaffected, and the counters stay exact throughout the import.
CREATE OR REPLACE FUNCTION "region_statistics_track"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF current_setting('conac.statistics_by_batch', true) = 'on' THEN
    RETURN NULL;
  END IF;
  EXECUTE format(
    'INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
     SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
       FROM (SELECT * FROM %1$I($1) UNION ALL SELECT region, metric, bucket, k1, k2, -n, -fen FROM %1$I($2)) c
       CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
       CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
      GROUP BY 1, 2, 3, 4, 5, 6
     HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0', 'stat_' || TG_TABLE_NAME)
  USING NEW, OLD;
  RETURN NULL;
END $$;
