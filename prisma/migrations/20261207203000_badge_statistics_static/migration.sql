-- What is left (a badge first found installed, issued, cancelled, moved) runs the same statement as
-- region_statistics_track, written out for badges: static SQL, so PL/pgSQL keeps its plan instead of parsing and
-- planning the generic EXECUTE for every row (1.6 ms a row; 标识安装检测's first run over badges never found installed
-- pays it for each one it finds).
CREATE FUNCTION "region_statistics_track_badges"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
  SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
    FROM (SELECT * FROM "stat_badges"(NEW) UNION ALL SELECT region, metric, bucket, k1, k2, -n, -fen FROM "stat_badges"(OLD)) c
    CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
    CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0;
  RETURN NULL;
END $$;
DROP TRIGGER "region_statistics_update" ON "badges";
CREATE CONSTRAINT TRIGGER "region_statistics_update" AFTER UPDATE ON "badges"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on'
        AND (OLD."unitId", OLD."issuedAt", OLD."installedAt", OLD."status", OLD."cancelledAt")
            IS DISTINCT FROM (NEW."unitId", NEW."issuedAt", NEW."installedAt", NEW."status", NEW."cancelledAt"))
  EXECUTE FUNCTION "region_statistics_track_badges"();
