-- CreateTable
CREATE TABLE "dns_zones" (
    "suffix" "DomainSuffix" NOT NULL,
    "pdns_id" INTEGER NOT NULL,
    "name" VARCHAR(63) NOT NULL,
    "serial" BIGINT NOT NULL DEFAULT 1,
    "primary_name_server" VARCHAR(253) NOT NULL,
    "hostmaster" VARCHAR(253) NOT NULL,
    "name_servers" TEXT[],
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dns_zones_pkey" PRIMARY KEY ("suffix")
);

-- CreateIndex
CREATE UNIQUE INDEX "dns_zones_pdns_id_key" ON "dns_zones"("pdns_id");

-- CreateIndex
CREATE UNIQUE INDEX "dns_zones_name_key" ON "dns_zones"("name");

-- Hand-written (issue 18, publication through PowerDNS). The two zones, with the name servers of a fresh clone;
-- DNS_NAME_SERVERS / DNS_HOSTMASTER replace them when the API starts with DNS_SERVER=powerdns.
INSERT INTO "dns_zones" ("suffix", "pdns_id", "name", "primary_name_server", "hostmaster", "name_servers") VALUES
  ('ZHENGWU', 1, 'xn--zfr164b', 'ns1.conac.cn', 'hostmaster.conac.cn', ARRAY['ns1.conac.cn', 'ns2.conac.cn']),
  ('GONGYI', 2, 'xn--55qw42g', 'ns1.conac.cn', 'hostmaster.conac.cn', ARRAY['ns1.conac.cn', 'ns2.conac.cn']);

ALTER TABLE "dns_zones" ADD CONSTRAINT "dns_zones_serial_positive" CHECK ("serial" BETWEEN 1 AND 4294967295);
ALTER TABLE "dns_zones" ADD CONSTRAINT "dns_zones_name_servers_present" CHECK (cardinality("name_servers") >= 1);

-- Which domains DNS answers for: ONE place for the list of states (the lifecycle issue widens it with grace
-- states). PowerDNS's views and the URL forwarding service both read it.
CREATE VIEW "dns_publishable_domains" AS
  SELECT "id" AS "domain_id", "suffix" FROM "domains" WHERE "status" IN ('REGISTERED');

-- The SOA serial moves in the transaction of every change that can change what a zone answers. It wraps within
-- 32 bits as RFC 1982 allows (a zone would need four billion changes to get there).
CREATE FUNCTION "dns_zone_bump_serial"(zone "DomainSuffix") RETURNS void LANGUAGE sql AS $$
  UPDATE "dns_zones"
     SET "serial" = CASE WHEN "serial" >= 4294967295 THEN 1 ELSE "serial" + 1 END, "updated_at" = now()
   WHERE "suffix" = zone;
$$;

CREATE FUNCTION "dns_records_bump_zone_serial"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "dns_zone_bump_serial"(d."suffix") FROM "domains" d WHERE d."id" = OLD."domainId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "dns_zone_bump_serial"(d."suffix") FROM "domains" d WHERE d."id" = NEW."domainId";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "dns_records_bump_zone_serial" AFTER INSERT OR UPDATE OR DELETE ON "dns_records"
  FOR EACH ROW EXECUTE FUNCTION "dns_records_bump_zone_serial"();

CREATE FUNCTION "domains_bump_zone_serial"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "dns_zone_bump_serial"(OLD."suffix");
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."suffix" IS DISTINCT FROM OLD."suffix" THEN
    PERFORM "dns_zone_bump_serial"(NEW."suffix");
  END IF;
  RETURN NULL;
END;
$$;
-- Only what DNS reads: the status (publishable or not), the name and the suffix.
CREATE TRIGGER "domains_bump_zone_serial" AFTER UPDATE OF "status", "name", "suffix" ON "domains"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."name" IS DISTINCT FROM NEW."name"
        OR OLD."suffix" IS DISTINCT FROM NEW."suffix")
  EXECUTE FUNCTION "domains_bump_zone_serial"();
CREATE TRIGGER "domains_bump_zone_serial_on_delete" AFTER DELETE ON "domains"
  FOR EACH ROW EXECUTE FUNCTION "domains_bump_zone_serial"();
