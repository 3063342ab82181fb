-- Hand-written (issue 18): replaces the pdns views of *_powerdns_views (no Prisma model changes).
--  * NODATA: a published name with no records, and the empty non-terminals its hosts imply (a record at a.b makes
--    b.<name> exist), are rows of type NULL, which PowerDNS's gsql backend reads as empty non-terminals: it answers
--    NOERROR with an empty answer instead of NXDOMAIN.
--  * Lookups by name that an index answers: every row carries the parts its name is made of (zone, label, host);
--    PowerDNS's name queries (powerdns.ts) go through pdns.records_named(qname), which splits the asked name into
--    those parts, so PostgreSQL finds the domain through domain_names_live_unique and its records through
--    dns_records_domainId_idx instead of computing every published record's name.
DROP VIEW "pdns"."records";
DROP VIEW "pdns"."published_names";

-- Every name a domain answers to: its primary name and the variants (简繁) its unit chose to resolve, while the
-- domain is publishable (dns_publishable_domains, the one list of states).
CREATE VIEW "pdns"."published_names" AS
  SELECT n."domain_id", z."pdns_id", z."name" AS "zone", n."a_label" AS "label",
         n."a_label" || '.' || z."name" AS "fqdn"
    FROM "public"."domain_names" n
    JOIN "public"."dns_publishable_domains" p ON p."domain_id" = n."domain_id"
    JOIN "public"."dns_zones" z ON z."suffix" = n."suffix"
   WHERE n."resolves" AND n."live";

-- The records DNS serves of a domain: a URL转发 is served as its A record (pointing at the forwarding service);
-- the URL_FORWARD row itself is the forwarder's, not DNS's.
CREATE VIEW "pdns"."served_records" AS
  SELECT r.* FROM "public"."dns_records" r WHERE r."type" <> 'URL_FORWARD';

-- Apex SOA and NS of each zone (label '' and host '@'), every record of every published name, and the names that
-- exist without records of their own (type NULL). TXT content is quoted for PowerDNS (validation keeps it within
-- one 255-octet string). zone, label and host are the lookup keys; PowerDNS reads only its own columns.
CREATE VIEW "pdns"."records" AS
  SELECT NULL::bigint AS "id", z."pdns_id" AS "domain_id", z."name"::varchar(255) AS "name",
         'SOA'::varchar(10) AS "type",
         concat_ws(' ', z."primary_name_server", z."hostmaster", z."serial", 10800, 3600, 1209600, 300)::text
           AS "content",
         3600 AS "ttl", 0 AS "prio", false AS "disabled", NULL::varchar(255) AS "ordername", true AS "auth",
         z."name"::text AS "zone", ''::text AS "label", '@'::text AS "host"
    FROM "public"."dns_zones" z
  UNION ALL
  SELECT NULL::bigint, z."pdns_id", z."name"::varchar(255), 'NS'::varchar(10), ns::text, 86400, 0, false,
         NULL::varchar(255), true, z."name"::text, ''::text, '@'::text
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
         r."ttl", COALESCE(r."priority", 0), false, NULL::varchar(255), true,
         n."zone"::text, n."label"::text, r."host"::text
    FROM "pdns"."served_records" r
    JOIN "pdns"."published_names" n ON n."domain_id" = r."domainId"
  UNION ALL
  -- A published name without records of its own at its apex: it exists (NODATA), it is not NXDOMAIN.
  SELECT NULL::bigint, n."pdns_id", n."fqdn"::varchar(255), NULL::varchar(10), NULL::text, NULL::int, NULL::int,
         false, NULL::varchar(255), true, n."zone"::text, n."label"::text, '@'::text
    FROM "pdns"."published_names" n
   WHERE NOT EXISTS (SELECT 1 FROM "pdns"."served_records" r WHERE r."domainId" = n."domain_id" AND r."host" = '@')
  UNION ALL
  -- Empty non-terminals: each proper ancestor of a multi-label host (a.b.c implies b.c and c) that has no record.
  SELECT NULL::bigint, n."pdns_id", (e."host" || '.' || n."fqdn")::varchar(255), NULL::varchar(10), NULL::text,
         NULL::int, NULL::int, false, NULL::varchar(255), true, n."zone"::text, n."label"::text, e."host"
    FROM "pdns"."published_names" n
    CROSS JOIN LATERAL (
      SELECT DISTINCT array_to_string((string_to_array(r."host", '.'))[i:], '.') AS "host"
        FROM "pdns"."served_records" r, generate_series(2, cardinality(string_to_array(r."host", '.'))) AS i
       WHERE r."domainId" = n."domain_id"
    ) e
   WHERE NOT EXISTS (
     SELECT 1 FROM "pdns"."served_records" r WHERE r."domainId" = n."domain_id" AND r."host" = e."host"
   );

-- The rows at one name, for PowerDNS's lookups by name (gpgsql-*-query in powerdns.ts). `qname` comes lower-case
-- and without the root dot (xn--zfr164b, xn--….xn--zfr164b, www.xn--….xn--zfr164b). Inlined by the planner, so
-- the conditions on zone, label and host reach the indexes.
CREATE FUNCTION "pdns"."records_named"(qname text) RETURNS SETOF "pdns"."records" LANGUAGE sql STABLE AS $$
  SELECT * FROM "pdns"."records" r
   WHERE r."zone" = split_part(qname, '.', -1)
     AND r."label" = CASE WHEN strpos(qname, '.') = 0 THEN '' ELSE split_part(qname, '.', -2) END
     AND r."host" = CASE
           WHEN cardinality(string_to_array(qname, '.')) <= 2 THEN '@'
           ELSE array_to_string((string_to_array(qname, '.'))[1:cardinality(string_to_array(qname, '.')) - 2], '.')
         END
$$;
