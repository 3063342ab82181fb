-- CreateEnum
CREATE TYPE "UnitChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "unit_change_requests" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "UnitChangeStatus" NOT NULL DEFAULT 'PENDING',
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "reviewOfficeId" INTEGER NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unit_change_requests_reviewOfficeId_status_createdAt_idx" ON "unit_change_requests"("reviewOfficeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "unit_change_requests_unitId_createdAt_idx" ON "unit_change_requests"("unitId", "createdAt");

-- AddForeignKey
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_reviewOfficeId_fkey" FOREIGN KEY ("reviewOfficeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules the database enforces itself (Prisma's schema language has no partial unique indexes or CHECKs).
-- One request waits per unit: two concurrent requests cannot both land.
CREATE UNIQUE INDEX "unit_change_requests_one_pending" ON "unit_change_requests" ("unitId") WHERE "status" = 'PENDING';
-- A decided request names who decided and when; a waiting or withdrawn one names nobody.
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_reviewed" CHECK (
  ("status" IN ('APPROVED', 'REJECTED')) = ("reviewedAt" IS NOT NULL)
);
-- A rejection always carries the office's note.
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_rejection_note" CHECK (
  "status" <> 'REJECTED' OR length(btrim("reviewNote")) >= 2
);
-- before and after name the same facts, at least one.
ALTER TABLE "unit_change_requests" ADD CONSTRAINT "unit_change_requests_facts" CHECK (
  jsonb_typeof("before") = 'object' AND jsonb_typeof("after") = 'object' AND "after" <> '{}'::jsonb
);
