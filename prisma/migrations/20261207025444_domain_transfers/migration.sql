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

-- 过户 moves a domain to another unit (domains."unitId" changes). The domains' own statistics move with it through
-- their trigger (OLD's region out, NEW's in). A CHARGED renewal counts in the region of its domain's unit
-- (stat_domain_renewals joins through domains), but its row does not change on a transfer, so its trigger never
-- fires: this one moves the domain's renewals from the old unit's region to the new one, as
-- rebuild_region_statistics() would count them. Deferred like the others, so it reads the renewals at commit.
CREATE FUNCTION "region_statistics_domain_unit_moved"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
  SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, SUM(c.n), SUM(c.fen)
    FROM (SELECT side.region, s.metric, s.bucket, s.k1, s.k2, side.sign * s.n AS n, side.sign * s.fen AS fen
            FROM "domain_renewals" r
            CROSS JOIN LATERAL "stat_domain_renewals"(r) s
            CROSS JOIN (SELECT u."regionCode" AS region, 1 AS sign FROM "units" u WHERE u."id" = NEW."unitId"
                        UNION ALL
                        SELECT u."regionCode", -1 FROM "units" u WHERE u."id" = OLD."unitId") side
           WHERE r."domainId" = NEW."id") c
    CROSS JOIN LATERAL "region_statistics_ancestors"(c.region) a
    CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "region_statistics_unit_moved" AFTER UPDATE OF "unitId" ON "domains"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."unitId" IS DISTINCT FROM NEW."unitId")
  EXECUTE FUNCTION "region_statistics_domain_unit_moved"();
