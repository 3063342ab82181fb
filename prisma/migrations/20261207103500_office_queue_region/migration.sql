-- Hand-written (issue 21, the review queue's cost). An office's queue (待审核域名) is the PENDING_OFFICE_REVIEW
-- domains of the units in its own region, oldest submission first. Filtered through units, PostgreSQL probes every
-- unit of the county for pending domains (a county of the national dataset: 1,359 index probes and ~2,800 buffers
-- to find 70 rows) before it can sort them. Carrying the unit's region code on the pending domains lets one partial
-- index, keyed on the region and ordered by submission, answer the page and its count from a few dozen buffers.
--
-- "queueRegionCode" is the unit's region code while the domain is PENDING_OFFICE_REVIEW and null otherwise. The
-- triggers keep it so whoever writes: the app never sets it. A domain gets it when it is inserted pending, becomes
-- pending (resubmission) or moves to another unit (机构改革, 域名转移); loses it when it leaves the pending status;
-- and a unit whose region changes takes its pending domains along. Only pending rows call the function, so a bulk
-- load of registered domains (数据迁移, the national dataset) pays nothing but the WHEN test.

ALTER TABLE "domains" ADD COLUMN "queueRegionCode" CHAR(6);

CREATE FUNCTION "domains_queue_region"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'PENDING_OFFICE_REVIEW' THEN
    -- FOR SHARE conflicts with a concurrent change of the unit's region (units_queue_region): either that change
    -- waits for this transaction and then updates this row too, or this statement waits for it and reads the new
    -- region. Without the lock both could commit and leave the domain in the old region's queue.
    SELECT u."regionCode" INTO NEW."queueRegionCode" FROM "units" u WHERE u."id" = NEW."unitId" FOR SHARE;
  ELSE
    NEW."queueRegionCode" := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "domains_queue_region_insert" BEFORE INSERT ON "domains"
  FOR EACH ROW
  WHEN (NEW."status" = 'PENDING_OFFICE_REVIEW' OR NEW."queueRegionCode" IS NOT NULL)
  EXECUTE FUNCTION "domains_queue_region"();

-- A WHEN over the row rather than UPDATE OF: a column changed by another BEFORE trigger counts too.
CREATE TRIGGER "domains_queue_region_update" BEFORE UPDATE ON "domains"
  FOR EACH ROW
  WHEN (NEW."status" IS DISTINCT FROM OLD."status" OR NEW."unitId" IS DISTINCT FROM OLD."unitId"
        OR NEW."queueRegionCode" IS DISTINCT FROM OLD."queueRegionCode")
  EXECUTE FUNCTION "domains_queue_region"();

CREATE FUNCTION "units_queue_region"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Through domains_pending_office_review_unitId_submittedAt_idx: only the unit's pending domains are touched.
  UPDATE "domains" SET "queueRegionCode" = NEW."regionCode"
   WHERE "unitId" = NEW."id" AND "status" = 'PENDING_OFFICE_REVIEW';
  RETURN NULL;
END $$;

CREATE TRIGGER "units_queue_region" AFTER UPDATE ON "units"
  FOR EACH ROW
  WHEN (NEW."regionCode" IS DISTINCT FROM OLD."regionCode")
  EXECUTE FUNCTION "units_queue_region"();

-- The office queue (modules/domainApplications/queue.ts): WHERE status = 'PENDING_OFFICE_REVIEW' AND
-- "queueRegionCode" = $1 ORDER BY "submittedAt", id, and its count.
CREATE INDEX "domains_office_queue_idx" ON "domains" ("queueRegionCode", "submittedAt", "id")
  WHERE "status" = 'PENDING_OFFICE_REVIEW';

-- CONAC's queue: every OFFICE_APPROVED domain by "updatedAt", id; the status index alone sorts them all per page.
CREATE INDEX "domains_conac_queue_idx" ON "domains" ("updatedAt", "id") WHERE "status" = 'OFFICE_APPROVED';

-- The pending domains already there, last: the UPDATE queues the deferred 区域统计 trigger's events, and PostgreSQL
-- refuses CREATE INDEX (and other DDL) on a table with pending trigger events in the same transaction. (The first
-- version of this migration updated before indexing and failed on every database holding a pending domain; the
-- runner accepts its checksum where it applied, see SUPERSEDED_CHECKSUMS in server/src/db/migrate.ts.)
UPDATE "domains" d SET "queueRegionCode" = u."regionCode"
  FROM "units" u
 WHERE u."id" = d."unitId" AND d."status" = 'PENDING_OFFICE_REVIEW';
