-- Hand-written (issue 20, import speed). Migration 20261207070000_migration_commit made the per-row bookkeeping
-- triggers return at once inside an import batch (conac.import_batch = 'on'), the batch doing that work set-based.
-- Returning at once still costs a PL/pgSQL call per row, and for the deferred 区域统计 trigger a queued event per
-- row: measured on a national-shape import, some 36 µs a row for region_statistics_track and 30 µs for the zone
-- serial of each new domain name, a third of a domain batch. A trigger's WHEN condition is evaluated without
-- calling its function, and a constraint trigger whose WHEN is false is not even queued (PostgreSQL evaluates the
-- WHEN of a deferred trigger when the row changes, not at commit). The same condition as the functions' own, so
-- nothing changes for any other writer; the functions keep their checks too.

DROP TRIGGER "region_statistics" ON "units";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "units"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();

DROP TRIGGER "region_statistics" ON "domains";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "domains"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();

DROP TRIGGER "region_statistics" ON "site_applications";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "site_applications"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();

DROP TRIGGER "region_statistics" ON "badges";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "badges"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();

DROP TRIGGER "region_statistics" ON "offices";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR UPDATE OR DELETE ON "offices"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();

DROP TRIGGER "domain_names_bump_zone_serial" ON "domain_names";
CREATE TRIGGER "domain_names_bump_zone_serial" AFTER INSERT OR UPDATE OR DELETE ON "domain_names"
  FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "domain_names_bump_zone_serial"();

DROP TRIGGER "dns_records_bump_zone_serial" ON "dns_records";
CREATE TRIGGER "dns_records_bump_zone_serial" AFTER INSERT OR UPDATE OR DELETE ON "dns_records"
  FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "dns_records_bump_zone_serial"();

-- A domain name's 63-octet limit is kept once, where the A-label is stored: every domain has its PRIMARY
-- domain_names row (the trigger domains_sync_names writes it with idna_a_label in the same statement; an import
-- batch writes it itself in the same transaction with the A-label computed in Node, lib/idna.ts domainALabel, tested
-- equal to idna_a_label), and domain_names_a_label_ascii bounds that A-label to 63 octets. Computing the Punycode a
-- second time in this CHECK (PL/pgSQL, some 70 µs a name) was a third of an imported domain's cost. A direct insert
-- of a name whose A-label is too long still fails, in the trigger's insert of its PRIMARY row
-- (tests/api/domain-names.test.ts).
ALTER TABLE "domains" DROP CONSTRAINT "domains_name_format";
ALTER TABLE "domains" ADD CONSTRAINT "domains_name_format" CHECK (
  char_length("name") >= 2 AND position('.' in "name") = 0
) NOT VALID;
