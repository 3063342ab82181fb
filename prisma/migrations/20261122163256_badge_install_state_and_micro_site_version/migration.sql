-- AlterEnum
ALTER TYPE "SiteApplicationStatus" ADD VALUE 'BADGE_CANCELLED';

-- AlterTable
ALTER TABLE "badges" ADD COLUMN     "installedAt" TIMESTAMP(3),
ADD COLUMN     "lastCheckFound" BOOLEAN,
ADD COLUMN     "lastCheckedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "micro_sites" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- Hand-written constraints.
-- One live application per Chinese domain: a unit applies again only after withdrawing, or after its badge is
-- cancelled (BADGE_CANCELLED). Drafts do not count. The list names the live states (not the dead ones) because a
-- value added to an enum cannot be used in the transaction that adds it.
CREATE UNIQUE INDEX "site_applications_one_live_per_domain" ON "site_applications" ("chineseDomainId")
  WHERE "status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'PENDING_CONAC_REVIEW', 'CONAC_REJECTED',
                     'AWAITING_PAPER', 'PAPER_REJECTED', 'BADGE_ISSUED');
ALTER TABLE "badges" ADD CONSTRAINT "badges_last_check_complete" CHECK (("lastCheckedAt" IS NULL) = ("lastCheckFound" IS NULL));
ALTER TABLE "badges" ADD CONSTRAINT "badges_installed_after_issue" CHECK ("installedAt" IS NULL OR "installedAt" >= "issuedAt");
ALTER TABLE "micro_sites" ADD CONSTRAINT "micro_sites_published_has_date" CHECK ("status" = 'DRAFT' OR "publishedAt" IS NOT NULL);
