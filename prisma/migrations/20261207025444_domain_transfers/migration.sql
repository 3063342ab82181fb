-- CreateEnum
CREATE TYPE "DomainTransferStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DomainTransferDecision" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "domain_transfer_requests" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "fromUnitId" INTEGER NOT NULL,
    "toUnitId" INTEGER NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "badgeActions" JSONB NOT NULL DEFAULT '[]',
    "status" "DomainTransferStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" INTEGER NOT NULL,
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_transfer_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_transfer_approvals" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "decision" "DomainTransferDecision" NOT NULL DEFAULT 'PENDING',
    "note" VARCHAR(500),
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "domain_transfer_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_transfer_requests_domainId_idx" ON "domain_transfer_requests"("domainId");

-- CreateIndex
CREATE INDEX "domain_transfer_requests_fromUnitId_createdAt_idx" ON "domain_transfer_requests"("fromUnitId", "createdAt");

-- CreateIndex
CREATE INDEX "domain_transfer_requests_toUnitId_createdAt_idx" ON "domain_transfer_requests"("toUnitId", "createdAt");

-- CreateIndex
CREATE INDEX "domain_transfer_approvals_officeId_decision_idx" ON "domain_transfer_approvals"("officeId", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "domain_transfer_approvals_requestId_officeId_key" ON "domain_transfer_approvals"("requestId", "officeId");

-- AddForeignKey
ALTER TABLE "domain_transfer_requests" ADD CONSTRAINT "domain_transfer_requests_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_transfer_requests" ADD CONSTRAINT "domain_transfer_requests_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_transfer_requests" ADD CONSTRAINT "domain_transfer_requests_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_transfer_approvals" ADD CONSTRAINT "domain_transfer_approvals_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "domain_transfer_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_transfer_approvals" ADD CONSTRAINT "domain_transfer_approvals_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One request waits per domain: two filed at once, the second insert fails here (request-domain-transfer.ts answers
-- CONFLICT). claimDomains refuses it earlier in the ordinary case.
CREATE UNIQUE INDEX "domain_transfer_requests_one_pending" ON "domain_transfer_requests"("domainId") WHERE "status" = 'PENDING';
-- A unit cannot give a domain to itself.
ALTER TABLE "domain_transfer_requests" ADD CONSTRAINT "domain_transfer_requests_other_unit" CHECK ("fromUnitId" <> "toUnitId");
-- A decided approval names who decided and when.
ALTER TABLE "domain_transfer_approvals" ADD CONSTRAINT "domain_transfer_approvals_decided" CHECK (("decision" = 'PENDING') = ("decidedAt" IS NULL));
