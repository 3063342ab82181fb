-- Hand-written (issue 19, lifecycle after expiry): what the new states mean to DNS and to the names.

-- DNS answers for registered domains and those in their grace period; redemption and after stop resolving.
-- (Only this view changes here: PowerDNS's views and the URL forwarder read it.)
CREATE OR REPLACE VIEW "dns_publishable_domains" AS
  SELECT "id" AS "domain_id", "suffix" FROM "domains" WHERE "status" IN ('REGISTERED', 'GRACE');

-- A DELETED domain keeps its names through the hold period; RELEASED lets them go (domains_sync_names flips
-- domain_names.live when this answer changes). Mirrors domains_live_name_unique below.
CREATE OR REPLACE FUNCTION "domain_holds_names"(status "DomainStatus") RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT status NOT IN ('OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED', 'RELEASED')
$$;

DROP INDEX "domains_live_name_unique";
CREATE UNIQUE INDEX "domains_live_name_unique" ON "domains" ("name", "suffix")
  WHERE "status" NOT IN ('OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED', 'RELEASED');

-- Every state after registration keeps its registration and expiry dates (the lifecycle counts from expiresAt).
ALTER TABLE "domains" DROP CONSTRAINT "domains_registered_has_dates";
ALTER TABLE "domains" ADD CONSTRAINT "domains_registered_has_dates" CHECK (
  "status" NOT IN ('REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION', 'DELETED', 'RELEASED')
  OR ("registeredAt" IS NOT NULL AND "expiresAt" IS NOT NULL));
