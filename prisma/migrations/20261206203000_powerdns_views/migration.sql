-- Issue 18, publication through PowerDNS. Hand-written: no Prisma model changes, only what PowerDNS reads (the
-- `pdns` schema) and the serial trigger on domain_names (created by *_domain_names).

-- A name's row changing (a variant made to resolve, a name no longer live) changes what the zone answers.
CREATE FUNCTION "domain_names_bump_zone_serial"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM "dns_zone_bump_serial"(OLD."suffix");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."suffix" IS DISTINCT FROM OLD."suffix") THEN
    PERFORM "dns_zone_bump_serial"(NEW."suffix");
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "domain_names_bump_zone_serial" AFTER INSERT OR UPDATE OR DELETE ON "domain_names"
  FOR EACH ROW EXECUTE FUNCTION "domain_names_bump_zone_serial"();

-- Hand-written (issue 18): what PowerDNS Authoritative (gpgsql backend) reads. It looks for relations named
-- `domains` and `records`; the registry's own `domains` table has that name already, so PowerDNS connects with
-- search_path=pdns and finds these views, which read the registry's tables (no second copy of any record).
CREATE SCHEMA "pdns";

-- The two zones. PowerDNS's zone id is dns_zones.pdns_id.
CREATE VIEW "pdns"."domains" AS
  SELECT z."pdns_id" AS "id", z."name"::varchar(255) AS "name", NULL::varchar(128) AS "master",
         NULL::int AS "last_check", 'NATIVE'::text AS "type", NULL::bigint AS "notified_serial",
         NULL::varchar(40) AS "account", NULL::text AS "options", NULL::text AS "catalog"
    FROM "public"."dns_zones" z;

-- Every name a domain answers to: its primary name and the variants (简繁) its unit chose to resolve, while the
-- domain is publishable (dns_publishable_domains, the one list of states).
CREATE VIEW "pdns"."published_names" AS
  SELECT n."domain_id", z."pdns_id", n."a_label" || '.' || z."name" AS "fqdn"
    FROM "public"."domain_names" n
    JOIN "public"."dns_publishable_domains" p ON p."domain_id" = n."domain_id"
    JOIN "public"."dns_zones" z ON z."suffix" = n."suffix"
   WHERE n."resolves" AND n."live";

-- Apex SOA and NS of each zone, then every record of every published name. A URL转发 is served as its A record
-- (pointing at the forwarding service); the URL_FORWARD row itself is the forwarder's, not DNS's. TXT content is
-- quoted for PowerDNS (validation keeps it within one 255-octet string).
CREATE VIEW "pdns"."records" AS
  SELECT NULL::bigint AS "id", z."pdns_id" AS "domain_id", z."name"::varchar(255) AS "name",
         'SOA'::varchar(10) AS "type",
         concat_ws(' ', z."primary_name_server", z."hostmaster", z."serial", 10800, 3600, 1209600, 300)::text
           AS "content",
         3600 AS "ttl", 0 AS "prio", false AS "disabled", NULL::varchar(255) AS "ordername", true AS "auth"
    FROM "public"."dns_zones" z
  UNION ALL
  SELECT NULL::bigint, z."pdns_id", z."name"::varchar(255), 'NS'::varchar(10), ns::text, 86400, 0, false,
         NULL::varchar(255), true
    FROM "public"."dns_zones" z, unnest(z."name_servers") AS ns
  UNION ALL
  SELECT r."id"::bigint, n."pdns_id",
         (CASE WHEN r."host" = '@' THEN n."fqdn" ELSE r."host" || '.' || n."fqdn" END)::varchar(255),
         r."type"::text::varchar(10),
         CASE r."type"
           WHEN 'TXT' THEN '"' || replace(replace(r."value", '\', '\\'), '"', '\"') || '"'
           WHEN 'CNAME' THEN rtrim(r."value", '.')
           WHEN 'MX' THEN rtrim(r."value", '.')
           ELSE r."value"
         END,
         r."ttl", COALESCE(r."priority", 0), false, NULL::varchar(255), true
    FROM "public"."dns_records" r
    JOIN "pdns"."published_names" n ON n."domain_id" = r."domainId"
   WHERE r."type" <> 'URL_FORWARD';

-- Tables PowerDNS queries besides domains and records; empty (no DNSSEC keys, metadata, TSIG or comments yet).
CREATE TABLE "pdns"."domainmetadata" (
  "id" SERIAL PRIMARY KEY, "domain_id" INT, "kind" VARCHAR(32), "content" TEXT
);
CREATE TABLE "pdns"."cryptokeys" (
  "id" SERIAL PRIMARY KEY, "domain_id" INT, "flags" INT NOT NULL, "active" BOOL, "published" BOOL DEFAULT TRUE,
  "content" TEXT
);
CREATE TABLE "pdns"."comments" (
  "id" SERIAL PRIMARY KEY, "domain_id" INT NOT NULL, "name" VARCHAR(255) NOT NULL, "type" VARCHAR(10) NOT NULL,
  "modified_at" INT NOT NULL, "account" VARCHAR(40), "comment" VARCHAR(65535) NOT NULL
);
CREATE TABLE "pdns"."tsigkeys" (
  "id" SERIAL PRIMARY KEY, "name" VARCHAR(255), "algorithm" VARCHAR(50), "secret" VARCHAR(255)
);
