-- Invoice rules (issue 5). No Prisma schema change: hand-written constraints only.

-- An invoice is corrected (作废 or 红字) at most once.
CREATE UNIQUE INDEX "invoices_one_correction_per_parent" ON "invoices"("parentId") WHERE "kind" IN ('VOID', 'RED_LETTER');

-- Invoices are history: corrections and splits are new rows, never edits.
CREATE TRIGGER "invoices_append_only" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();

-- Lineage rules, checked at the end of each INSERT statement (the parts of a split are inserted in ONE statement):
-- * the SPLIT children of a parent sum exactly to its count and amount (conservation), which also means a parent is
--   split once; the parent is a NORMAL invoice of the same office that has not been corrected;
-- * a VOID or RED_LETTER row negates its parent's amount; only NORMAL or SPLIT rows are corrected, by their office.
CREATE FUNCTION "invoices_check_lineage"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad RECORD;
BEGIN
  SELECT p."id" INTO bad
    FROM "invoices" p
   WHERE p."id" IN (SELECT DISTINCT n."parentId" FROM new_invoices n WHERE n."kind" = 'SPLIT')
     AND (p."kind" <> 'NORMAL'
          OR EXISTS (SELECT 1 FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" = 'SPLIT' AND c."officeId" <> p."officeId")
          OR EXISTS (SELECT 1 FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" IN ('VOID', 'RED_LETTER'))
          OR (SELECT COUNT(*) FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" = 'SPLIT') < 2
          OR (SELECT SUM(c."count") FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" = 'SPLIT') <> p."count"
          OR (SELECT SUM(c."amountFen") FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" = 'SPLIT') <> p."amountFen")
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'invoices_split_conservation: the split of invoice % does not conserve its count and amount', bad.id USING ERRCODE = '23514';
  END IF;
  SELECT n."id" INTO bad
    FROM new_invoices n JOIN "invoices" p ON p."id" = n."parentId"
   WHERE n."kind" IN ('VOID', 'RED_LETTER')
     AND (p."kind" NOT IN ('NORMAL', 'SPLIT') OR n."amountFen" <> -p."amountFen" OR n."officeId" <> p."officeId"
          OR EXISTS (SELECT 1 FROM "invoices" c WHERE c."parentId" = p."id" AND c."kind" = 'SPLIT'))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'invoices_correction_rule: correction % does not match its parent', bad.id USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "invoices_lineage" AFTER INSERT ON "invoices"
  REFERENCING NEW TABLE AS new_invoices FOR EACH STATEMENT EXECUTE FUNCTION "invoices_check_lineage"();
