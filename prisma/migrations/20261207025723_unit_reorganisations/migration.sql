-- CreateEnum
CREATE TYPE "ReorganisationKind" AS ENUM ('RENAME', 'MERGE', 'SPLIT', 'ABOLISH');

-- CreateEnum
CREATE TYPE "ReorganisationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CARRIED_OUT');

-- CreateTable
CREATE TABLE "unit_reorganisations" (
    "id" SERIAL NOT NULL,
    "kind" "ReorganisationKind" NOT NULL,
    "plan" JSONB NOT NULL,
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
