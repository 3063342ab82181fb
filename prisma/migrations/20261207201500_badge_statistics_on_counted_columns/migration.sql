-- 区域统计 of badges counts issued, installed and cancelled badges by region and month: what changes those counts is
-- a badge's unit, issuedAt, installedAt, status or cancelledAt. The trigger ran its generic statement (both
-- versions' entries, compared) on every UPDATE of a badge, some 1.6 ms each; 标识安装检测 updates every checked
-- badge's lastCheckedAt and lastCheckFound, hundreds of thousands a day, and the trigger was most of the run's
-- database time. The UPDATE trigger now fires only when a counted column changed; INSERT and DELETE as before.
DROP TRIGGER "region_statistics" ON "badges";
CREATE CONSTRAINT TRIGGER "region_statistics" AFTER INSERT OR DELETE ON "badges"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "region_statistics_track"();
CREATE CONSTRAINT TRIGGER "region_statistics_update" AFTER UPDATE ON "badges"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (current_setting('conac.import_batch', true) IS DISTINCT FROM 'on'
        AND (OLD."unitId", OLD."issuedAt", OLD."installedAt", OLD."status", OLD."cancelledAt")
            IS DISTINCT FROM (NEW."unitId", NEW."issuedAt", NEW."installedAt", NEW."status", NEW."cancelledAt"))
  EXECUTE FUNCTION "region_statistics_track"();
