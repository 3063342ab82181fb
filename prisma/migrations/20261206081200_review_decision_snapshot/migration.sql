-- AlterTable
ALTER TABLE "review_decisions" ADD COLUMN     "snapshot" JSONB;

-- A decision now stores the fields it was made on (written by the review services). For the decisions recorded
-- before, this reconstructs them from the audit trail, which is append-only and written in the same transaction as
-- each decision and each resubmission:
--   site application: the review's audit row carries the form as reviewed (after.snapshot): exact.
--   domain name: the review's audit row names it (after.name): exact.
--   domain name and years otherwise: the first resubmission after the decision recorded them as `before` (only a
--     resubmission changes them): exact. With no resubmission after the decision, the current values are the ones
--     decided on, but only if the domain's trail is complete (its domain.apply row exists); if not, the key is left
--     out, because nothing tells what it was.
-- Nothing known (badge changes, a domain without a trail): NULL.
CREATE FUNCTION "review_snapshot_from_history"(x "review_decisions") RETURNS JSONB LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN x."siteApplicationId" IS NOT NULL THEN (
      SELECT a."after" -> 'snapshot' FROM "audit_logs" a
       WHERE a."subjectType" = 'SiteApplication' AND a."subjectId" = x."siteApplicationId"::text
         AND a."action" = 'siteApplication.review' AND a."after" ->> 'decisionId' = x."id"::text
       ORDER BY a."id" LIMIT 1)
    WHEN x."domainId" IS NOT NULL THEN (
      SELECT NULLIF(jsonb_strip_nulls(jsonb_build_object(
               'name', COALESCE(reviewed."after" -> 'name', later."before" -> 'name',
                                CASE WHEN trail.complete AND later."id" IS NULL THEN to_jsonb(d."name") END),
               'years', COALESCE(later."before" -> 'years',
                                 CASE WHEN trail.complete AND later."id" IS NULL THEN to_jsonb(d."years") END))), '{}'::jsonb)
        FROM "domains" d
        LEFT JOIN LATERAL (
          SELECT a."id", a."after" FROM "audit_logs" a
           WHERE a."subjectType" = 'Domain' AND a."subjectId" = d."id"::text AND a."action" = 'domain.review'
             AND a."after" ->> 'decisionId' = x."id"::text
           ORDER BY a."id" LIMIT 1) reviewed ON true
        LEFT JOIN LATERAL (
          SELECT a."id", a."before" FROM "audit_logs" a
           WHERE a."subjectType" = 'Domain' AND a."subjectId" = d."id"::text AND a."action" = 'domain.resubmit'
             AND CASE WHEN reviewed."id" IS NOT NULL THEN a."id" > reviewed."id" ELSE a."at" > x."decidedAt" END
           ORDER BY a."at", a."id" LIMIT 1) later ON true
        CROSS JOIN LATERAL (
          SELECT EXISTS (SELECT 1 FROM "audit_logs" a
                          WHERE a."subjectType" = 'Domain' AND a."subjectId" = d."id"::text AND a."action" = 'domain.apply') AS complete) trail
       WHERE d."id" = x."domainId")
  END
$$;

-- Decisions stay append-only, except that a missing waitStartedAt or snapshot may be filled in once (and nothing
-- else changed by that update).
CREATE OR REPLACE FUNCTION "review_decisions_history_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND ((OLD."waitStartedAt" IS NULL AND NEW."waitStartedAt" IS NOT NULL) OR (OLD."snapshot" IS NULL AND NEW."snapshot" IS NOT NULL))
     AND (OLD."waitStartedAt" IS NULL OR NEW."waitStartedAt" IS NOT DISTINCT FROM OLD."waitStartedAt")
     AND (OLD."snapshot" IS NULL OR NEW."snapshot" IS NOT DISTINCT FROM OLD."snapshot")
     AND (to_jsonb(NEW) - 'waitStartedAt' - 'snapshot') = (to_jsonb(OLD) - 'waitStartedAt' - 'snapshot') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;

UPDATE "review_decisions" x SET "snapshot" = known."snapshot"
  FROM (SELECT r."id", "review_snapshot_from_history"(r) AS "snapshot" FROM "review_decisions" r
         WHERE r."snapshot" IS NULL AND r."subject" IN ('DOMAIN', 'SITE_APPLICATION')) known
 WHERE x."id" = known."id" AND known."snapshot" IS NOT NULL;
