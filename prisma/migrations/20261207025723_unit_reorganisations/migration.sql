-- CreateEnum
CREATE TYPE "ReorganisationKind" AS ENUM ('RENAME', 'MERGE', 'SPLIT', 'ABOLISH');

-- CreateEnum
CREATE TYPE "ReorganisationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CARRIED_OUT');

-- CreateTable
CREATE TABLE "unit_reorganisations" (
    "id" SERIAL NOT NULL,
    "kind" "ReorganisationKind" NOT NULL,
    "plan" JSONB NOT NULL,
    "sourceUnitIds" INTEGER[],
    "status" "ReorganisationStatus" NOT NULL DEFAULT 'PENDING',
    "initiatingOfficeId" INTEGER NOT NULL,
    "reviewOfficeId" INTEGER NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "note" VARCHAR(500) NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" VARCHAR(500),
    "outcome" JSONB,
    "batchId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_reorganisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_successions" (
    "id" SERIAL NOT NULL,
    "predecessorUnitId" INTEGER NOT NULL,
    "predecessorName" VARCHAR(128) NOT NULL,
    "predecessorRegionCode" CHAR(6) NOT NULL,
    "successorUnitId" INTEGER,
    "successorName" VARCHAR(128),
    "reorganisationId" INTEGER NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "kind" "ReorganisationKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_successions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reorganised_objects" (
    "id" SERIAL NOT NULL,
    "reorganisationId" INTEGER NOT NULL,
    "objectType" VARCHAR(20) NOT NULL,
    "objectId" INTEGER NOT NULL,
    "label" VARCHAR(200) NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "fromRegionCode" CHAR(6) NOT NULL,
    "toUnitId" INTEGER,
    "toRegionCode" CHAR(6),
    "effectiveAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reorganised_objects_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unit_reorganisations_initiatingOfficeId_status_createdAt_idx" ON "unit_reorganisations"("initiatingOfficeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "unit_reorganisations_reviewOfficeId_status_createdAt_idx" ON "unit_reorganisations"("reviewOfficeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "unit_reorganisations_batchId_idx" ON "unit_reorganisations"("batchId");

-- CreateIndex
CREATE INDEX "unit_successions_predecessorUnitId_idx" ON "unit_successions"("predecessorUnitId");

-- CreateIndex
CREATE INDEX "unit_successions_successorUnitId_idx" ON "unit_successions"("successorUnitId");

-- CreateIndex
CREATE INDEX "unit_successions_reorganisationId_idx" ON "unit_successions"("reorganisationId");

-- CreateIndex
CREATE INDEX "reorganised_objects_objectType_objectId_effectiveAt_idx" ON "reorganised_objects"("objectType", "objectId", "effectiveAt");

-- CreateIndex
CREATE INDEX "reorganised_objects_reorganisationId_idx" ON "reorganised_objects"("reorganisationId");

-- AddForeignKey
ALTER TABLE "unit_reorganisations" ADD CONSTRAINT "unit_reorganisations_initiatingOfficeId_fkey" FOREIGN KEY ("initiatingOfficeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_reorganisations" ADD CONSTRAINT "unit_reorganisations_reviewOfficeId_fkey" FOREIGN KEY ("reviewOfficeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_reorganisations" ADD CONSTRAINT "unit_reorganisations_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_reorganisations" ADD CONSTRAINT "unit_reorganisations_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_predecessorUnitId_fkey" FOREIGN KEY ("predecessorUnitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_successorUnitId_fkey" FOREIGN KEY ("successorUnitId") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_reorganisationId_fkey" FOREIGN KEY ("reorganisationId") REFERENCES "unit_reorganisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reorganised_objects" ADD CONSTRAINT "reorganised_objects_reorganisationId_fkey" FOREIGN KEY ("reorganisationId") REFERENCES "unit_reorganisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- --- Statistics over time ---------------------------------------------------------------------------------------
-- A reorganisation moves domains, badges and site applications to other units, possibly in another region. The
-- counters stay right over time by this rule: a count dated before the move's effective date (a month of creation,
-- registration, renewal, submission, issue, installation, cancellation, and every review decision) stays with the
-- region the object had then; the all-time figures of current state (domains by status and suffix, applications by
-- status, badges issued …) and the day buckets of what is open now (expiring, waiting) follow the object to its new
-- unit. reorganised_objects is the history; stat_region_at reads it. The triggers are deferred to commit, so a moved
-- row's OLD and NEW sides both see the history written in the same transaction: only the buckets dated from the
-- effective date on, and the all-time ones, move.

-- The region an object counted under at instant t: the from-region of its first move effective after t, else now's.
CREATE FUNCTION "stat_region_at"(object_type VARCHAR, object_id INT, t TIMESTAMP, current_region CHAR(6))
RETURNS CHAR(6) LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    (SELECT r."fromRegionCode" FROM "reorganised_objects" r
      WHERE $3 IS NOT NULL AND r."objectType" = $1 AND r."objectId" = $2 AND r."toUnitId" IS NOT NULL AND r."effectiveAt" > $3
      ORDER BY r."effectiveAt", r."id" LIMIT 1),
    $4)
$$;

CREATE OR REPLACE FUNCTION "stat_domains"(x "domains") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT CASE WHEN e.at IS NULL THEN u."regionCode" ELSE "stat_region_at"('DOMAIN', x."id", e.at, u."regionCode") END,
         e.metric, e.bucket, e.k1, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'domains_status'::varchar AS metric, b.bucket, x."status"::varchar AS k1, b.at
        FROM (VALUES (''::varchar, NULL::timestamp), ("stat_month"(x."createdAt"), x."createdAt")) b(bucket, at)
      UNION ALL SELECT 'domains_suffix', b.bucket, x."suffix"::varchar, b.at
        FROM (VALUES (''::varchar, NULL::timestamp), ("stat_month"(x."createdAt"), x."createdAt")) b(bucket, at)
      UNION ALL SELECT 'registrations', "stat_month"(x."registeredAt"), '', x."registeredAt" WHERE x."registeredAt" IS NOT NULL
      UNION ALL SELECT 'expiring', "stat_day"(x."expiresAt"), '', NULL WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL
      UNION ALL SELECT 'waiting', "stat_day"(
          CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
               ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."domainId" = x."id" AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
          END), 'DOMAIN', NULL
        WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED')
    ) e
   WHERE u."id" = x."unitId"
$$;

CREATE OR REPLACE FUNCTION "stat_domain_renewals"(x "domain_renewals") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT "stat_region_at"('DOMAIN', d."id", t.at, u."regionCode"), 'renewals'::varchar, "stat_month"(t.at),
         ''::varchar, ''::varchar, 1::bigint, 0::bigint
    FROM "domains" d JOIN "units" u ON u."id" = d."unitId",
         LATERAL (SELECT COALESCE((SELECT fi."chargedAt" FROM "fee_collection_items" fi WHERE fi."renewalId" = x."id"), x."requestedAt") AS at) t
   WHERE d."id" = x."domainId" AND x."status" = 'CHARGED'
$$;

CREATE OR REPLACE FUNCTION "stat_site_applications"(x "site_applications") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT CASE WHEN e.at IS NULL THEN u."regionCode" ELSE "stat_region_at"('SITE_APPLICATION', x."id", e.at, u."regionCode") END,
         e.metric, e.bucket, e.k1, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'site_applications'::varchar AS metric, b.bucket, x."status"::varchar AS k1, b.at
        FROM (VALUES (''::varchar, NULL::timestamp), ("stat_month"(x."submittedAt"), x."submittedAt")) b(bucket, at)
       WHERE x."status" <> 'DRAFT' AND b.bucket IS NOT NULL
      UNION ALL SELECT 'waiting', "stat_day"(
          CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
               WHEN x."status" = 'PENDING_CONAC_REVIEW' THEN COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."siteApplicationId" = x."id" AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
               ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."siteApplicationId" = x."id" AND rd."level" = 'CONAC' AND rd."result" = 'APPROVED'), x."updatedAt")
          END), 'SITE_APPLICATION', NULL
        WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER')
          AND NOT (x."status" = 'PENDING_OFFICE_REVIEW' AND x."submittedAt" IS NULL)
    ) e
   WHERE u."id" = x."unitId"
$$;

CREATE OR REPLACE FUNCTION "stat_badges"(x "badges") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT CASE WHEN e.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('BADGE', x."id", e.at, u."regionCode") END,
         e.metric, e.bucket, ''::varchar, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'badges_issued'::varchar AS metric, b AS bucket, x."issuedAt" AS at FROM unnest(ARRAY[''::varchar, "stat_month"(x."issuedAt")]) b
      UNION ALL SELECT 'badges_installed', b, x."installedAt" FROM unnest(ARRAY[''::varchar, "stat_month"(x."installedAt")]) b WHERE x."installedAt" IS NOT NULL
      UNION ALL SELECT 'badges_cancelled', b, x."cancelledAt" FROM unnest(ARRAY[''::varchar, "stat_month"(x."cancelledAt")]) b WHERE x."status" = 'CANCELLED' AND b IS NOT NULL
    ) e
   WHERE u."id" = x."unitId"
$$;

-- A review decision counts where it was made, in every bucket (its rows never change, so the trigger's count at
-- insert and the rebuild agree).
CREATE OR REPLACE FUNCTION "stat_review_decisions"(x "review_decisions") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT "stat_region_at"(o.object_type, o.object_id, x."decidedAt", u."regionCode"), 'review_days'::varchar, b, x."level"::varchar,
         "working_days_between"(COALESCE(x."waitStartedAt", x."decidedAt"), x."decidedAt")::varchar, 1::bigint, 0::bigint
    FROM (SELECT CASE WHEN x."domainId" IS NOT NULL THEN 'DOMAIN' WHEN x."siteApplicationId" IS NOT NULL THEN 'SITE_APPLICATION' ELSE 'BADGE' END AS object_type,
                 COALESCE(x."domainId", x."siteApplicationId", (SELECT c."badgeId" FROM "badge_change_requests" c WHERE c."id" = x."badgeChangeId")) AS object_id) o,
         "units" u, unnest(ARRAY[''::varchar, "stat_month"(x."decidedAt")]) b
   WHERE u."id" = COALESCE(
           (SELECT d."unitId" FROM "domains" d WHERE d."id" = x."domainId"),
           (SELECT s."unitId" FROM "site_applications" s WHERE s."id" = x."siteApplicationId"),
           (SELECT g."unitId" FROM "badge_change_requests" c JOIN "badges" g ON g."id" = c."badgeId" WHERE c."id" = x."badgeChangeId"))
$$;

-- The rebuild, the same rules as joins (as in 20261123020000_statistics_series_totals, dated buckets by stat_region_at).
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
        -- scale); the concurrency test compares this with the triggers' running totals. stat_region_at is a
        -- plain SQL expression (inlined): one index probe of the usually tiny reorganised_objects per dated row.
        FROM (
          SELECT x."regionCode" AS region, m.metric, b.bucket, m.k AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
            FROM "units" x,
                 LATERAL (VALUES ('units_type'::varchar, x."type"::varchar), ('units_category', x."systemCategory"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('DOMAIN', x."id", x."createdAt", u."regionCode") END, m.metric, b.bucket, m.k, '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('domains_status'::varchar, x."status"::varchar), ('domains_suffix', x."suffix"::varchar)) m(metric, k),
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
          UNION ALL
          SELECT "stat_region_at"('DOMAIN', x."id", x."registeredAt", u."regionCode"), 'registrations', "stat_month"(x."registeredAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."registeredAt" IS NOT NULL
          UNION ALL
          SELECT u."regionCode", 'expiring', "stat_day"(x."expiresAt"), '', '', 1, 0
            FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL
          UNION ALL
          SELECT s.* FROM "domains" x, LATERAL "stat_domains"(x) s WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED') AND s.metric = 'waiting'
          UNION ALL
          SELECT "stat_region_at"('DOMAIN', d."id", COALESCE(fi."chargedAt", x."requestedAt"), u."regionCode"), 'renewals', "stat_month"(COALESCE(fi."chargedAt", x."requestedAt")), '', '', 1, 0
            FROM "domain_renewals" x JOIN "domains" d ON d."id" = x."domainId" JOIN "units" u ON u."id" = d."unitId"
            LEFT JOIN "fee_collection_items" fi ON fi."renewalId" = x."id"
           WHERE x."status" = 'CHARGED'
          UNION ALL
          SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('SITE_APPLICATION', x."id", x."submittedAt", u."regionCode") END, 'site_applications', b.bucket, x."status"::varchar, '', 1, 0
            FROM "site_applications" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES (''::varchar), ("stat_month"(x."submittedAt"))) b(bucket)
           WHERE x."status" <> 'DRAFT' AND b.bucket IS NOT NULL
          UNION ALL
          SELECT s.* FROM "site_applications" x, LATERAL "stat_site_applications"(x) s
           WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER') AND s.metric = 'waiting'
          UNION ALL
          SELECT CASE WHEN e.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('BADGE', x."id", e.at, u."regionCode") END, e.metric, e.bucket, '', '', 1, 0
            FROM "badges" x JOIN "units" u ON u."id" = x."unitId",
                 LATERAL (VALUES ('badges_issued'::varchar, ''::varchar, TRUE, x."issuedAt"), ('badges_issued', "stat_month"(x."issuedAt"), TRUE, x."issuedAt"),
                                 ('badges_installed', '', x."installedAt" IS NOT NULL, x."installedAt"), ('badges_installed', "stat_month"(x."installedAt"), x."installedAt" IS NOT NULL, x."installedAt"),
                                 ('badges_cancelled', '', x."status" = 'CANCELLED', x."cancelledAt"), ('badges_cancelled', "stat_month"(x."cancelledAt"), x."status" = 'CANCELLED' AND x."cancelledAt" IS NOT NULL, x."cancelledAt")
                 ) e(metric, bucket, applies, at)
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
          SELECT "stat_region_at"(CASE WHEN x."domainId" IS NOT NULL THEN 'DOMAIN' WHEN x."siteApplicationId" IS NOT NULL THEN 'SITE_APPLICATION' ELSE 'BADGE' END,
                                  COALESCE(x."domainId", x."siteApplicationId", c."badgeId"), x."decidedAt", u."regionCode"), 'review_days', b.bucket, x."level"::varchar,
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


