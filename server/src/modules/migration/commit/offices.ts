// 编办 and 编办人员. Offices are seeded one per region (seed/regions.ts): a row updates the office of its region
// (name and contact facts); a region without one gets an office of the region's level and the ledger accounts the
// seed gives every office. Staff become OFFICE_STAFF (CONAC_STAFF at the central office) accounts awaiting
// activation; a re-import updates an account only while it is still an unclaimed imported one.
import type { OfficeRecord, OfficeStaffRecord } from '../templates.ts'
import {
  type BatchWriter,
  countsOf,
  lastOfEachKey,
  queryRecords,
  refuseUnresolved,
  sqlTime,
  toCount,
  countStatistics,
  uncountedCte,
} from './batch.ts'

/** Why an imported staff account is marked disabled (users_disabled_reason_length: 1–200 characters). */
export const IMPORTED_DISABLED_REASON = '原系统中已停用'

export const writeOffices: BatchWriter<OfficeRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.regionCode)
  const missing = await queryRecords<{ row: number; regionCode: string }>(
    tx,
    `SELECT r."row", r."regionCode" FROM json_to_recordset($1::json) AS r("row" int, "regionCode" char(6))
      WHERE NOT EXISTS (SELECT 1 FROM "regions" g WHERE g."code" = r."regionCode")`,
    records,
  )
  refuseUnresolved(
    '行政区划代码不存在',
    missing.map((m) => ({ row: m.row, detail: m.regionCode })),
  )
  const [result] = await queryRecords<{ inserted: bigint; updated: bigint; changed: number[] | null }>(
    tx,
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json)
         AS r("regionCode" char(6), "name" text, "address" text, "postcode" text, "phone" text)
     ), written AS (
       INSERT INTO "offices" ("name", "level", "regionCode", "address", "postcode", "phone", "updatedAt")
       SELECT r."name",
              (CASE g."level" WHEN 'NATIONAL' THEN 'CENTRAL' ELSE g."level"::text END)::"OfficeLevel",
              r."regionCode", r."address", r."postcode", r."phone", $2::timestamp(3)
         FROM r JOIN "regions" g ON g."code" = r."regionCode"
       ON CONFLICT ("regionCode") DO UPDATE
          SET "name" = EXCLUDED."name", "address" = EXCLUDED."address", "postcode" = EXCLUDED."postcode",
              "phone" = EXCLUDED."phone", "updatedAt" = EXCLUDED."updatedAt"
        WHERE ("offices"."name", "offices"."address", "offices"."postcode", "offices"."phone")
              IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."address", EXCLUDED."postcode", EXCLUDED."phone")
       RETURNING "id", "level", (xmax = 0) AS "inserted"
     ), accounts AS (
       INSERT INTO "accounts" ("officeId", "kind")
       SELECT w."id", k."kind"::"AccountKind"
         FROM written w
         CROSS JOIN LATERAL unnest(CASE WHEN w."level" = 'CENTRAL' THEN ARRAY['UNIT_PAYMENTS', 'CONAC_REVENUE']
                                        ELSE ARRAY['OFFICE_COLLECTED', 'OFFICE_IN_TRANSIT', 'OFFICE_PREPAID'] END) AS k("kind")
        WHERE w."inserted"
       ON CONFLICT ("officeId", "kind") DO NOTHING
     )${uncountedCte(context, 'uncounted', 'offices', `x."id" = ANY(ARRAY(SELECT "id" FROM written WHERE NOT "inserted"))`)}
     SELECT count(*) FILTER (WHERE "inserted") AS "inserted", count(*) FILTER (WHERE NOT "inserted") AS "updated",
            array_agg("id") AS "changed"
       FROM written`,
    records,
    sqlTime(context.now),
  )
  await countStatistics(tx, context, 'offices', result?.changed ?? [])
  return countsOf(batch.length, toCount(result?.inserted), toCount(result?.updated))
}

export const writeOfficeStaff: BatchWriter<OfficeStaffRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.username)
  const problems = await queryRecords<{ row: number; detail: string }>(
    tx,
    `SELECT r."row",
            CASE WHEN o."id" IS NULL THEN '编办 ' || r."officeRegionCode" || ' 不存在'
                 WHEN u."unitId" IS NOT NULL THEN '登录名 ' || r."username" || ' 已被单位账号使用'
                 ELSE '登录名 ' || r."username" || ' 已被本系统的账号使用' END AS "detail"
       FROM json_to_recordset($1::json) AS r("row" int, "username" text, "officeRegionCode" char(6))
       LEFT JOIN "offices" o ON o."regionCode" = r."officeRegionCode"
       LEFT JOIN "users" u ON u."username" = r."username"
      -- An account made in this system (not imported) is someone else's: the file's person would get none.
      WHERE o."id" IS NULL OR u."unitId" IS NOT NULL OR (u."id" IS NOT NULL AND u."importedAt" IS NULL)`,
    records,
  )
  refuseUnresolved('编办人员无法导入', problems)
  const [result] = await queryRecords<{ inserted: bigint; updated: bigint }>(
    tx,
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json) AS r(
         "username" text, "displayName" text, "officeRegionCode" char(6), "mobile" text, "email" text,
         "roles" "OfficeRole"[], "disabled" boolean)
     ), written AS (
       INSERT INTO "users" ("username", "displayName", "role", "officeRoles", "officeId", "mobile", "email", "status",
                            "disabledAt", "disabledReason", "importedAt", "createdAt", "updatedAt")
       SELECT r."username", r."displayName",
              (CASE WHEN o."level" = 'CENTRAL' THEN 'CONAC_STAFF' ELSE 'OFFICE_STAFF' END)::"UserRole",
              r."roles", o."id", r."mobile", r."email", 'PENDING_ACTIVATION',
              CASE WHEN r."disabled" THEN $2::timestamp(3) END, CASE WHEN r."disabled" THEN $3 END,
              $2::timestamp(3), $2::timestamp(3), $2::timestamp(3)
         FROM r JOIN "offices" o ON o."regionCode" = r."officeRegionCode"
       ON CONFLICT ("username") DO UPDATE
          SET "displayName" = EXCLUDED."displayName", "role" = EXCLUDED."role", "officeRoles" = EXCLUDED."officeRoles",
              "officeId" = EXCLUDED."officeId", "mobile" = EXCLUDED."mobile", "email" = EXCLUDED."email",
              -- A disabled account keeps the date it was first seen disabled.
              "disabledAt" = CASE WHEN EXCLUDED."disabledAt" IS NULL THEN NULL
                                  ELSE COALESCE("users"."disabledAt", EXCLUDED."disabledAt") END,
              "disabledReason" = CASE WHEN EXCLUDED."disabledAt" IS NULL THEN NULL
                                      ELSE COALESCE("users"."disabledReason", EXCLUDED."disabledReason") END,
              "version" = "users"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
        -- Only an imported account nobody has claimed yet: a claimed (ACTIVE) one belongs to its holder now.
        WHERE "users"."importedAt" IS NOT NULL AND "users"."status" = 'PENDING_ACTIVATION'
          AND "users"."unitId" IS NULL
          AND ("users"."displayName", "users"."role", "users"."officeRoles", "users"."officeId", "users"."mobile",
               "users"."email", "users"."disabledAt" IS NULL)
              IS DISTINCT FROM (EXCLUDED."displayName", EXCLUDED."role", EXCLUDED."officeRoles", EXCLUDED."officeId",
                                EXCLUDED."mobile", EXCLUDED."email", EXCLUDED."disabledAt" IS NULL)
       RETURNING (xmax = 0) AS "inserted"
     )
     SELECT count(*) FILTER (WHERE "inserted") AS "inserted", count(*) FILTER (WHERE NOT "inserted") AS "updated"
       FROM written`,
    records.map((r) => ({ ...r, roles: [...new Set(r.roles)].sort() })),
    sqlTime(context.now),
    IMPORTED_DISABLED_REASON,
  )
  return countsOf(batch.length, toCount(result?.inserted), toCount(result?.updated))
}
