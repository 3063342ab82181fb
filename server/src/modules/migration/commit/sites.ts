// 网站标识 and 网站开办申请 (in progress).
//
// Badges: every badge belongs to a site application (badges.siteApplicationId, unique and required). The writer
// makes one per imported badge standing for the application the old system approved: serial number QY-<badge
// number>, the unit's facts, the Chinese domain bound, status BADGE_ISSUED (BADGE_CANCELLED for a cancelled badge),
// submitted on the issue date, principal and handler = the unit's handler, no handler ID number (the badge file has
// none; migration 20261207070000 allows that for imported applications only). A re-import updates the badge's
// facts and mirrors them on that application.
// The install deadline is set once, on insert: five working days after the later of the issue day and the import
// day. From the issue date alone every old self-built badge would be overdue at once, and the overnight job
// (jobs/installNotices.ts) would message every imported unit before the install checks had looked at their sites.
// The Chinese domain is not re-pointed (pointChineseDomain) as issuing does: DNS comes from the 解析记录 file.
//
// Applications in progress: the given status and submission date, the unit's facts, the handler's ID number sealed,
// bound domains as a submission binds them (every domain the unit has registered). A re-import updates one only
// while nobody in this system has decided on it (no review decision).
import { openIdNumber, sealOptionalIdNumber } from '../../../lib/idNumberColumns.ts'
import { addWorkingDays } from '../../../lib/workdays.ts'
import type { BadgeRecord, SiteApplicationRecord } from '../templates.ts'
import { LIVE_DOMAIN_SQL } from './domains.ts'
import {
  type BatchWriter,
  countsOf,
  lastOfEachKey,
  queryRecords,
  refuseUnresolved,
  sqlTime,
  type Tx,
  countStatistics,
  uncountedCte,
} from './batch.ts'

/** Working days a badge has to be installed (as issue-badge.ts gives). */
const INSTALL_DEADLINE_DAYS = 5

/** The serial number of the application made for an imported badge. */
export const badgeApplicationSerial = (badgeNumber: string) => `QY-${badgeNumber}`

/** Rows whose unit or Chinese domain (of that unit) does not resolve. */
async function unresolvedSiteRows(
  tx: Tx,
  records: { row: number; unitCreditCode: string; domainName: string; domainSuffix: string }[],
) {
  return queryRecords<{ row: number; detail: string }>(
    tx,
    `SELECT r."row",
            CASE WHEN u."id" IS NULL THEN '单位 ' || r."unitCreditCode" || ' 不存在'
                 ELSE '域名 ' || r."domainName" || ' 不属于该单位' END AS "detail"
       FROM json_to_recordset($1::json)
            AS r("row" int, "unitCreditCode" char(18), "domainName" text, "domainSuffix" "DomainSuffix")
       LEFT JOIN "units" u ON u."creditCode" = r."unitCreditCode"
       LEFT JOIN "domains" d ON d."name" = r."domainName" AND d."suffix" = r."domainSuffix"
                            AND d."status" ${LIVE_DOMAIN_SQL} AND d."unitId" = u."id"
      WHERE u."id" IS NULL OR d."id" IS NULL`,
    records,
  )
}

export const writeBadges: BatchWriter<BadgeRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.badgeNumber)
  refuseUnresolved('网站标识无法导入', await unresolvedSiteRows(tx, records))
  const importDeadline = addWorkingDays(context.now, INSTALL_DEADLINE_DAYS)
  const rows = records.map((r) => {
    const fromIssue = addWorkingDays(r.issuedAt, INSTALL_DEADLINE_DAYS)
    return {
      ...r,
      serialNumber: badgeApplicationSerial(r.badgeNumber),
      installDeadline: fromIssue > importDeadline ? fromIssue : importDeadline,
    }
  })
  const now = sqlTime(context.now)
  const src = `src AS (
       SELECT r.*, u."id" AS "unitId", d."id" AS "domainId"
         FROM json_to_recordset($1::json) AS r(
                "badgeNumber" text, "serialNumber" text, "unitCreditCode" char(18), "siteName" text,
                "placement" "BadgePlacement", "domainName" text, "domainSuffix" "DomainSuffix", "englishDomain" text,
                "ipAddress" text, "issuedAt" timestamp(3), "status" "BadgeStatus", "cancelledAt" timestamp(3),
                "installDeadline" timestamp(3))
         JOIN "units" u ON u."creditCode" = r."unitCreditCode"
         JOIN "domains" d ON d."name" = r."domainName" AND d."suffix" = r."domainSuffix"
                         AND d."status" ${LIVE_DOMAIN_SQL} AND d."unitId" = u."id"
     )`
  // Two statements, so the badges find their new applications by index (a CTE joined to another CTE is a nested
  // loop over both: the planner cannot estimate a CTE's size).
  const [made] = await queryRecords<{ applications: number[] | null }>(
    tx,
    `WITH ${src}, applications AS (
       INSERT INTO "site_applications" (
              "serialNumber", "unitId", "kind", "status", "importedAt", "unitName", "superiorUnitName",
              "unitFunctions", "systemCategory", "address", "postcode", "siteName", "siteIntro", "chineseDomainId",
              "englishDomain", "useMicroSite", "ipAddress", "principalName", "principalMobile", "principalEmail",
              "handlerName", "handlerMobile", "handlerEmail", "submittedAt", "createdAt", "updatedAt")
       SELECT f."serialNumber", u."id", 'NEW_SITE',
              (CASE WHEN f."status" = 'CANCELLED' THEN 'BADGE_CANCELLED' ELSE 'BADGE_ISSUED' END)::"SiteApplicationStatus",
              $2::timestamp(3), u."name", u."superiorUnitName", u."functions", u."systemCategory", u."address",
              u."postcode", f."siteName", '', f."domainId",
              CASE WHEN f."placement" = 'MICRO_SITE' THEN NULL ELSE f."englishDomain" END,
              f."placement" = 'MICRO_SITE', f."ipAddress", u."handlerName", u."handlerMobile", u."handlerEmail",
              u."handlerName", u."handlerMobile", u."handlerEmail", f."issuedAt", f."issuedAt", $2::timestamp(3)
         FROM src f JOIN "units" u ON u."id" = f."unitId"
        WHERE NOT EXISTS (SELECT 1 FROM "badges" b WHERE b."badgeNumber" = f."badgeNumber")
       RETURNING "id", "chineseDomainId"
     ), bound AS (
       INSERT INTO "site_application_domains" ("siteApplicationId", "domainId")
       SELECT a."id", a."chineseDomainId" FROM applications a
     )
     SELECT array_agg("id") AS "applications" FROM applications`,
    rows,
    now,
  )
  const [result] = await queryRecords<{
    inserted: bigint
    updated: bigint
    badges: number[] | null
    mirrored: number[] | null
  }>(
    tx,
    `WITH ${src}, written AS (
       INSERT INTO "badges" ("badgeNumber", "siteApplicationId", "unitId", "status", "placement", "siteName",
                             "englishDomain", "ipAddress", "issuedAt", "installDeadline", "cancelledAt", "importedAt")
       -- A new badge gets the application just made for it; an existing one keeps its own (the row must be
       -- complete before ON CONFLICT looks).
       SELECT s."badgeNumber",
              COALESCE((SELECT b."siteApplicationId" FROM "badges" b WHERE b."badgeNumber" = s."badgeNumber"), sa."id"),
              s."unitId", s."status", s."placement", s."siteName", s."englishDomain",
              s."ipAddress", s."issuedAt", s."installDeadline", s."cancelledAt", $2::timestamp(3)
         FROM src s LEFT JOIN "site_applications" sa ON sa."serialNumber" = s."serialNumber"
       ON CONFLICT ("badgeNumber") DO UPDATE
          SET "status" = EXCLUDED."status", "placement" = EXCLUDED."placement", "siteName" = EXCLUDED."siteName",
              "englishDomain" = EXCLUDED."englishDomain", "ipAddress" = EXCLUDED."ipAddress",
              "issuedAt" = EXCLUDED."issuedAt", "cancelledAt" = EXCLUDED."cancelledAt",
              "version" = "badges"."version" + 1
        WHERE "badges"."unitId" = EXCLUDED."unitId"
          AND ("badges"."status", "badges"."placement", "badges"."siteName", "badges"."englishDomain",
               "badges"."ipAddress", "badges"."issuedAt", "badges"."cancelledAt")
              IS DISTINCT FROM (EXCLUDED."status", EXCLUDED."placement", EXCLUDED."siteName",
                                EXCLUDED."englishDomain", EXCLUDED."ipAddress", EXCLUDED."issuedAt",
                                EXCLUDED."cancelledAt")
       RETURNING "id", "badgeNumber", "siteApplicationId", "status", "placement", "siteName", "englishDomain",
                 "ipAddress", "issuedAt", (xmax = 0) AS "inserted"
     ), mirrored AS (
       -- The application made for an imported badge follows the badge (an application made in this system stays).
       UPDATE "site_applications" t
          SET "status" = (CASE WHEN w."status" = 'CANCELLED' THEN 'BADGE_CANCELLED'
                               ELSE 'BADGE_ISSUED' END)::"SiteApplicationStatus",
              "siteName" = w."siteName", "useMicroSite" = w."placement" = 'MICRO_SITE',
              "englishDomain" = CASE WHEN w."placement" = 'MICRO_SITE' THEN NULL ELSE w."englishDomain" END,
              "ipAddress" = w."ipAddress", "submittedAt" = w."issuedAt", "version" = t."version" + 1,
              "updatedAt" = $2::timestamp(3)
         FROM written w
        WHERE NOT w."inserted" AND t."id" = w."siteApplicationId" AND t."importedAt" IS NOT NULL
          AND t."serialNumber" = 'QY-' || w."badgeNumber"
       RETURNING t."id"
     )${uncountedCte(context, 'uncounted', 'badges', `x."id" = ANY(ARRAY(SELECT "id" FROM written WHERE NOT "inserted"))`)}${uncountedCte(context, 'uncountedApplications', 'site_applications', `x."id" = ANY(ARRAY(SELECT "id" FROM mirrored))`)}
     SELECT count(*) FILTER (WHERE "inserted") AS "inserted", count(*) FILTER (WHERE NOT "inserted") AS "updated",
            array_agg("id") AS "badges", (SELECT array_agg("id") FROM mirrored) AS "mirrored"
       FROM written`,
    rows,
    now,
  )
  await countStatistics(tx, context, 'badges', result?.badges ?? [])
  await countStatistics(tx, context, 'site_applications', [...(made?.applications ?? []), ...(result?.mirrored ?? [])])
  return countsOf(batch.length, Number(result?.inserted ?? 0), Number(result?.updated ?? 0))
}

export const writeSiteApplications: BatchWriter<SiteApplicationRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.serialNumber)
  refuseUnresolved('网站开办申请无法导入', await unresolvedSiteRows(tx, records))
  const stored = await tx.$queryRawUnsafe<{ serialNumber: string; enc: string | null; masked: string | null }[]>(
    `SELECT "serialNumber", "handlerIdNumberEnc" AS "enc", "handlerIdNumberMasked" AS "masked"
       FROM "site_applications" WHERE "serialNumber" = ANY($1::text[]) AND "handlerIdNumberEnc" IS NOT NULL`,
    records.map((r) => r.serialNumber),
  )
  const storedBySerial = new Map(stored.map((s) => [s.serialNumber, s]))
  const rows = records.map((r) => {
    const current = storedBySerial.get(r.serialNumber)
    const same = r.handlerIdNumber && current?.enc && openIdNumber('siteApplication', current.enc) === r.handlerIdNumber
    const sealed = same
      ? { handlerIdNumberEnc: current.enc, handlerIdNumberMasked: current.masked }
      : sealOptionalIdNumber('siteApplication', r.handlerIdNumber)
    const { handlerIdNumber: _plain, ...rest } = r
    return { ...rest, ...sealed, englishDomain: r.useMicroSite ? null : r.englishDomain }
  })
  const [result] = await queryRecords<{ inserted: bigint; updated: bigint; changed: number[] | null }>(
    tx,
    `WITH src AS (
       SELECT r.*, u."id" AS "unitId", d."id" AS "domainId", u."name" AS "unitName",
              u."superiorUnitName" AS "unitSuperior", u."functions" AS "unitFunctions",
              u."systemCategory" AS "unitCategory", u."address" AS "unitAddress", u."postcode" AS "unitPostcode"
         FROM json_to_recordset($1::json) AS r(
                "serialNumber" text, "unitCreditCode" char(18), "siteName" text, "siteIntro" text, "domainName" text,
                "domainSuffix" "DomainSuffix", "useMicroSite" boolean, "englishDomain" text, "ipAddress" text,
                "principalName" text, "principalMobile" text, "principalEmail" text, "handlerName" text,
                "handlerMobile" text, "handlerEmail" text, "handlerIdNumberEnc" text, "handlerIdNumberMasked" text,
                "status" "SiteApplicationStatus", "submittedAt" timestamp(3))
         JOIN "units" u ON u."creditCode" = r."unitCreditCode"
         JOIN "domains" d ON d."name" = r."domainName" AND d."suffix" = r."domainSuffix"
                         AND d."status" ${LIVE_DOMAIN_SQL} AND d."unitId" = u."id"
     ), written AS (
       INSERT INTO "site_applications" (
              "serialNumber", "unitId", "kind", "status", "importedAt", "unitName", "superiorUnitName",
              "unitFunctions", "systemCategory", "address", "postcode", "siteName", "siteIntro", "chineseDomainId",
              "englishDomain", "useMicroSite", "ipAddress", "principalName", "principalMobile", "principalEmail",
              "handlerName", "handlerMobile", "handlerEmail", "handlerIdNumberEnc", "handlerIdNumberMasked",
              "submittedAt", "createdAt", "updatedAt")
       SELECT s."serialNumber", s."unitId", 'NEW_SITE', s."status", $2::timestamp(3), s."unitName", s."unitSuperior",
              s."unitFunctions", s."unitCategory", s."unitAddress", s."unitPostcode", s."siteName",
              COALESCE(s."siteIntro", ''), s."domainId", s."englishDomain", s."useMicroSite", s."ipAddress",
              s."principalName", s."principalMobile", s."principalEmail", s."handlerName", s."handlerMobile",
              s."handlerEmail", s."handlerIdNumberEnc", s."handlerIdNumberMasked", s."submittedAt", s."submittedAt",
              $2::timestamp(3)
         FROM src s
       ON CONFLICT ("serialNumber") DO UPDATE
          SET "status" = EXCLUDED."status", "siteName" = EXCLUDED."siteName", "siteIntro" = EXCLUDED."siteIntro",
              "chineseDomainId" = EXCLUDED."chineseDomainId", "englishDomain" = EXCLUDED."englishDomain",
              "useMicroSite" = EXCLUDED."useMicroSite", "ipAddress" = EXCLUDED."ipAddress",
              "principalName" = EXCLUDED."principalName", "principalMobile" = EXCLUDED."principalMobile",
              "principalEmail" = EXCLUDED."principalEmail", "handlerName" = EXCLUDED."handlerName",
              "handlerMobile" = EXCLUDED."handlerMobile", "handlerEmail" = EXCLUDED."handlerEmail",
              "handlerIdNumberEnc" = EXCLUDED."handlerIdNumberEnc",
              "handlerIdNumberMasked" = EXCLUDED."handlerIdNumberMasked", "submittedAt" = EXCLUDED."submittedAt",
              "version" = "site_applications"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
        -- Only an imported application nobody here has decided on yet, of the same unit.
        WHERE "site_applications"."importedAt" IS NOT NULL AND "site_applications"."unitId" = EXCLUDED."unitId"
          AND NOT EXISTS (SELECT 1 FROM "review_decisions" rd WHERE rd."siteApplicationId" = "site_applications"."id")
          AND ("site_applications"."status", "site_applications"."siteName", "site_applications"."siteIntro",
               "site_applications"."chineseDomainId", "site_applications"."englishDomain",
               "site_applications"."useMicroSite", "site_applications"."ipAddress",
               "site_applications"."principalName", "site_applications"."principalMobile",
               "site_applications"."principalEmail", "site_applications"."handlerName",
               "site_applications"."handlerMobile", "site_applications"."handlerEmail",
               "site_applications"."handlerIdNumberEnc", "site_applications"."submittedAt")
              IS DISTINCT FROM
              (EXCLUDED."status", EXCLUDED."siteName", EXCLUDED."siteIntro", EXCLUDED."chineseDomainId",
               EXCLUDED."englishDomain", EXCLUDED."useMicroSite", EXCLUDED."ipAddress", EXCLUDED."principalName",
               EXCLUDED."principalMobile", EXCLUDED."principalEmail", EXCLUDED."handlerName",
               EXCLUDED."handlerMobile", EXCLUDED."handlerEmail", EXCLUDED."handlerIdNumberEnc",
               EXCLUDED."submittedAt")
       RETURNING "id", "unitId", (xmax = 0) AS "inserted"
     ), bound AS (
       -- 绑定域名 as a submission binds them: every domain the unit has registered.
       INSERT INTO "site_application_domains" ("siteApplicationId", "domainId")
       SELECT w."id", d."id" FROM written w JOIN "domains" d ON d."unitId" = w."unitId" AND d."status" = 'REGISTERED'
        WHERE w."inserted"
       ON CONFLICT DO NOTHING
     )${uncountedCte(context, 'uncounted', 'site_applications', `x."id" = ANY(ARRAY(SELECT "id" FROM written WHERE NOT "inserted"))`)}
     SELECT count(*) FILTER (WHERE "inserted") AS "inserted", count(*) FILTER (WHERE NOT "inserted") AS "updated",
            array_agg("id") AS "changed"
       FROM written`,
    rows,
    sqlTime(context.now),
  )
  await countStatistics(tx, context, 'site_applications', result?.changed ?? [])
  return countsOf(batch.length, Number(result?.inserted ?? 0), Number(result?.updated ?? 0))
}
