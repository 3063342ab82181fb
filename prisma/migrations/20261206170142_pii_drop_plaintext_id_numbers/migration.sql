-- The plaintext ID numbers go (design doc accounts.md §1.8, last step). SQL cannot encrypt (the key lives only in the
-- environment), so a row whose number was not yet moved by the backfill would lose it: refuse instead. Demo and
-- test databases are seeded fresh (the seed writes ciphertext only), so they never hold any.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "units" WHERE "handlerIdNumber" IS NOT NULL)
     OR EXISTS (SELECT 1 FROM "site_applications" WHERE "handlerIdNumber" IS NOT NULL) THEN
    RAISE EXCEPTION 'plaintext ID numbers remain: run `npm run pii:encrypt -w server` (it applies the migrations up to 20261206170104_pii_encrypted_id_numbers and encrypts them), then start again';
  END IF;
END $$;

ALTER TABLE "units" DROP CONSTRAINT "units_handler_id_plain_or_encrypted";
ALTER TABLE "units" DROP CONSTRAINT "units_handler_id_format";
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_plain_or_encrypted";
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_present";
ALTER TABLE "site_applications" DROP CONSTRAINT "site_applications_handler_id_format";

-- AlterTable
ALTER TABLE "site_applications" DROP COLUMN "handlerIdNumber";

-- AlterTable
ALTER TABLE "units" DROP COLUMN "handlerIdNumber";

-- Every site application names its handler (the draft check requires the number).
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_present" CHECK ("handlerIdNumberEnc" IS NOT NULL);
