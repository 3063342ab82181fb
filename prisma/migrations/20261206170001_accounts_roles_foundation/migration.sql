-- CreateEnum
CREATE TYPE "OfficeRole" AS ENUM ('ADMIN', 'REVIEWER', 'FINANCE');

-- CreateEnum
CREATE TYPE "UnitUserRole" AS ENUM ('PRIMARY', 'DEPUTY');

-- CreateEnum
CREATE TYPE "SecondFactorMethod" AS ENUM ('SMS', 'TOTP', 'DEVICE');

-- CreateEnum
CREATE TYPE "AccountTokenPurpose" AS ENUM ('ACTIVATION', 'PASSWORD_RESET', 'PASSWORD_CHANGE', 'HANDOVER');

-- AlterEnum
ALTER TYPE "UserStatus" ADD VALUE 'PENDING_ACTIVATION';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VerificationPurpose" ADD VALUE 'ACTIVATION';
ALTER TYPE "VerificationPurpose" ADD VALUE 'PASSWORD_RESET';
ALTER TYPE "VerificationPurpose" ADD VALUE 'LOGIN';
ALTER TYPE "VerificationPurpose" ADD VALUE 'HANDOVER';

-- DropIndex
DROP INDEX "sessions_userId_idx";

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "roles" "OfficeRole"[] DEFAULT ARRAY[]::"OfficeRole"[];

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "endedReason" VARCHAR(32),
ADD COLUMN     "secondFactor" "SecondFactorMethod";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "createdById" INTEGER,
ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledById" INTEGER,
ADD COLUMN     "disabledReason" VARCHAR(200),
ADD COLUMN     "officeRoles" "OfficeRole"[] DEFAULT ARRAY[]::"OfficeRole"[],
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3),
ADD COLUMN     "unitRole" "UnitUserRole",
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "account_tokens" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "purpose" "AccountTokenPurpose" NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_history" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "passwordHash" VARCHAR(255) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_tokens_tokenHash_key" ON "account_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "account_tokens_userId_purpose_createdAt_idx" ON "account_tokens"("userId", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "password_history_userId_createdAt_idx" ON "password_history"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "sessions_userId_revokedAt_idx" ON "sessions"("userId", "revokedAt");

-- AddForeignKey
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (issue 17). Enum values added above are compared as text: PostgreSQL refuses a new enum value
-- inside the transaction that added it.

-- Today's staff keep doing everything they did: every existing office and CONAC account holds all three roles,
-- and every read-write token acts with the two a token may hold (never ADMIN).
UPDATE "users" SET "officeRoles" = ARRAY['ADMIN', 'REVIEWER', 'FINANCE']::"OfficeRole"[] WHERE "officeId" IS NOT NULL;
UPDATE "api_tokens" SET "roles" = ARRAY['REVIEWER', 'FINANCE']::"OfficeRole"[] WHERE "access" = 'READ_WRITE';
UPDATE "users" SET "passwordChangedAt" = "createdAt";
-- The earliest account of each unit is its primary account; any others are deputies.
UPDATE "users" u SET "unitRole" = CASE WHEN u.id = (SELECT min(o.id) FROM "users" o WHERE o."unitId" = u."unitId")
  THEN 'PRIMARY'::"UnitUserRole" ELSE 'DEPUTY'::"UnitUserRole" END
WHERE u."unitId" IS NOT NULL;

ALTER TABLE "users" ALTER COLUMN "officeRoles" SET NOT NULL;
ALTER TABLE "api_tokens" ALTER COLUMN "roles" SET NOT NULL;
ALTER TABLE "users" ADD CONSTRAINT "users_office_roles_only_staff" CHECK (cardinality("officeRoles") = 0 OR "officeId" IS NOT NULL);
ALTER TABLE "users" ADD CONSTRAINT "users_unit_role_only_unit_users" CHECK (("unitId" IS NULL) = ("unitRole" IS NULL));
ALTER TABLE "users" ADD CONSTRAINT "users_password_unless_pending" CHECK ("passwordHash" IS NOT NULL OR "status"::text = 'PENDING_ACTIVATION');
ALTER TABLE "users" ADD CONSTRAINT "users_disabled_reason_length" CHECK ("disabledReason" IS NULL OR char_length("disabledReason") BETWEEN 1 AND 200);
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_no_admin_role" CHECK (NOT ('ADMIN' = ANY("roles")));
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_expiry_after_creation" CHECK ("expiresAt" > "createdAt");
-- A unit has one primary account for its whole life.
CREATE UNIQUE INDEX "users_one_primary_per_unit" ON "users" ("unitId") WHERE "unitRole" = 'PRIMARY';
-- The last-administrator check counts these.
CREATE INDEX "users_office_admins" ON "users" ("officeId") WHERE 'ADMIN' = ANY("officeRoles");
