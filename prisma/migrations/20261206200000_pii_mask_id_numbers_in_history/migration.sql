-- Known data gap of issue 17: rows of the append-only history written before ID numbers were encrypted
-- (20261206170104_pii_encrypted_id_numbers) may hold a plaintext 18-character ID number (身份证号): audit rows'
-- before/after (unit.register, unit.updateContacts, siteApplication.* carried handlerIdNumber), review decisions'
-- snapshot (the site application's fields) and their reasons, and an invoice's note (free text). Everything written
-- since holds the masked form only. This replaces each plaintext number with the masked form the application writes
-- (lib/masking.ts maskIdNumber: 410902********1233) and changes nothing else.
--
-- What counts as an ID number: 18 characters standing alone (no letter or digit right before or after), a plausible
-- birth date (1800-2099) and the right GB 11643 check character, so that amounts, ids, timestamps and credit codes
-- are left alone. Not touched: ledger memos (written by the system, never personal data) and DNS record changes
-- (what a unit published in public DNS).
--
-- The tables refuse UPDATE by trigger. Each trigger is disabled for its one UPDATE and enabled again straight after;
-- the migration runs in one transaction, and ALTER TABLE holds an exclusive lock until it commits, so no other
-- session can change a row while the trigger is off. Re-running this file finds nothing left to mask.

CREATE OR REPLACE FUNCTION "pii_mask_id_numbers"(input text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  weights CONSTANT int[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  check_characters CONSTANT text := '10X98765432';
  result text := input;
  candidate text;
  total int;
BEGIN
  IF input IS NULL THEN
    RETURN NULL;
  END IF;
  FOR candidate IN
    SELECT DISTINCT m[1]
      FROM regexp_matches(
        input,
        '(?<![0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9A-Za-z])',
        'g') AS m
  LOOP
    total := 0;
    FOR i IN 1..17 LOOP
      total := total + substr(candidate, i, 1)::int * weights[i];
    END LOOP;
    IF substr(check_characters, total % 11 + 1, 1) = upper(substr(candidate, 18, 1)) THEN
      -- Only where it stands alone, as matched (the same digits inside a longer run are something else).
      result := regexp_replace(result, '(?<![0-9A-Za-z])' || candidate || '(?![0-9A-Za-z])',
                               substr(candidate, 1, 6) || '********' || substr(candidate, 15, 4), 'g');
    END IF;
  END LOOP;
  RETURN result;
END $$;

-- A cheap filter first: only rows with 18 digits in a row (or 17 and an X) can change.
ALTER TABLE "audit_logs" DISABLE TRIGGER "audit_logs_append_only";
UPDATE "audit_logs"
   SET "before" = "pii_mask_id_numbers"("before"::text)::jsonb,
       "after" = "pii_mask_id_numbers"("after"::text)::jsonb
 WHERE ("before"::text ~ '[0-9]{17}[0-9Xx]' OR "after"::text ~ '[0-9]{17}[0-9Xx]')
   AND ("pii_mask_id_numbers"("before"::text) IS DISTINCT FROM "before"::text
     OR "pii_mask_id_numbers"("after"::text) IS DISTINCT FROM "after"::text);
ALTER TABLE "audit_logs" ENABLE TRIGGER "audit_logs_append_only";

ALTER TABLE "review_decisions" DISABLE TRIGGER "review_decisions_append_only";
UPDATE "review_decisions"
   SET "snapshot" = "pii_mask_id_numbers"("snapshot"::text)::jsonb,
       "reason" = "pii_mask_id_numbers"("reason")
 WHERE ("snapshot"::text ~ '[0-9]{17}[0-9Xx]' OR "reason" ~ '[0-9]{17}[0-9Xx]')
   AND ("pii_mask_id_numbers"("snapshot"::text) IS DISTINCT FROM "snapshot"::text
     OR "pii_mask_id_numbers"("reason") IS DISTINCT FROM "reason");
ALTER TABLE "review_decisions" ENABLE TRIGGER "review_decisions_append_only";

ALTER TABLE "invoices" DISABLE TRIGGER "invoices_append_only";
UPDATE "invoices"
   SET "note" = "pii_mask_id_numbers"("note")
 WHERE "note" ~ '[0-9]{17}[0-9Xx]' AND "pii_mask_id_numbers"("note") IS DISTINCT FROM "note";
ALTER TABLE "invoices" ENABLE TRIGGER "invoices_append_only";

DROP FUNCTION "pii_mask_id_numbers"(text);
