-- AlterTable
ALTER TABLE "badge_install_checks" ADD COLUMN     "failed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "runId" INTEGER;

-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "badge_install_checks_runId_badgeId_key" ON "badge_install_checks"("runId", "badgeId");

-- AddForeignKey
ALTER TABLE "badge_install_checks" ADD CONSTRAINT "badge_install_checks_runId_fkey" FOREIGN KEY ("runId") REFERENCES "job_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Checks recorded before this column: those without an HTTP answer were the failed ones.
UPDATE "badge_install_checks" SET "failed" = TRUE WHERE "httpStatus" IS NULL;

-- 标识安装检测 reads the checkable badges in batches, site by site (several badges on one domain are fetched once), in
-- the order of a hash of the domain, so the sites of one hosting address are spread over the run instead of coming
-- one after another (the run allows only a few requests at a time per address). Keyset pages of this index.
CREATE INDEX "badges_install_check_order" ON "badges" (md5(lower("englishDomain")), "id")
  WHERE "status" = 'ACTIVE' AND "placement" = 'SELF_BUILT' AND "englishDomain" IS NOT NULL;
