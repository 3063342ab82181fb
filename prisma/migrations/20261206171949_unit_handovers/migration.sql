-- CreateEnum
CREATE TYPE "HandoverStatus" AS ENUM ('PENDING', 'COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "unit_handovers" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "HandoverStatus" NOT NULL DEFAULT 'PENDING',
    "startedById" INTEGER NOT NULL,
    "oldName" VARCHAR(32) NOT NULL,
    "oldMobile" VARCHAR(11) NOT NULL,
    "newName" VARCHAR(32) NOT NULL,
    "newMobile" VARCHAR(11) NOT NULL,
    "newEmail" VARCHAR(128) NOT NULL,
    "newIdNumberEnc" VARCHAR(255),
    "newIdNumberMasked" CHAR(18),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelledById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_handovers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unit_handovers_unitId_createdAt_idx" ON "unit_handovers"("unitId", "createdAt");

-- AddForeignKey
ALTER TABLE "unit_handovers" ADD CONSTRAINT "unit_handovers_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_handovers" ADD CONSTRAINT "unit_handovers_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (issue 17, 经办人交接).
-- One handover waits per unit at a time; starting another while one is PENDING is a CONFLICT.
CREATE UNIQUE INDEX "unit_handovers_one_pending_per_unit" ON "unit_handovers" ("unitId") WHERE "status" = 'PENDING';
ALTER TABLE "unit_handovers" ADD CONSTRAINT "unit_handovers_completed_when_completed"
  CHECK (("status" = 'COMPLETED') = ("completedAt" IS NOT NULL));
ALTER TABLE "unit_handovers" ADD CONSTRAINT "unit_handovers_cancelled_when_cancelled"
  CHECK (("status" = 'CANCELLED') = ("cancelledAt" IS NOT NULL));
ALTER TABLE "unit_handovers" ADD CONSTRAINT "unit_handovers_expiry_after_creation" CHECK ("expiresAt" > "createdAt");
