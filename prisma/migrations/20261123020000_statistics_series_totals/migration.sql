-- Monthly series in two more forms, so that a region's all-time figures read a few hundred counter rows instead of
-- a row per child and month (a province's all-time answer had ~8,800 rows, 5,600 of them series):
--   * each child's all-time total: bucket '' (as the other metrics have had from the start);
--   * the root's months summed over all its children: metric '<metric>:all', child = the root.
-- region_statistics_forms says which rows one contribution makes at one ancestor; the trigger and the rebuild both
-- use it, so the concurrency test's comparison covers the new rows too. The rebuild fills them in for the data
-- already there (and now writes the counters in key order).
CREATE FUNCTION "region_statistics_forms"(root CHAR(6), child CHAR(6), metric VARCHAR, bucket VARCHAR)
RETURNS TABLE(child CHAR(6), metric VARCHAR, bucket VARCHAR) LANGUAGE sql IMMUTABLE AS $$
  SELECT $2, $3, $4
  UNION ALL
  SELECT f.child, f.metric, f.bucket
    FROM (VALUES ($2, $3, ''::varchar), ($1, $3 || ':all', $4)) f(child, metric, bucket)
   WHERE $3 IN ('registrations', 'renewals', 'fees_collected', 'fees_remitted', 'fees_charged')
$$;

CREATE OR REPLACE FUNCTION "region_statistics_track"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
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

CREATE OR REPLACE FUNCTION "rebuild_region_statistics"() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE written BIGINT;
BEGIN
  -- Writers block at commit (their deferred trigger) until the rebuild is done; their rows then count as deltas.
  LOCK TABLE "region_statistics", "region_statistic_deltas" IN EXCLUSIVE MODE;
  SET LOCAL work_mem = '256MB';
  SET LOCAL jit = off;
  UPDATE "review_decisions" x SET "waitStartedAt" = "review_wait_start"(x) WHERE x."waitStartedAt" IS NULL;
  TRUNCATE "region_statistic_deltas";
  -- Loading without the key and building it afterwards is several times faster than keeping it up row by row.
  TRUNCATE "region_statistics";
  ALTER TABLE "region_statistics" DROP CONSTRAINT "region_statistics_pkey";
  INSERT INTO "region_statistics" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
  SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
    FROM (
      SELECT c.region, c.metric, c.bucket, c.k1, c.k2, SUM(c.n) AS n, SUM(c.fen) AS fen
        -- The stat_<table> rules written as joins (a function call per row would take an hour at national
        -- scale); the concurrency test compares this with the triggers' running totals.
        FROM (
          SELECT x."regionCode" AS region, m.metric, b.bucket, m.k AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
            FROM "units" x,
                 LATERAL (VALUES ('units_type'::varchar, x."type"::varchar), ('units_category', x."systemCategory"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT u."regionCode", m.metric, b.bucket, m.k, '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('domains_status'::varchar, x."status"::varchar), ('domains_suffix', x."suffix"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT u."regionCode", 'registrations', "stat_month"(x."registeredAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."registeredAt" IS NOT NULL
          UNION ALL
          SELECT u."regionCode", 'expiring', "stat_day"(x."expiresAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL
          UNION ALL
          SELECT s.* FROM "domains" x, LATERAL "stat_domains"(x) s WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED') AND s.metric = 'waiting'
          UNION ALL
          SELECT u."regionCode", 'renewals', "stat_month"(COALESCE(fi."chargedAt", x."requestedAt")), '', '', 1, 0
            FROM "domain_renewals" x JOIN "domains" d ON d."id" = x."domainId" JOIN "units" u ON u."id" = d."unitId"
            LEFT JOIN "fee_collection_items" fi ON fi."renewalId" = x."id"
           WHERE x."status" = 'CHARGED'
          UNION ALL
          SELECT u."regionCode", 'site_applications', b.bucket, x."status"::varchar, '', 1, 0
            FROM "site_applications" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."submittedAt"))) b(bucket)
           WHERE x."status" <> 'DRAFT' AND b.bucket IS NOT NULL
          UNION ALL
          SELECT s.* FROM "site_applications" x, LATERAL "stat_site_applications"(x) s
           WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER') AND s.metric = 'waiting'
          UNION ALL
          SELECT u."regionCode", e.metric, e.bucket, '', '', 1, 0
            FROM "badges" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('badges_issued'::varchar, ''::varchar, TRUE), ('badges_issued', "stat_month"(x."issuedAt"), TRUE),
                                 ('badges_installed', '', x."installedAt" IS NOT NULL), ('badges_installed', "stat_month"(x."installedAt"), x."installedAt" IS NOT NULL),
                                 ('badges_cancelled', '', x."status" = 'CANCELLED'), ('badges_cancelled', "stat_month"(x."cancelledAt"), x."status" = 'CANCELLED' AND x."cancelledAt" IS NOT NULL)
                 ) e(metric, bucket, applies)
           WHERE e.applies
          UNION ALL
          SELECT o."regionCode", 'fees_collected', "stat_month"(x."collectedAt"), '', '', 1, x."amountFen"
            FROM "fee_collections" x JOIN "offices" o ON o."id" = x."officeId"
          UNION ALL
          SELECT o."regionCode", 'fees_remitted', "stat_month"(x."submittedAt"), '', '', 1, x."amountFen"
            FROM "remittances" x JOIN "offices" o ON o."id" = x."officeId"
          UNION ALL
          SELECT o."regionCode", 'fees_charged', "stat_month"(x."chargedAt"), '', '', 1, x."amountFen"
            FROM "fee_collection_items" x JOIN "fee_collections" f ON f."id" = x."feeCollectionId" JOIN "offices" o ON o."id" = f."officeId"
           WHERE x."chargeTransactionId" IS NOT NULL AND x."chargedAt" IS NOT NULL
          UNION ALL
          SELECT s.* FROM "offices" x, LATERAL "stat_offices"(x) s
          UNION ALL
          SELECT s.* FROM "invoices" x, LATERAL "stat_invoices"(x) s
          UNION ALL
          SELECT u."regionCode", 'review_days', b.bucket, x."level"::varchar,
                 GREATEST(0, COALESCE(ce."cumulative" - cs."cumulative",
                                      "working_days_between"(COALESCE(x."waitStartedAt", x."decidedAt"), x."decidedAt")))::varchar, 1, 0
            FROM "review_decisions" x
            LEFT JOIN "domains" d ON d."id" = x."domainId"
            LEFT JOIN "site_applications" sa ON sa."id" = x."siteApplicationId"
            LEFT JOIN "badge_change_requests" c ON c."id" = x."badgeChangeId"
            LEFT JOIN "badges" g ON g."id" = c."badgeId"
            JOIN "units" u ON u."id" = COALESCE(d."unitId", sa."unitId", g."unitId")
            LEFT JOIN "working_calendar" cs ON cs."day" = (COALESCE(x."waitStartedAt", x."decidedAt") + interval '8 hours')::date
            LEFT JOIN "working_calendar" ce ON ce."day" = (x."decidedAt" + interval '8 hours')::date,
            LATERAL (VALUES (''::varchar), ("stat_month"(x."decidedAt"))) b(bucket)
        ) c
       GROUP BY 1, 2, 3, 4, 5
    ) c
    CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
    CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0
  -- In key order: a root's rows of one metric sit together on disk, so a read touches few pages.
   ORDER BY 1, 3, 4, 2, 5, 6;
  GET DIAGNOSTICS written = ROW_COUNT;
  ALTER TABLE "region_statistics" ADD CONSTRAINT "region_statistics_pkey" PRIMARY KEY ("root", "metric", "bucket", "child", "k1", "k2");
  RETURN written;
END $$;

SELECT "rebuild_region_statistics"();
