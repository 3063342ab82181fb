-- Hand-written (issue 20, the import's writer). A badge brought over from the old system needs a site application
-- (badges.siteApplicationId is required): the writer makes one standing for the application the old system approved.
-- The badge file carries no handler ID number, nor may an in-progress application from the old system have one, so
-- an imported application (importedAt set) may lack it. Every application made in this system still names it.
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_present";
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_present"
  CHECK ("handlerIdNumberEnc" IS NOT NULL OR "importedAt" IS NOT NULL);

-- An import batch does its per-row bookkeeping set-based. Three per-row triggers cost milliseconds a row each on a
-- 2-core machine (hours for a national import of 3 million rows): the 区域统计 counters (a dynamic statement per
-- row), a domain's PRIMARY name (one single-row insert per domain) and the zone serial (one update of the same
-- dns_zones row per domain, name and DNS record). The import's writer (modules/migration/commit) marks its batch
-- transactions with conac.import_batch = 'on' (set_config(..., true): that transaction only) and does the same work
-- for the whole batch in the same transaction: counters of the rows as they were (subtracted) and as they are
-- (added) with the same stat_<table> rules, the PRIMARY names of the domains it inserted, and one serial bump per
-- zone it touched. Every other writer is unaffected; the counters, names and serials stay exact throughout.
CREATE OR REPLACE FUNCTION "region_statistics_track"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF current_setting('conac.import_batch', true) = 'on' THEN
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

-- The serial moves once per import batch (the writer's own UPDATE), not once per row of it.
CREATE OR REPLACE FUNCTION "dns_zone_bump_serial"(zone "DomainSuffix") RETURNS void LANGUAGE sql AS $$
  UPDATE "dns_zones"
     SET "serial" = CASE WHEN "serial" >= 4294967295 THEN 1 ELSE "serial" + 1 END, "updated_at" = now()
   WHERE "suffix" = zone AND current_setting('conac.import_batch', true) IS DISTINCT FROM 'on';
$$;

-- An import batch inserts the PRIMARY names of its new domains itself, in one statement; updates still go here.
CREATE OR REPLACE FUNCTION "domains_sync_names"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF current_setting('conac.import_batch', true) = 'on' THEN
      RETURN NULL;
    END IF;
    INSERT INTO "domain_names" ("domain_id", "suffix", "u_label", "a_label", "kind", "resolves", "live")
    VALUES (NEW."id", NEW."suffix", NEW."name", "idna_a_label"(NEW."name"), 'PRIMARY', TRUE,
            "domain_holds_names"(NEW."status"));
    RETURN NULL;
  END IF;
  IF NEW."name" IS DISTINCT FROM OLD."name" OR NEW."suffix" IS DISTINCT FROM OLD."suffix" THEN
    DELETE FROM "domain_names" WHERE "domain_id" = NEW."id" AND "kind" = 'VARIANT';
    UPDATE "domain_names"
       SET "u_label" = NEW."name", "a_label" = "idna_a_label"(NEW."name"), "suffix" = NEW."suffix",
           "live" = "domain_holds_names"(NEW."status")
     WHERE "domain_id" = NEW."id" AND "kind" = 'PRIMARY';
  ELSIF "domain_holds_names"(NEW."status") IS DISTINCT FROM "domain_holds_names"(OLD."status") THEN
    UPDATE "domain_names" SET "live" = "domain_holds_names"(NEW."status") WHERE "domain_id" = NEW."id";
  END IF;
  RETURN NULL;
END $$;
