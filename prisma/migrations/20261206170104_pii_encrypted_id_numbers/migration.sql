-- AlterTable
ALTER TABLE "site_applications" ADD COLUMN     "handlerIdNumberEnc" VARCHAR(255),
ADD COLUMN     "handlerIdNumberMasked" CHAR(18),
ALTER COLUMN "handlerIdNumber" DROP NOT NULL;

-- AlterTable
ALTER TABLE "units" ADD COLUMN     "handlerIdNumberEnc" VARCHAR(255),
ADD COLUMN     "handlerIdNumberMasked" CHAR(18);

-- Field encryption (lib/fieldCipher.ts). The key lives only in the environment, so SQL cannot encrypt: the
-- backfill (npm run pii:encrypt -w server, which the start-up seed also runs) moves each plaintext number into
-- handlerIdNumberEnc + handlerIdNumberMasked and clears it. A row never holds both, and the ciphertext always has
-- its masked form beside it.
ALTER TABLE "units" ADD CONSTRAINT "units_handler_id_plain_or_encrypted" CHECK ("handlerIdNumber" IS NULL OR "handlerIdNumberEnc" IS NULL);
ALTER TABLE "units" ADD CONSTRAINT "units_handler_id_encrypted_with_mask" CHECK (("handlerIdNumberEnc" IS NULL) = ("handlerIdNumberMasked" IS NULL));
ALTER TABLE "units" ADD CONSTRAINT "units_handler_id_masked_format" CHECK ("handlerIdNumberMasked" IS NULL OR "handlerIdNumberMasked" ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9X]$');
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_plain_or_encrypted" CHECK ("handlerIdNumber" IS NULL OR "handlerIdNumberEnc" IS NULL);
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_present" CHECK ("handlerIdNumber" IS NOT NULL OR "handlerIdNumberEnc" IS NOT NULL);
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_encrypted_with_mask" CHECK (("handlerIdNumberEnc" IS NULL) = ("handlerIdNumberMasked" IS NULL));
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_masked_format" CHECK ("handlerIdNumberMasked" IS NULL OR "handlerIdNumberMasked" ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9X]$');
