-- AlterTable
ALTER TABLE "review_decisions" ADD COLUMN     "waitStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "region_statistics" (
    "root" CHAR(6) COLLATE "C" NOT NULL,
    "child" CHAR(6) COLLATE "C" NOT NULL,
    "metric" VARCHAR(32) COLLATE "C" NOT NULL,
    "bucket" VARCHAR(10) COLLATE "C" NOT NULL,
    "k1" VARCHAR(32) COLLATE "C" NOT NULL DEFAULT '',
    "k2" VARCHAR(32) COLLATE "C" NOT NULL DEFAULT '',
    "n" BIGINT NOT NULL DEFAULT 0,
    "fen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "region_statistics_pkey" PRIMARY KEY ("root","metric","bucket","child","k1","k2")
);

-- CreateTable
CREATE TABLE "region_statistic_deltas" (
    "id" BIGSERIAL NOT NULL,
    "root" CHAR(6) COLLATE "C" NOT NULL,
    "child" CHAR(6) COLLATE "C" NOT NULL,
    "metric" VARCHAR(32) COLLATE "C" NOT NULL,
    "bucket" VARCHAR(10) COLLATE "C" NOT NULL,
    "k1" VARCHAR(32) COLLATE "C" NOT NULL DEFAULT '',
    "k2" VARCHAR(32) COLLATE "C" NOT NULL DEFAULT '',
    "n" BIGINT NOT NULL DEFAULT 0,
    "fen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "region_statistic_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "working_calendar" (
    "day" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "cumulative" INTEGER NOT NULL,

    CONSTRAINT "working_calendar_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "region_statistic_deltas_root_metric_bucket_idx" ON "region_statistic_deltas"("root", "metric", "bucket");

-- ===============================================================================================================
-- Hand-written: 区域统计 counters (issue 8). Every tracked table has one contribution function stat_<table>(row)
-- saying what the row adds to the counters; a deferred trigger appends contribution(NEW) - contribution(OLD) to
-- region_statistic_deltas at commit (when the rows the contribution reads, e.g. review decisions, are final), and
-- rebuild_region_statistics() sums the same functions over every row. Incremental and full computation share the
-- rules, so they can only disagree if a contribution reads a row that changes without an event on the tracked row
-- (see the notes at stat_domain_renewals, stat_invoices).

-- The SQL working-day calendar, 2000–2060: the exceptions of lib/holidays.ts (a test keeps them equal), else
-- Monday to Friday, with the running count of working days.
INSERT INTO "working_calendar" ("day", "working", "cumulative")
SELECT g.d::date, w.working, SUM(w.working::int) OVER (ORDER BY g.d)
  FROM generate_series('2000-01-01'::timestamp, '2060-12-31'::timestamp, interval '1 day') AS g(d)
  LEFT JOIN (VALUES
  ('2025-01-01', false), ('2025-01-26', true), ('2025-01-28', false), ('2025-01-29', false), ('2025-01-30', false), ('2025-01-31', false), ('2025-02-01', false), ('2025-02-02', false),
  ('2025-02-03', false), ('2025-02-04', false), ('2025-02-08', true), ('2025-04-04', false), ('2025-04-05', false), ('2025-04-06', false), ('2025-04-27', true), ('2025-05-01', false),
  ('2025-05-02', false), ('2025-05-03', false), ('2025-05-04', false), ('2025-05-05', false), ('2025-05-31', false), ('2025-06-01', false), ('2025-06-02', false), ('2025-09-28', true),
  ('2025-10-01', false), ('2025-10-02', false), ('2025-10-03', false), ('2025-10-04', false), ('2025-10-05', false), ('2025-10-06', false), ('2025-10-07', false), ('2025-10-08', false),
  ('2025-10-11', true), ('2026-01-01', false), ('2026-01-02', false), ('2026-01-03', false), ('2026-01-04', true), ('2026-02-14', true), ('2026-02-15', false), ('2026-02-16', false),
  ('2026-02-17', false), ('2026-02-18', false), ('2026-02-19', false), ('2026-02-20', false), ('2026-02-21', false), ('2026-02-22', false), ('2026-02-23', false), ('2026-02-28', true),
  ('2026-04-04', false), ('2026-04-05', false), ('2026-04-06', false), ('2026-05-01', false), ('2026-05-02', false), ('2026-05-03', false), ('2026-05-04', false), ('2026-05-05', false),
  ('2026-05-09', true), ('2026-06-19', false), ('2026-06-20', false), ('2026-06-21', false), ('2026-09-20', true), ('2026-09-25', false), ('2026-09-26', false), ('2026-09-27', false),
  ('2026-10-01', false), ('2026-10-02', false), ('2026-10-03', false), ('2026-10-04', false), ('2026-10-05', false), ('2026-10-06', false), ('2026-10-07', false), ('2026-10-10', true),
  ('2027-01-01', false), ('2027-01-02', false), ('2027-01-03', false), ('2027-02-05', false), ('2027-02-06', false), ('2027-02-07', false), ('2027-02-08', false), ('2027-02-09', false),
  ('2027-02-10', false), ('2027-04-05', false), ('2027-05-01', false), ('2027-05-02', false), ('2027-05-03', false), ('2027-05-04', false), ('2027-06-09', false), ('2027-09-15', false),
  ('2027-10-01', false), ('2027-10-02', false), ('2027-10-03', false), ('2027-10-04', false), ('2027-10-05', false)
  ) AS e("day", "working") ON e."day"::date = g.d::date,
  LATERAL (SELECT COALESCE(e."working", EXTRACT(ISODOW FROM g.d) < 6) AS working) w;

/** Working days after the Beijing day of s up to and including the Beijing day of e (statistics/service.ts workingDaysBetween). */
CREATE FUNCTION "working_days_between"(s TIMESTAMP, e TIMESTAMP) RETURNS INT LANGUAGE sql STABLE AS $$
  SELECT GREATEST(0, COALESCE(
    (SELECT ce."cumulative" - cs."cumulative" FROM "working_calendar" cs, "working_calendar" ce
      WHERE cs."day" = (s + interval '8 hours')::date AND ce."day" = (e + interval '8 hours')::date),
    -- Outside the table: Monday to Friday.
    (SELECT COUNT(*)::int FROM generate_series((s + interval '8 hours')::date + 1, (e + interval '8 hours')::date, interval '1 day') AS g(d)
      WHERE EXTRACT(ISODOW FROM g.d) < 6)))
$$;

CREATE FUNCTION "stat_month"(t TIMESTAMP) RETURNS VARCHAR LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(t + interval '8 hours', 'YYYY-MM') $$;
CREATE FUNCTION "stat_day"(t TIMESTAMP) RETURNS VARCHAR LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(t + interval '8 hours', 'YYYY-MM-DD') $$;

-- --- When a review decision's wait started: the latest of the item's previous decision and its (re)submission
-- before the decision; failing both, its creation. Fixed at insert, so a later resubmission never rewrites history.
CREATE FUNCTION "review_wait_start"(x "review_decisions") RETURNS TIMESTAMP LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
           GREATEST(
             (SELECT MAX(p."decidedAt") FROM "review_decisions" p
               WHERE p."id" <> x."id" AND p."decidedAt" <= x."decidedAt"
                 AND ((x."domainId" IS NOT NULL AND p."domainId" = x."domainId")
                   OR (x."siteApplicationId" IS NOT NULL AND p."siteApplicationId" = x."siteApplicationId")
                   OR (x."badgeChangeId" IS NOT NULL AND p."badgeChangeId" = x."badgeChangeId"))),
             CASE WHEN i.submitted <= x."decidedAt" THEN i.submitted END),
           i.created, x."decidedAt")
    FROM (
      SELECT d."submittedAt" AS submitted, d."createdAt" AS created FROM "domains" d WHERE d."id" = x."domainId"
      UNION ALL SELECT s."submittedAt", s."createdAt" FROM "site_applications" s WHERE s."id" = x."siteApplicationId"
      UNION ALL SELECT c."requestedAt", c."requestedAt" FROM "badge_change_requests" c WHERE c."id" = x."badgeChangeId"
    ) i
$$;

CREATE FUNCTION "review_decisions_wait_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."waitStartedAt" IS NULL THEN NEW."waitStartedAt" := "review_wait_start"(NEW); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "review_decisions_wait_start" BEFORE INSERT ON "review_decisions" FOR EACH ROW EXECUTE FUNCTION "review_decisions_wait_start"();

-- Decisions stay append-only, except that a missing waitStartedAt may be filled in once (history, bulk loads).
CREATE FUNCTION "review_decisions_history_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."waitStartedAt" IS NULL
     AND (to_jsonb(NEW) - 'waitStartedAt') = (to_jsonb(OLD) - 'waitStartedAt') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
DROP TRIGGER "review_decisions_append_only" ON "review_decisions";
CREATE TRIGGER "review_decisions_append_only" BEFORE UPDATE OR DELETE ON "review_decisions" FOR EACH ROW EXECUTE FUNCTION "review_decisions_history_guard"();

-- Existing decisions: the same rule over the history (the previous decision in decision order).
UPDATE "review_decisions" x SET "waitStartedAt" = "review_wait_start"(x) WHERE x."waitStartedAt" IS NULL;

-- --- Contributions ------------------------------------------------------------------------------------------
CREATE TYPE "region_statistic_entry" AS (region CHAR(6), metric VARCHAR(32), bucket VARCHAR(10), k1 VARCHAR(32), k2 VARCHAR(32), n BIGINT, fen BIGINT);

-- The subtree roots a fact in `code` counts under, each with the child on the way down (the root itself at its own
-- level). A county (depth 4) is never a root here: its numbers are its city's rows with child = the county.
CREATE FUNCTION "region_statistics_ancestors"(code CHAR(6)) RETURNS TABLE(root CHAR(6), child CHAR(6)) LANGUAGE sql STABLE AS $$
  SELECT p.codes[i]::char(6), COALESCE(p.codes[i + 1], p.codes[i])::char(6)
    FROM (SELECT string_to_array(btrim(r."path", '/'), '/') AS codes FROM "regions" r WHERE r."code" = $1) p,
         generate_subscripts(p.codes, 1) AS i
   WHERE i < 4
$$;

CREATE FUNCTION "stat_units"(x "units") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT x."regionCode", m.metric, b.bucket, m.k, '', 1::bigint, 0::bigint
    FROM (VALUES ('units_type'::varchar, x."type"::varchar), ('units_category', x."systemCategory"::varchar)) m(metric, k),
         (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
$$;

-- Domains: by status and by suffix (all time and by month of creation), registrations by month, expiry days of
-- registered domains, and the day since which a domain waits for a review (statistics/source.ts says the same).
CREATE FUNCTION "stat_domains"(x "domains") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT u."regionCode", e.metric, e.bucket, e.k1, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'domains_status'::varchar AS metric, b AS bucket, x."status"::varchar AS k1 FROM unnest(ARRAY[''::varchar, "stat_month"(x."createdAt")]) b
      UNION ALL SELECT 'domains_suffix', b, x."suffix"::varchar FROM unnest(ARRAY[''::varchar, "stat_month"(x."createdAt")]) b
      UNION ALL SELECT 'registrations', "stat_month"(x."registeredAt"), '' WHERE x."registeredAt" IS NOT NULL
      UNION ALL SELECT 'expiring', "stat_day"(x."expiresAt"), '' WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL
      UNION ALL SELECT 'waiting', "stat_day"(
          CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
               ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."domainId" = x."id" AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
          END), 'DOMAIN'
        WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED')
    ) e
   WHERE u."id" = x."unitId"
$$;

-- A renewal counts in the month it took effect: its fee item's charge (扣费); without an item, when it was asked
-- for. The item's chargedAt is set once, in the transaction that makes the renewal CHARGED (fees/service.ts).
CREATE FUNCTION "stat_domain_renewals"(x "domain_renewals") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT u."regionCode", 'renewals'::varchar,
         "stat_month"(COALESCE((SELECT fi."chargedAt" FROM "fee_collection_items" fi WHERE fi."renewalId" = x."id"), x."requestedAt")),
         ''::varchar, ''::varchar, 1::bigint, 0::bigint
    FROM "domains" d JOIN "units" u ON u."id" = d."unitId"
   WHERE d."id" = x."domainId" AND x."status" = 'CHARGED'
$$;

CREATE FUNCTION "stat_site_applications"(x "site_applications") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT u."regionCode", e.metric, e.bucket, e.k1, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'site_applications'::varchar AS metric, b AS bucket, x."status"::varchar AS k1
        FROM unnest(ARRAY[''::varchar, "stat_month"(x."submittedAt")]) b WHERE x."status" <> 'DRAFT' AND b IS NOT NULL
      UNION ALL SELECT 'waiting', "stat_day"(
          CASE WHEN x."status" = 'PENDING_OFFICE_REVIEW' THEN x."submittedAt"
               WHEN x."status" = 'PENDING_CONAC_REVIEW' THEN COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."siteApplicationId" = x."id" AND rd."level" = 'OFFICE' AND rd."result" = 'APPROVED'), x."updatedAt")
               ELSE COALESCE((SELECT MAX(rd."decidedAt") FROM "review_decisions" rd WHERE rd."siteApplicationId" = x."id" AND rd."level" = 'CONAC' AND rd."result" = 'APPROVED'), x."updatedAt")
          END), 'SITE_APPLICATION'
        WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER')
          AND NOT (x."status" = 'PENDING_OFFICE_REVIEW' AND x."submittedAt" IS NULL)
    ) e
   WHERE u."id" = x."unitId"
$$;

CREATE FUNCTION "stat_badges"(x "badges") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT u."regionCode", e.metric, e.bucket, ''::varchar, ''::varchar, 1::bigint, 0::bigint
    FROM "units" u, LATERAL (
      SELECT 'badges_issued'::varchar AS metric, b AS bucket FROM unnest(ARRAY[''::varchar, "stat_month"(x."issuedAt")]) b
      UNION ALL SELECT 'badges_installed', b FROM unnest(ARRAY[''::varchar, "stat_month"(x."installedAt")]) b WHERE x."installedAt" IS NOT NULL
      UNION ALL SELECT 'badges_cancelled', b FROM unnest(ARRAY[''::varchar, "stat_month"(x."cancelledAt")]) b WHERE x."status" = 'CANCELLED' AND b IS NOT NULL
    ) e
   WHERE u."id" = x."unitId"
$$;

CREATE FUNCTION "stat_fee_collections"(x "fee_collections") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT o."regionCode", 'fees_collected'::varchar, "stat_month"(x."collectedAt"), ''::varchar, ''::varchar, 1::bigint, x."amountFen"
    FROM "offices" o WHERE o."id" = x."officeId"
$$;

CREATE FUNCTION "stat_remittances"(x "remittances") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT o."regionCode", 'fees_remitted'::varchar, "stat_month"(x."submittedAt"), ''::varchar, ''::varchar, 1::bigint, x."amountFen"
    FROM "offices" o WHERE o."id" = x."officeId"
$$;

CREATE FUNCTION "stat_fee_collection_items"(x "fee_collection_items") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT o."regionCode", 'fees_charged'::varchar, "stat_month"(x."chargedAt"), ''::varchar, ''::varchar, 1::bigint, x."amountFen"
    FROM "fee_collections" f JOIN "offices" o ON o."id" = f."officeId"
   WHERE f."id" = x."feeCollectionId" AND x."chargeTransactionId" IS NOT NULL AND x."chargedAt" IS NOT NULL
$$;

CREATE FUNCTION "stat_offices"(x "offices") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT x."regionCode", 'invoice_stock'::varchar, ''::varchar, ''::varchar, ''::varchar, x."invoiceStock"::bigint, 0::bigint
   WHERE x."invoiceStock" <> 0
$$;

-- Invoices (两代一统 rules, invoiceReports/service.ts): sheets are the rows that drew from the stock (开具, 红字);
-- the amount is every row's but a split parent's, whose parts stand for it. Invoices are append-only and the parts
-- of a split are inserted in one statement, so the part with the lowest id takes the parent's amount back out.
CREATE FUNCTION "stat_invoices"(x "invoices") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT o."regionCode", 'invoices_issued'::varchar, b, ''::varchar, ''::varchar,
         CASE WHEN x."kind" IN ('NORMAL', 'RED_LETTER') THEN x."count" ELSE 0 END::bigint, x."amountFen"
    FROM "offices" o, unnest(ARRAY[''::varchar, "stat_month"(x."issuedAt")]) b
   WHERE o."id" = x."officeId"
  UNION ALL
  SELECT o."regionCode", 'invoices_issued'::varchar, b, ''::varchar, ''::varchar, 0::bigint, -p."amountFen"
    FROM "invoices" p JOIN "offices" o ON o."id" = p."officeId", unnest(ARRAY[''::varchar, "stat_month"(p."issuedAt")]) b
   WHERE x."kind" = 'SPLIT' AND p."id" = x."parentId"
     AND x."id" = (SELECT MIN(c."id") FROM "invoices" c WHERE c."parentId" = x."parentId" AND c."kind" = 'SPLIT')
$$;

-- Review turnaround: a histogram of working days per level (all time and by month of the decision).
CREATE FUNCTION "stat_review_decisions"(x "review_decisions") RETURNS SETOF "region_statistic_entry" LANGUAGE sql STABLE STRICT AS $$
  SELECT u."regionCode", 'review_days'::varchar, b, x."level"::varchar,
         "working_days_between"(COALESCE(x."waitStartedAt", x."decidedAt"), x."decidedAt")::varchar, 1::bigint, 0::bigint
    FROM "units" u, unnest(ARRAY[''::varchar, "stat_month"(x."decidedAt")]) b
   WHERE u."id" = COALESCE(
           (SELECT d."unitId" FROM "domains" d WHERE d."id" = x."domainId"),
           (SELECT s."unitId" FROM "site_applications" s WHERE s."id" = x."siteApplicationId"),
           (SELECT g."unitId" FROM "badge_change_requests" c JOIN "badges" g ON g."id" = c."badgeId" WHERE c."id" = x."badgeChangeId"))
$$;

-- --- Reading (statistics/counters.ts) -----------------------------------------------------------------------
-- The rows of some metrics for some roots (or, for counties, their cities' rows of those children), each metric's
-- buckets in [low, high) (and summed into 'near'/'far' around `near` when given), compacted rows and pending deltas
-- alike (a key may come more than once; readers sum), as one text value with a line per row:
-- root,child,metric,bucket,k1,k2,n,fen. Without parallel workers:
-- starting them costs more than reading a few thousand rows by key.
CREATE FUNCTION "region_statistics_read"(roots TEXT[], children TEXT[], metrics TEXT[], lows TEXT[], highs TEXT[], nears TEXT[])
RETURNS TEXT LANGUAGE sql STABLE SET max_parallel_workers_per_gather = 0 AS $$
  SELECT string_agg(concat_ws(',', s."root", s."child", s."metric",
                              CASE WHEN m.near IS NULL THEN s."bucket" WHEN s."bucket" < m.near THEN 'near' ELSE 'far' END,
                              s."k1", s."k2", s."n", s."fen"), E'\n')
    FROM unnest(metrics, lows, highs, nears) AS m(metric, low, high, near)
    CROSS JOIN LATERAL (
      SELECT r."root", r."child", r."metric", r."bucket", r."k1", r."k2", r."n", r."fen" FROM "region_statistics" r
       WHERE r."root" = ANY(roots::bpchar[]) AND r."metric" = m.metric AND r."bucket" >= m.low AND r."bucket" < m.high
         AND (children IS NULL OR r."child" = ANY(children::bpchar[]))
      UNION ALL
      SELECT d."root", d."child", d."metric", d."bucket", d."k1", d."k2", d."n", d."fen" FROM "region_statistic_deltas" d
       WHERE d."root" = ANY(roots::bpchar[]) AND d."metric" = m.metric AND d."bucket" >= m.low AND d."bucket" < m.high
         AND (children IS NULL OR d."child" = ANY(children::bpchar[]))
    ) s
$$;

-- --- Incremental maintenance -------------------------------------------------------------------------------
CREATE FUNCTION "region_statistics_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
     SELECT a.root, a.child, c.metric, c.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
       FROM (SELECT * FROM %1$I($1) UNION ALL SELECT region, metric, bucket, k1, k2, -n, -fen FROM %1$I($2)) c
       CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
      GROUP BY 1, 2, 3, 4, 5, 6
     HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0', 'stat_' || TG_TABLE_NAME)
  USING NEW, OLD;
  RETURN NULL;
END $$;

-- Deferred to commit: a contribution reads the transaction's final rows (e.g. the approval decision a domain
-- waits since), whatever order the service wrote them in.
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "units" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "domains" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "domain_renewals" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "site_applications" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "badges" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "fee_collections" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "remittances" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "fee_collection_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "offices" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR DELETE ON "invoices" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();
-- Decisions are never edited; waitStartedAt is filled in place only for history (rebuild_region_statistics).
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR DELETE ON "review_decisions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "region_statistics_track"();

/** Folds the deltas into region_statistics; returns how many delta rows it folded. Safe to run at any time. */
CREATE FUNCTION "compact_region_statistics"() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE folded BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('compact_region_statistics'));
  WITH moved AS (DELETE FROM "region_statistic_deltas" RETURNING *),
       summed AS (SELECT "root", "child", "metric", "bucket", "k1", "k2", SUM("n") AS n, SUM("fen") AS fen, COUNT(*) AS rows
                    FROM moved GROUP BY 1, 2, 3, 4, 5, 6),
       merged AS (INSERT INTO "region_statistics" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
                  SELECT "root", "child", "metric", "bucket", "k1", "k2", n, fen FROM summed
                  ON CONFLICT ("root", "metric", "bucket", "child", "k1", "k2")
                  DO UPDATE SET "n" = "region_statistics"."n" + EXCLUDED."n", "fen" = "region_statistics"."fen" + EXCLUDED."fen")
  SELECT COALESCE(SUM(rows), 0) INTO folded FROM summed;
  RETURN folded;
END $$;

/** Recomputes every counter from the base tables (after a bulk load, or to check the incremental ones). */
CREATE FUNCTION "rebuild_region_statistics"() RETURNS BIGINT LANGUAGE plpgsql AS $$
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
  SELECT a.root, a.child, c.metric, c.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
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
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0;
  GET DIAGNOSTICS written = ROW_COUNT;
  ALTER TABLE "region_statistics" ADD CONSTRAINT "region_statistics_pkey" PRIMARY KEY ("root", "metric", "bucket", "child", "k1", "k2");
  RETURN written;
END $$;

SELECT "rebuild_region_statistics"();

-- The office review queue (domainApplications/queue.ts): the domains waiting for an office, by unit and submission.
CREATE INDEX "domains_pending_office_review_unitId_submittedAt_idx" ON "domains" ("unitId", "submittedAt") WHERE "status" = 'PENDING_OFFICE_REVIEW';
