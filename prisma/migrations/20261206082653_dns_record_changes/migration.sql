-- Issue 15, defect 7: the DNS page's history (解析变更记录). Every change of a domain's DNS records, by the unit or by
-- a badge's issue, 变更 or 注销, is one row written in the change's transaction beside its audit row, so the unit sees
-- which records were added, changed or removed, by whom and why (the audit log is for offices and CONAC only).

-- CreateEnum
CREATE TYPE "DnsRecordAction" AS ENUM ('ADDED', 'UPDATED', 'DELETED');

-- CreateEnum
CREATE TYPE "DnsChangeCause" AS ENUM ('UNIT', 'BADGE_ISSUED', 'BADGE_CHANGED', 'BADGE_CANCELLED');

-- CreateTable
CREATE TABLE "dns_record_changes" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "recordId" INTEGER NOT NULL,
    "action" "DnsRecordAction" NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "cause" "DnsChangeCause" NOT NULL,
    "badgeId" INTEGER,
    "badgeChangeRequestId" INTEGER,
    "actorUserId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dns_record_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dns_record_changes_domainId_id_idx" ON "dns_record_changes"("domainId", "id");

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_badgeId_fkey" FOREIGN KEY ("badgeId") REFERENCES "badges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_badgeChangeRequestId_fkey" FOREIGN KEY ("badgeChangeRequestId") REFERENCES "badge_change_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the record's states the action has (ADDED: after; UPDATED: both; DELETED: before), a badge behind
-- every badge cause and an approved request behind 变更 and 注销; and history is appended, never edited.
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_states" CHECK (
  ("action" = 'ADDED' AND "before" IS NULL AND "after" IS NOT NULL)
  OR ("action" = 'UPDATED' AND "before" IS NOT NULL AND "after" IS NOT NULL)
  OR ("action" = 'DELETED' AND "before" IS NOT NULL AND "after" IS NULL)
);
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_cause" CHECK (
  ("cause" = 'UNIT' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL)
  OR ("cause" = 'BADGE_ISSUED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NULL)
  OR ("cause" IN ('BADGE_CHANGED', 'BADGE_CANCELLED') AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NOT NULL)
);
CREATE TRIGGER "dns_record_changes_append_only" BEFORE UPDATE OR DELETE ON "dns_record_changes" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
