-- CreateEnum
CREATE TYPE "DomainSuffix" AS ENUM ('ZHENGWU', 'GONGYI');

-- CreateEnum
CREATE TYPE "DomainStatus" AS ENUM ('PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'OFFICE_APPROVED', 'CONAC_REJECTED', 'CONAC_APPROVED', 'FEE_COLLECTED', 'REGISTERED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RenewalStatus" AS ENUM ('REQUESTED', 'FEE_COLLECTED', 'CHARGED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DnsRecordType" AS ENUM ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'URL_FORWARD');

-- CreateEnum
CREATE TYPE "ReviewSubject" AS ENUM ('DOMAIN', 'SITE_APPLICATION', 'BADGE_CHANGE');

-- CreateEnum
CREATE TYPE "ReviewLevel" AS ENUM ('OFFICE', 'CONAC', 'PAPER');

-- CreateEnum
CREATE TYPE "ReviewResult" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "InvoiceType" AS ENUM ('GENERAL', 'SPECIAL', 'ELECTRONIC');

-- CreateEnum
CREATE TYPE "InvoiceRequestStatus" AS ENUM ('REQUESTED', 'SHIPPED', 'SIGNED', 'REJECTED');

-- CreateEnum
CREATE TYPE "InvoiceStockReason" AS ENUM ('SIGNED', 'ISSUED', 'VOIDED');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('NORMAL', 'SPLIT', 'RED_LETTER', 'VOID');

-- CreateEnum
CREATE TYPE "CollectionMode" AS ENUM ('COUNTER', 'BANK_TRANSFER', 'COUNTER_OR_TRANSFER');

-- CreateEnum
CREATE TYPE "FeeItemKind" AS ENUM ('REGISTRATION', 'RENEWAL');

-- CreateEnum
CREATE TYPE "RemittanceStatus" AS ENUM ('SUBMITTED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('OFFICE_COLLECTED', 'OFFICE_IN_TRANSIT', 'OFFICE_PREPAID', 'UNIT_PAYMENTS', 'CONAC_REVENUE');

-- CreateEnum
CREATE TYPE "LedgerTransactionKind" AS ENUM ('COLLECTION', 'REMITTANCE', 'REMITTANCE_CONFIRMATION', 'CHARGE', 'REVERSAL');

-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "OfficeLevel" AS ENUM ('CENTRAL', 'PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "SiteApplicationKind" AS ENUM ('NEW_SITE', 'RE_REVIEW');

-- CreateEnum
CREATE TYPE "SiteApplicationStatus" AS ENUM ('DRAFT', 'PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'PENDING_CONAC_REVIEW', 'CONAC_REJECTED', 'AWAITING_PAPER', 'PAPER_REJECTED', 'BADGE_ISSUED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "BadgeStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BadgePlacement" AS ENUM ('MICRO_SITE', 'SELF_BUILT');

-- CreateEnum
CREATE TYPE "BadgeChangeKind" AS ENUM ('CHANGE', 'CANCEL');

-- CreateEnum
CREATE TYPE "BadgeChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "MicroSiteStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('SMS', 'EMAIL', 'IN_APP');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "UnitType" AS ENUM ('PARTY_GOVERNMENT', 'MASS_ORGANIZATION', 'PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION');

-- CreateEnum
CREATE TYPE "SystemCategory" AS ENUM ('PARTY_COMMITTEE', 'PEOPLES_CONGRESS', 'GOVERNMENT', 'CPPCC', 'COURT', 'PROCURATORATE', 'DEMOCRATIC_PARTY', 'MASS_ORGANIZATION', 'PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION', 'OTHER');

-- CreateEnum
CREATE TYPE "UnitStatus" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('UNIT_USER', 'OFFICE_STAFF', 'CONAC_STAFF');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "ApiTokenAccess" AS ENUM ('READ_ONLY', 'READ_WRITE');

-- CreateEnum
CREATE TYPE "VerificationPurpose" AS ENUM ('UNIT_REGISTRATION', 'CONTACT_CHANGE', 'SITE_APPLICATION');

-- CreateTable
CREATE TABLE "domains" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "suffix" "DomainSuffix" NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "DomainStatus" NOT NULL DEFAULT 'PENDING_OFFICE_REVIEW',
    "years" INTEGER NOT NULL,
    "submittedByOfficeId" INTEGER,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_renewals" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "years" INTEGER NOT NULL,
    "status" "RenewalStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previousExpiry" TIMESTAMP(3),
    "newExpiry" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "domain_renewals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dns_records" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "host" VARCHAR(63) NOT NULL,
    "type" "DnsRecordType" NOT NULL,
    "value" VARCHAR(512) NOT NULL,
    "ttl" INTEGER NOT NULL DEFAULT 600,
    "priority" INTEGER,
    "forwardGroup" VARCHAR(36),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dns_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_decisions" (
    "id" SERIAL NOT NULL,
    "subject" "ReviewSubject" NOT NULL,
    "domainId" INTEGER,
    "siteApplicationId" INTEGER,
    "badgeChangeId" INTEGER,
    "level" "ReviewLevel" NOT NULL,
    "officeId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "result" "ReviewResult" NOT NULL,
    "reason" VARCHAR(1000),
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_requests" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "invoiceType" "InvoiceType" NOT NULL,
    "faceValueFen" BIGINT NOT NULL,
    "mailingAddress" VARCHAR(256) NOT NULL,
    "status" "InvoiceRequestStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shippedAt" TIMESTAMP(3),
    "trackingNumber" VARCHAR(64),
    "signedAt" TIMESTAMP(3),
    "signedById" INTEGER,
    "rejectReason" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "invoice_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_stock_movements" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reason" "InvoiceStockReason" NOT NULL,
    "invoiceRequestId" INTEGER,
    "invoiceId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "feeCollectionId" INTEGER,
    "kind" "InvoiceKind" NOT NULL DEFAULT 'NORMAL',
    "count" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "parentId" INTEGER,
    "issuedById" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" VARCHAR(500),

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_settings" (
    "officeId" INTEGER NOT NULL,
    "mode" "CollectionMode" NOT NULL,
    "bankName" VARCHAR(128),
    "accountName" VARCHAR(128),
    "accountNumber" VARCHAR(64),
    "details" VARCHAR(1000),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payment_settings_pkey" PRIMARY KEY ("officeId")
);

-- CreateTable
CREATE TABLE "price_list_entries" (
    "id" SERIAL NOT NULL,
    "suffix" "DomainSuffix" NOT NULL,
    "feePerYearFen" BIGINT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_list_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fee_collections" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "invoiceCount" INTEGER NOT NULL,
    "collectedById" INTEGER NOT NULL,
    "collectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remittanceId" INTEGER,

    CONSTRAINT "fee_collections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fee_collection_items" (
    "id" SERIAL NOT NULL,
    "feeCollectionId" INTEGER NOT NULL,
    "domainId" INTEGER NOT NULL,
    "renewalId" INTEGER,
    "kind" "FeeItemKind" NOT NULL,
    "years" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "chargedAt" TIMESTAMP(3),
    "chargeTransactionId" INTEGER,

    CONSTRAINT "fee_collection_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "remittances" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "weekStart" DATE NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "status" "RemittanceStatus" NOT NULL DEFAULT 'SUBMITTED',
    "bankReference" VARCHAR(64),
    "submittedById" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" INTEGER,
    "confirmedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "remittances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "balanceFen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_transactions" (
    "id" SERIAL NOT NULL,
    "kind" "LedgerTransactionKind" NOT NULL,
    "memo" VARCHAR(256) NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reversesId" INTEGER,

    CONSTRAINT "ledger_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" SERIAL NOT NULL,
    "transactionId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "operation" VARCHAR(64) NOT NULL,
    "requestHash" CHAR(64) NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "regions" (
    "code" CHAR(6) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentCode" CHAR(6),
    "path" VARCHAR(64) NOT NULL,

    CONSTRAINT "regions_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "offices" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "level" "OfficeLevel" NOT NULL,
    "regionCode" CHAR(6) NOT NULL,
    "address" VARCHAR(256),
    "postcode" CHAR(6),
    "phone" VARCHAR(32),
    "invoiceStock" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "offices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_days" (
    "date" DATE NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "note" VARCHAR(64) NOT NULL,

    CONSTRAINT "calendar_days_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "site_applications" (
    "id" SERIAL NOT NULL,
    "serialNumber" VARCHAR(32) NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" "SiteApplicationKind" NOT NULL,
    "status" "SiteApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "unitName" VARCHAR(128) NOT NULL,
    "superiorUnitName" VARCHAR(128),
    "unitFunctions" VARCHAR(2000),
    "systemCategory" "SystemCategory" NOT NULL,
    "address" VARCHAR(256) NOT NULL,
    "postcode" CHAR(6) NOT NULL,
    "siteName" VARCHAR(128) NOT NULL,
    "siteIntro" VARCHAR(500) NOT NULL,
    "chineseDomainId" INTEGER,
    "englishDomain" VARCHAR(253),
    "useMicroSite" BOOLEAN NOT NULL DEFAULT false,
    "ipAddress" VARCHAR(45),
    "principalName" VARCHAR(32) NOT NULL,
    "principalLandline" VARCHAR(32),
    "principalMobile" VARCHAR(11) NOT NULL,
    "principalEmail" VARCHAR(128) NOT NULL,
    "handlerName" VARCHAR(32) NOT NULL,
    "handlerLandline" VARCHAR(32),
    "handlerMobile" VARCHAR(11) NOT NULL,
    "handlerEmail" VARCHAR(128) NOT NULL,
    "handlerIdNumber" CHAR(18) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "site_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_application_domains" (
    "siteApplicationId" INTEGER NOT NULL,
    "domainId" INTEGER NOT NULL,

    CONSTRAINT "site_application_domains_pkey" PRIMARY KEY ("siteApplicationId","domainId")
);

-- CreateTable
CREATE TABLE "paper_submissions" (
    "id" SERIAL NOT NULL,
    "siteApplicationId" INTEGER NOT NULL,
    "copiesRequired" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3),
    "receivedById" INTEGER,
    "letterReceived" BOOLEAN NOT NULL DEFAULT false,
    "formCopiesReceived" INTEGER NOT NULL DEFAULT 0,
    "idCopyReceived" BOOLEAN NOT NULL DEFAULT false,
    "missingNote" VARCHAR(500),
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" INTEGER,

    CONSTRAINT "paper_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "badges" (
    "id" SERIAL NOT NULL,
    "badgeNumber" VARCHAR(32) NOT NULL,
    "siteApplicationId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "BadgeStatus" NOT NULL DEFAULT 'ACTIVE',
    "placement" "BadgePlacement" NOT NULL,
    "siteName" VARCHAR(128) NOT NULL,
    "englishDomain" VARCHAR(253),
    "ipAddress" VARCHAR(45),
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "installDeadline" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "badges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "badge_change_requests" (
    "id" SERIAL NOT NULL,
    "badgeId" INTEGER NOT NULL,
    "kind" "BadgeChangeKind" NOT NULL,
    "status" "BadgeChangeStatus" NOT NULL DEFAULT 'PENDING',
    "newPlacement" "BadgePlacement",
    "newSiteName" VARCHAR(128),
    "newEnglishDomain" VARCHAR(253),
    "newIpAddress" VARCHAR(45),
    "reason" VARCHAR(500),
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "badge_change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "badge_install_checks" (
    "id" SERIAL NOT NULL,
    "badgeId" INTEGER NOT NULL,
    "url" VARCHAR(512) NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "httpStatus" INTEGER,
    "snippetFound" BOOLEAN NOT NULL,
    "detail" VARCHAR(500),

    CONSTRAINT "badge_install_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "micro_sites" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "introduction" VARCHAR(2000) NOT NULL,
    "functions" VARCHAR(2000),
    "contacts" VARCHAR(500),
    "status" "MicroSiteStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "micro_sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "micro_site_news_items" (
    "id" SERIAL NOT NULL,
    "microSiteId" INTEGER NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "body" VARCHAR(10000) NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "micro_site_news_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "userId" INTEGER,
    "address" VARCHAR(128),
    "template" VARCHAR(64) NOT NULL,
    "subject" VARCHAR(256),
    "body" VARCHAR(4000) NOT NULL,
    "payload" JSONB,
    "dedupeKey" VARCHAR(191),
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" VARCHAR(1000),
    "sentAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" SERIAL NOT NULL,
    "actorUserId" INTEGER,
    "actorTokenId" INTEGER,
    "action" VARCHAR(64) NOT NULL,
    "subjectType" VARCHAR(32) NOT NULL,
    "subjectId" VARCHAR(64),
    "regionPath" VARCHAR(64),
    "before" JSONB,
    "after" JSONB,
    "ip" VARCHAR(64),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" SERIAL NOT NULL,
    "job" VARCHAR(64) NOT NULL,
    "periodKey" VARCHAR(32) NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "result" JSONB,
    "error" VARCHAR(2000),

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "units" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "type" "UnitType" NOT NULL,
    "systemCategory" "SystemCategory" NOT NULL,
    "creditCode" CHAR(18) NOT NULL,
    "regionCode" CHAR(6) NOT NULL,
    "superiorUnitName" VARCHAR(128),
    "superiorUnitId" INTEGER,
    "functions" VARCHAR(2000),
    "address" VARCHAR(256) NOT NULL,
    "postcode" CHAR(6) NOT NULL,
    "landline" VARCHAR(32),
    "handlerName" VARCHAR(32) NOT NULL,
    "handlerMobile" VARCHAR(11) NOT NULL,
    "handlerEmail" VARCHAR(128) NOT NULL,
    "handlerIdNumber" CHAR(18),
    "status" "UnitStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "displayName" VARCHAR(64) NOT NULL,
    "passwordHash" VARCHAR(255) NOT NULL,
    "role" "UserRole" NOT NULL,
    "unitId" INTEGER,
    "officeId" INTEGER,
    "mobile" VARCHAR(11),
    "email" VARCHAR(128),
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" SERIAL NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "ip" VARCHAR(64),
    "userAgent" VARCHAR(256),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64),
    "succeeded" BOOLEAN NOT NULL,
    "failureCode" VARCHAR(32),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "access" "ApiTokenAccess" NOT NULL,
    "officeId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_codes" (
    "id" SERIAL NOT NULL,
    "mobile" VARCHAR(11) NOT NULL,
    "purpose" "VerificationPurpose" NOT NULL,
    "codeHash" CHAR(64) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domains_unitId_idx" ON "domains"("unitId");

-- CreateIndex
CREATE INDEX "domains_status_idx" ON "domains"("status");

-- CreateIndex
CREATE INDEX "domains_expiresAt_idx" ON "domains"("expiresAt");

-- CreateIndex
CREATE INDEX "domain_renewals_domainId_idx" ON "domain_renewals"("domainId");

-- CreateIndex
CREATE INDEX "domain_renewals_status_idx" ON "domain_renewals"("status");

-- CreateIndex
CREATE INDEX "dns_records_domainId_idx" ON "dns_records"("domainId");

-- CreateIndex
CREATE INDEX "review_decisions_domainId_idx" ON "review_decisions"("domainId");

-- CreateIndex
CREATE INDEX "review_decisions_siteApplicationId_idx" ON "review_decisions"("siteApplicationId");

-- CreateIndex
CREATE INDEX "review_decisions_badgeChangeId_idx" ON "review_decisions"("badgeChangeId");

-- CreateIndex
CREATE INDEX "review_decisions_officeId_decidedAt_idx" ON "review_decisions"("officeId", "decidedAt");

-- CreateIndex
CREATE INDEX "invoice_requests_officeId_requestedAt_idx" ON "invoice_requests"("officeId", "requestedAt");

-- CreateIndex
CREATE INDEX "invoice_stock_movements_officeId_createdAt_idx" ON "invoice_stock_movements"("officeId", "createdAt");

-- CreateIndex
CREATE INDEX "invoices_officeId_issuedAt_idx" ON "invoices"("officeId", "issuedAt");

-- CreateIndex
CREATE INDEX "invoices_unitId_idx" ON "invoices"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "price_list_entries_suffix_effectiveFrom_key" ON "price_list_entries"("suffix", "effectiveFrom");

-- CreateIndex
CREATE INDEX "fee_collections_officeId_collectedAt_idx" ON "fee_collections"("officeId", "collectedAt");

-- CreateIndex
CREATE INDEX "fee_collections_unitId_idx" ON "fee_collections"("unitId");

-- CreateIndex
CREATE INDEX "fee_collections_remittanceId_idx" ON "fee_collections"("remittanceId");

-- CreateIndex
CREATE UNIQUE INDEX "fee_collection_items_renewalId_key" ON "fee_collection_items"("renewalId");

-- CreateIndex
CREATE UNIQUE INDEX "fee_collection_items_chargeTransactionId_key" ON "fee_collection_items"("chargeTransactionId");

-- CreateIndex
CREATE INDEX "fee_collection_items_feeCollectionId_idx" ON "fee_collection_items"("feeCollectionId");

-- CreateIndex
CREATE INDEX "fee_collection_items_domainId_idx" ON "fee_collection_items"("domainId");

-- CreateIndex
CREATE UNIQUE INDEX "remittances_officeId_weekStart_key" ON "remittances"("officeId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_officeId_kind_key" ON "accounts"("officeId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transactions_reversesId_key" ON "ledger_transactions"("reversesId");

-- CreateIndex
CREATE INDEX "ledger_entries_accountId_id_idx" ON "ledger_entries"("accountId", "id");

-- CreateIndex
CREATE INDEX "ledger_entries_transactionId_idx" ON "ledger_entries"("transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_userId_key_key" ON "idempotency_records"("userId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "regions_path_key" ON "regions"("path");

-- CreateIndex
CREATE INDEX "regions_parentCode_idx" ON "regions"("parentCode");

-- CreateIndex
CREATE UNIQUE INDEX "offices_name_key" ON "offices"("name");

-- CreateIndex
CREATE UNIQUE INDEX "offices_regionCode_key" ON "offices"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "site_applications_serialNumber_key" ON "site_applications"("serialNumber");

-- CreateIndex
CREATE INDEX "site_applications_unitId_idx" ON "site_applications"("unitId");

-- CreateIndex
CREATE INDEX "site_applications_status_idx" ON "site_applications"("status");

-- CreateIndex
CREATE UNIQUE INDEX "paper_submissions_siteApplicationId_key" ON "paper_submissions"("siteApplicationId");

-- CreateIndex
CREATE UNIQUE INDEX "badges_badgeNumber_key" ON "badges"("badgeNumber");

-- CreateIndex
CREATE UNIQUE INDEX "badges_siteApplicationId_key" ON "badges"("siteApplicationId");

-- CreateIndex
CREATE INDEX "badges_unitId_idx" ON "badges"("unitId");

-- CreateIndex
CREATE INDEX "badges_status_idx" ON "badges"("status");

-- CreateIndex
CREATE INDEX "badge_change_requests_badgeId_idx" ON "badge_change_requests"("badgeId");

-- CreateIndex
CREATE INDEX "badge_install_checks_badgeId_checkedAt_idx" ON "badge_install_checks"("badgeId", "checkedAt");

-- CreateIndex
CREATE UNIQUE INDEX "micro_sites_unitId_key" ON "micro_sites"("unitId");

-- CreateIndex
CREATE INDEX "micro_site_news_items_microSiteId_publishedAt_idx" ON "micro_site_news_items"("microSiteId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupeKey_key" ON "notifications"("dedupeKey");

-- CreateIndex
CREATE INDEX "notifications_status_nextAttemptAt_idx" ON "notifications"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "notifications_userId_createdAt_idx" ON "notifications"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_logs_subjectType_subjectId_idx" ON "audit_logs"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "audit_logs_regionPath_at_idx" ON "audit_logs"("regionPath", "at");

-- CreateIndex
CREATE INDEX "audit_logs_actorUserId_at_idx" ON "audit_logs"("actorUserId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_periodKey_key" ON "job_runs"("job", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "units_name_key" ON "units"("name");

-- CreateIndex
CREATE UNIQUE INDEX "units_creditCode_key" ON "units"("creditCode");

-- CreateIndex
CREATE INDEX "units_regionCode_idx" ON "units"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_unitId_idx" ON "users"("unitId");

-- CreateIndex
CREATE INDEX "users_officeId_idx" ON "users"("officeId");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_tokenHash_key" ON "sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "sessions_userId_idx" ON "sessions"("userId");

-- CreateIndex
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts"("username", "at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "api_tokens_officeId_idx" ON "api_tokens"("officeId");

-- CreateIndex
CREATE INDEX "verification_codes_mobile_purpose_createdAt_idx" ON "verification_codes"("mobile", "purpose", "createdAt");

-- AddForeignKey
ALTER TABLE "domains" ADD CONSTRAINT "domains_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domains" ADD CONSTRAINT "domains_submittedByOfficeId_fkey" FOREIGN KEY ("submittedByOfficeId") REFERENCES "offices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_renewals" ADD CONSTRAINT "domain_renewals_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dns_records" ADD CONSTRAINT "dns_records_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_siteApplicationId_fkey" FOREIGN KEY ("siteApplicationId") REFERENCES "site_applications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_badgeChangeId_fkey" FOREIGN KEY ("badgeChangeId") REFERENCES "badge_change_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_stock_movements" ADD CONSTRAINT "invoice_stock_movements_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_stock_movements" ADD CONSTRAINT "invoice_stock_movements_invoiceRequestId_fkey" FOREIGN KEY ("invoiceRequestId") REFERENCES "invoice_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_stock_movements" ADD CONSTRAINT "invoice_stock_movements_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_feeCollectionId_fkey" FOREIGN KEY ("feeCollectionId") REFERENCES "fee_collections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collections" ADD CONSTRAINT "fee_collections_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collections" ADD CONSTRAINT "fee_collections_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collections" ADD CONSTRAINT "fee_collections_remittanceId_fkey" FOREIGN KEY ("remittanceId") REFERENCES "remittances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_feeCollectionId_fkey" FOREIGN KEY ("feeCollectionId") REFERENCES "fee_collections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_renewalId_fkey" FOREIGN KEY ("renewalId") REFERENCES "domain_renewals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_chargeTransactionId_fkey" FOREIGN KEY ("chargeTransactionId") REFERENCES "ledger_transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "ledger_transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "ledger_transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regions" ADD CONSTRAINT "regions_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "regions"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offices" ADD CONSTRAINT "offices_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_chineseDomainId_fkey" FOREIGN KEY ("chineseDomainId") REFERENCES "domains"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_application_domains" ADD CONSTRAINT "site_application_domains_siteApplicationId_fkey" FOREIGN KEY ("siteApplicationId") REFERENCES "site_applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_application_domains" ADD CONSTRAINT "site_application_domains_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_submissions" ADD CONSTRAINT "paper_submissions_siteApplicationId_fkey" FOREIGN KEY ("siteApplicationId") REFERENCES "site_applications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "badges" ADD CONSTRAINT "badges_siteApplicationId_fkey" FOREIGN KEY ("siteApplicationId") REFERENCES "site_applications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "badges" ADD CONSTRAINT "badges_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "badge_change_requests" ADD CONSTRAINT "badge_change_requests_badgeId_fkey" FOREIGN KEY ("badgeId") REFERENCES "badges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "badge_install_checks" ADD CONSTRAINT "badge_install_checks_badgeId_fkey" FOREIGN KEY ("badgeId") REFERENCES "badges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "micro_sites" ADD CONSTRAINT "micro_sites_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "micro_site_news_items" ADD CONSTRAINT "micro_site_news_items_microSiteId_fkey" FOREIGN KEY ("microSiteId") REFERENCES "micro_sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_superiorUnitId_fkey" FOREIGN KEY ("superiorUnitId") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Rules the database enforces itself (Prisma's schema language has no CHECK constraints or triggers; these are
-- written by hand and Prisma leaves them alone when it diffs later migrations).
-- ---------------------------------------------------------------------------------------------------------------

-- Regions and offices
ALTER TABLE "regions" ADD CONSTRAINT "regions_code_format" CHECK ("code" ~ '^[0-9]{6}$');
ALTER TABLE "regions" ADD CONSTRAINT "regions_root_has_no_parent" CHECK (("level" = 'NATIONAL') = ("parentCode" IS NULL));
ALTER TABLE "offices" ADD CONSTRAINT "offices_invoice_stock_not_negative" CHECK ("invoiceStock" >= 0);
ALTER TABLE "offices" ADD CONSTRAINT "offices_postcode_format" CHECK ("postcode" IS NULL OR "postcode" ~ '^[0-9]{6}$');

-- Units and users
ALTER TABLE "units" ADD CONSTRAINT "units_credit_code_format" CHECK ("creditCode" ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$');
ALTER TABLE "units" ADD CONSTRAINT "units_postcode_format" CHECK ("postcode" ~ '^[0-9]{6}$');
ALTER TABLE "units" ADD CONSTRAINT "units_handler_mobile_format" CHECK ("handlerMobile" ~ '^1[3-9][0-9]{9}$');
ALTER TABLE "units" ADD CONSTRAINT "units_handler_id_format" CHECK ("handlerIdNumber" IS NULL OR "handlerIdNumber" ~ '^[0-9]{17}[0-9X]$');
ALTER TABLE "units" ADD CONSTRAINT "units_name_not_blank" CHECK (char_length(btrim("name")) >= 2);
ALTER TABLE "users" ADD CONSTRAINT "users_username_lower_case" CHECK ("username" = lower("username") AND char_length("username") >= 3);
ALTER TABLE "users" ADD CONSTRAINT "users_belongs_to_unit_or_office" CHECK (
  ("role" = 'UNIT_USER' AND "unitId" IS NOT NULL AND "officeId" IS NULL)
  OR ("role" IN ('OFFICE_STAFF', 'CONAC_STAFF') AND "officeId" IS NOT NULL AND "unitId" IS NULL));
ALTER TABLE "users" ADD CONSTRAINT "users_failed_logins_not_negative" CHECK ("failedLogins" >= 0);
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_expire_after_creation" CHECK ("expiresAt" > "createdAt");
ALTER TABLE "verification_codes" ADD CONSTRAINT "verification_codes_attempts_not_negative" CHECK ("attempts" >= 0);

-- Domains
ALTER TABLE "domains" ADD CONSTRAINT "domains_years_range" CHECK ("years" BETWEEN 1 AND 10);
ALTER TABLE "domains" ADD CONSTRAINT "domains_name_format" CHECK (char_length("name") BETWEEN 2 AND 40 AND position('.' in "name") = 0);
ALTER TABLE "domains" ADD CONSTRAINT "domains_registered_has_dates" CHECK (
  "status" NOT IN ('REGISTERED', 'EXPIRED') OR ("registeredAt" IS NOT NULL AND "expiresAt" IS NOT NULL));
ALTER TABLE "domains" ADD CONSTRAINT "domains_expiry_after_registration" CHECK ("expiresAt" IS NULL OR "expiresAt" > "registeredAt");
-- A name is held by one live application or registration at a time; rejected and cancelled ones stay for history.
CREATE UNIQUE INDEX "domains_live_name_unique" ON "domains" ("name", "suffix")
  WHERE "status" NOT IN ('OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED');
ALTER TABLE "domain_renewals" ADD CONSTRAINT "domain_renewals_years_range" CHECK ("years" BETWEEN 1 AND 10);
-- One open renewal per domain at a time.
CREATE UNIQUE INDEX "domain_renewals_one_open_per_domain" ON "domain_renewals" ("domainId")
  WHERE "status" IN ('REQUESTED', 'FEE_COLLECTED');
ALTER TABLE "dns_records" ADD CONSTRAINT "dns_records_ttl_range" CHECK ("ttl" BETWEEN 60 AND 86400);
ALTER TABLE "dns_records" ADD CONSTRAINT "dns_records_priority_range" CHECK ("priority" IS NULL OR "priority" BETWEEN 0 AND 65535);

-- Reviews: a rejection carries a reason, and a decision is about exactly one subject.
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_rejection_has_reason" CHECK (
  "result" = 'APPROVED' OR ("reason" IS NOT NULL AND char_length(btrim("reason")) > 0));
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_one_subject" CHECK (
  ("subject" = 'DOMAIN' AND "domainId" IS NOT NULL AND "siteApplicationId" IS NULL AND "badgeChangeId" IS NULL)
  OR ("subject" = 'SITE_APPLICATION' AND "siteApplicationId" IS NOT NULL AND "domainId" IS NULL AND "badgeChangeId" IS NULL)
  OR ("subject" = 'BADGE_CHANGE' AND "badgeChangeId" IS NOT NULL AND "domainId" IS NULL AND "siteApplicationId" IS NULL));

-- Site applications, badges
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_intro_length" CHECK (char_length("siteIntro") <= 500);
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_english_domain_suffix" CHECK ("englishDomain" IS NULL OR "englishDomain" ~ '\.gov\.cn$');
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_site_or_micro_site" CHECK (
  "status" = 'DRAFT' OR ("useMicroSite" AND "englishDomain" IS NULL) OR (NOT "useMicroSite" AND "englishDomain" IS NOT NULL));
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_handler_id_format" CHECK ("handlerIdNumber" ~ '^[0-9]{17}[0-9X]$');
ALTER TABLE "site_applications" ADD CONSTRAINT "site_applications_mobile_format" CHECK (
  "handlerMobile" ~ '^1[3-9][0-9]{9}$' AND "principalMobile" ~ '^1[3-9][0-9]{9}$');
ALTER TABLE "paper_submissions" ADD CONSTRAINT "paper_submissions_copies" CHECK ("copiesRequired" BETWEEN 1 AND 10 AND "formCopiesReceived" >= 0);
ALTER TABLE "badges" ADD CONSTRAINT "badges_deadline_after_issue" CHECK ("installDeadline" >= "issuedAt");
ALTER TABLE "badges" ADD CONSTRAINT "badges_cancelled_has_date" CHECK (("status" = 'CANCELLED') = ("cancelledAt" IS NOT NULL));
ALTER TABLE "badges" ADD CONSTRAINT "badges_self_built_has_domain" CHECK ("placement" = 'MICRO_SITE' OR "englishDomain" IS NOT NULL);
-- One live badge per application is guaranteed by the unique siteApplicationId; one pending change per badge:
CREATE UNIQUE INDEX "badge_change_requests_one_pending" ON "badge_change_requests" ("badgeId") WHERE "status" = 'PENDING';

-- Money: positive amounts, integer fen, balances that never go negative.
ALTER TABLE "price_list_entries" ADD CONSTRAINT "price_list_entries_fee_positive" CHECK ("feePerYearFen" > 0);
ALTER TABLE "fee_collections" ADD CONSTRAINT "fee_collections_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "fee_collections" ADD CONSTRAINT "fee_collections_invoice_count" CHECK ("invoiceCount" BETWEEN 0 AND 1000);
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_years_range" CHECK ("years" BETWEEN 1 AND 10);
ALTER TABLE "fee_collection_items" ADD CONSTRAINT "fee_collection_items_renewal_link" CHECK (("kind" = 'RENEWAL') = ("renewalId" IS NOT NULL));
-- A domain's registration is paid once.
CREATE UNIQUE INDEX "fee_collection_items_one_registration" ON "fee_collection_items" ("domainId") WHERE "kind" = 'REGISTRATION';
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_week_starts_monday" CHECK (extract(isodow FROM "weekStart") = 1);
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_confirmed_has_date" CHECK (("status" = 'CONFIRMED') = ("confirmedAt" IS NOT NULL));
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_balance_sign" CHECK (
  CASE "kind"
    WHEN 'UNIT_PAYMENTS' THEN "balanceFen" <= 0   -- the counterpart of money that came from outside
    ELSE "balanceFen" >= 0
  END);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_not_zero" CHECK ("amountFen" <> 0);

-- Invoices
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_count_positive" CHECK ("count" > 0);
ALTER TABLE "invoice_requests" ADD CONSTRAINT "invoice_requests_face_value_cap" CHECK ("faceValueFen" > 0 AND "faceValueFen" <= 3000000);
ALTER TABLE "invoice_stock_movements" ADD CONSTRAINT "invoice_stock_movements_quantity_not_zero" CHECK ("quantity" <> 0);
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_count_positive" CHECK ("count" > 0);
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amount_sign" CHECK (
  CASE "kind" WHEN 'RED_LETTER' THEN "amountFen" < 0 WHEN 'VOID' THEN "amountFen" <= 0 ELSE "amountFen" >= 0 END);
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_correction_has_parent" CHECK ("kind" = 'NORMAL' OR "parentId" IS NOT NULL);

-- Notifications
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_has_recipient" CHECK (
  ("channel" = 'IN_APP' AND "userId" IS NOT NULL) OR ("channel" IN ('SMS', 'EMAIL') AND "address" IS NOT NULL));
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_attempts_not_negative" CHECK ("attempts" >= 0);

-- Ledger: every entry moves its account's balance (so a balance is always the sum of its entries), and the
-- entries of one posting sum to zero. A posting's entries are inserted in one statement, and the check runs at the
-- end of that statement (not deferred to COMMIT, where driver adapters report failures poorly).
CREATE FUNCTION "ledger_apply_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "accounts" SET "balanceFen" = "balanceFen" + NEW."amountFen" WHERE "id" = NEW."accountId";
  RETURN NEW;
END $$;
CREATE TRIGGER "ledger_entries_apply" AFTER INSERT ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION "ledger_apply_entry"();

CREATE FUNCTION "ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unbalanced RECORD;
BEGIN
  SELECT e."transactionId" AS id, SUM(e."amountFen") AS total INTO unbalanced
    FROM "ledger_entries" e
   WHERE e."transactionId" IN (SELECT DISTINCT "transactionId" FROM new_entries)
   GROUP BY e."transactionId"
  HAVING SUM(e."amountFen") <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance (sum %)', unbalanced.id, unbalanced.total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries"
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION "ledger_check_balanced"();

-- Invoice stock follows its movements the same way.
CREATE FUNCTION "invoice_stock_apply_movement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "offices" SET "invoiceStock" = "invoiceStock" + NEW."quantity" WHERE "id" = NEW."officeId";
  RETURN NEW;
END $$;
CREATE TRIGGER "invoice_stock_movements_apply" AFTER INSERT ON "invoice_stock_movements" FOR EACH ROW EXECUTE FUNCTION "invoice_stock_apply_movement"();

-- Append-only tables: history is corrected with new rows, never rewritten.
CREATE FUNCTION "refuse_change_of_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
CREATE TRIGGER "ledger_transactions_append_only" BEFORE UPDATE OR DELETE ON "ledger_transactions" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
CREATE TRIGGER "invoice_stock_movements_append_only" BEFORE UPDATE OR DELETE ON "invoice_stock_movements" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
CREATE TRIGGER "review_decisions_append_only" BEFORE UPDATE OR DELETE ON "review_decisions" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
CREATE TRIGGER "audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_history"();
