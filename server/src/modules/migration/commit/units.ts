// 注册单位 and each unit's primary account (单位主账号). The handler's ID number is sealed as registration seals it
// (lib/idNumberColumns.ts); since a ciphertext differs on every sealing, a number already stored is compared by
// decrypting it, and kept as stored when it is the same (so a second run finds the row unchanged).
import { openIdNumber, sealOptionalIdNumber } from '../../../lib/idNumberColumns.ts'
import type { UnitRecord } from '../templates.ts'
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

/** The sealed columns of each record: the stored ones when the number is unchanged, a fresh sealing otherwise. */
async function sealedIdNumbers(tx: Tx, records: UnitRecord[]) {
  const stored = await tx.$queryRawUnsafe<{ creditCode: string; enc: string | null; masked: string | null }[]>(
    `SELECT "creditCode", "handlerIdNumberEnc" AS "enc", "handlerIdNumberMasked" AS "masked"
       FROM "units" WHERE "creditCode" = ANY($1::char(18)[]) AND "handlerIdNumberEnc" IS NOT NULL`,
    records.map((r) => r.creditCode),
  )
  const byCode = new Map(stored.map((s) => [s.creditCode, s]))
  return records.map((record) => {
    const current = byCode.get(record.creditCode)
    if (record.handlerIdNumber && current?.enc && openIdNumber('unit', current.enc) === record.handlerIdNumber)
      return { handlerIdNumberEnc: current.enc, handlerIdNumberMasked: current.masked }
    return sealOptionalIdNumber('unit', record.handlerIdNumber)
  })
}

export const writeUnits: BatchWriter<UnitRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.creditCode)
  const sealed = await sealedIdNumbers(tx, records)
  const rows = records.map((r, i) => ({
    creditCode: r.creditCode,
    name: r.name,
    type: r.type,
    systemCategory: r.systemCategory,
    regionCode: r.regionCode,
    superiorUnitName: r.superiorUnitName,
    functions: r.functions,
    address: r.address,
    postcode: r.postcode,
    landline: r.landline,
    handlerName: r.handlerName,
    handlerMobile: r.handlerMobile,
    handlerEmail: r.handlerEmail,
    ...sealed[i],
    status: r.status,
    registeredAt: r.registeredAt,
  }))
  const now = sqlTime(context.now)
  // createdAt keeps the old system's registration date. A row without one inserts with the import's instant, and
  // on a conflict that instant (never a real registration date) means "keep the stored createdAt".
  const units = await queryRecords<{ id: number; creditCode: string; inserted: boolean }>(
    tx,
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json) AS r(
         "creditCode" char(18), "name" text, "type" "UnitType", "systemCategory" "SystemCategory", "regionCode" char(6),
         "superiorUnitName" text, "functions" text, "address" text, "postcode" text, "landline" text,
         "handlerName" text, "handlerMobile" text, "handlerEmail" text, "handlerIdNumberEnc" text,
         "handlerIdNumberMasked" text, "status" "UnitStatus", "registeredAt" timestamp(3))
     ), written AS (
     INSERT INTO "units" ("name", "type", "systemCategory", "creditCode", "regionCode", "superiorUnitName",
                          "functions", "address", "postcode", "landline", "handlerName", "handlerMobile",
                          "handlerEmail", "handlerIdNumberEnc", "handlerIdNumberMasked", "status", "importedAt",
                          "createdAt", "updatedAt")
     SELECT r."name", r."type", r."systemCategory", r."creditCode", r."regionCode", r."superiorUnitName",
            r."functions", r."address", r."postcode", r."landline", r."handlerName", r."handlerMobile",
            r."handlerEmail", r."handlerIdNumberEnc", r."handlerIdNumberMasked", r."status", $2::timestamp(3),
            COALESCE(r."registeredAt", $2::timestamp(3)), $2::timestamp(3)
       FROM r
     ON CONFLICT ("creditCode") DO UPDATE
        SET "name" = EXCLUDED."name", "type" = EXCLUDED."type", "systemCategory" = EXCLUDED."systemCategory",
            "regionCode" = EXCLUDED."regionCode", "superiorUnitName" = EXCLUDED."superiorUnitName",
            "functions" = EXCLUDED."functions", "address" = EXCLUDED."address", "postcode" = EXCLUDED."postcode",
            "landline" = EXCLUDED."landline", "handlerName" = EXCLUDED."handlerName",
            "handlerMobile" = EXCLUDED."handlerMobile", "handlerEmail" = EXCLUDED."handlerEmail",
            "handlerIdNumberEnc" = EXCLUDED."handlerIdNumberEnc",
            "handlerIdNumberMasked" = EXCLUDED."handlerIdNumberMasked", "status" = EXCLUDED."status",
            "createdAt" = CASE WHEN EXCLUDED."createdAt" = $2::timestamp(3) THEN "units"."createdAt"
                               ELSE EXCLUDED."createdAt" END,
            "version" = "units"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
      WHERE ("units"."name", "units"."type", "units"."systemCategory", "units"."regionCode",
             "units"."superiorUnitName", "units"."functions", "units"."address", "units"."postcode",
             "units"."landline", "units"."handlerName", "units"."handlerMobile", "units"."handlerEmail",
             "units"."handlerIdNumberEnc", "units"."status",
             CASE WHEN EXCLUDED."createdAt" = $2::timestamp(3) THEN NULL ELSE "units"."createdAt" END)
            IS DISTINCT FROM
            (EXCLUDED."name", EXCLUDED."type", EXCLUDED."systemCategory", EXCLUDED."regionCode",
             EXCLUDED."superiorUnitName", EXCLUDED."functions", EXCLUDED."address", EXCLUDED."postcode",
             EXCLUDED."landline", EXCLUDED."handlerName", EXCLUDED."handlerMobile", EXCLUDED."handlerEmail",
             EXCLUDED."handlerIdNumberEnc", EXCLUDED."status",
             CASE WHEN EXCLUDED."createdAt" = $2::timestamp(3) THEN NULL ELSE EXCLUDED."createdAt" END)
     RETURNING "id", "creditCode", (xmax = 0) AS "inserted"
     )${uncountedCte(context, 'uncounted', 'units', `x."id" = ANY(ARRAY(SELECT "id" FROM written WHERE NOT "inserted"))`)}
     SELECT * FROM written`,
    rows,
    now,
  )
  await countStatistics(
    tx,
    context,
    'units',
    units.map((u) => Number(u.id)),
  )
  const accounts = await writePrimaryAccounts(tx, records, now)
  const inserted = new Set(units.filter((u) => u.inserted).map((u) => u.creditCode))
  const updated = new Set([...units.filter((u) => !u.inserted).map((u) => u.creditCode), ...accounts])
  for (const code of inserted) updated.delete(code)
  return countsOf(batch.length, inserted.size, updated.size)
}

/**
 * The unit's PRIMARY account (username = 登录名, the handler's name and contacts), awaiting activation: created when
 * the unit has none; an unclaimed imported one follows the file (login name and contacts). An account someone has
 * claimed, or one made in this system, is never touched. Returns the credit codes whose account changed.
 */
async function writePrimaryAccounts(tx: Tx, records: UnitRecord[], now: string | null): Promise<string[]> {
  const rows = records.map((r) => ({
    row: r.row,
    creditCode: r.creditCode,
    username: r.username,
    handlerName: r.handlerName,
    handlerMobile: r.handlerMobile,
    handlerEmail: r.handlerEmail,
  }))
  // A login name held by another account (another unit's, an office's) cannot be this unit's.
  const taken = await queryRecords<{ row: number; username: string }>(
    tx,
    `SELECT r."row", r."username"
       FROM json_to_recordset($1::json) AS r("row" int, "creditCode" char(18), "username" text)
       JOIN "units" u ON u."creditCode" = r."creditCode"
       JOIN "users" x ON x."username" = r."username"
      WHERE x."unitId" IS DISTINCT FROM u."id" OR x."unitRole" IS DISTINCT FROM 'PRIMARY'`,
    rows,
  )
  refuseUnresolved(
    '登录名已被其他账号使用',
    taken.map((t) => ({ row: t.row, detail: t.username })),
  )
  const changed = await queryRecords<{ creditCode: string }>(
    tx,
    `WITH r AS (
       SELECT r.*, u."id" AS "unitId"
         FROM json_to_recordset($1::json) AS r(
                "creditCode" char(18), "username" text, "handlerName" text, "handlerMobile" text, "handlerEmail" text)
         JOIN "units" u ON u."creditCode" = r."creditCode"
     ), created AS (
       INSERT INTO "users" ("username", "displayName", "role", "unitRole", "unitId", "mobile", "email", "status",
                            "importedAt", "createdAt", "updatedAt")
       SELECT r."username", r."handlerName", 'UNIT_USER', 'PRIMARY', r."unitId", r."handlerMobile", r."handlerEmail",
              'PENDING_ACTIVATION', $2::timestamp(3), $2::timestamp(3), $2::timestamp(3)
         FROM r
        WHERE NOT EXISTS (SELECT 1 FROM "users" p WHERE p."unitId" = r."unitId" AND p."unitRole" = 'PRIMARY')
       RETURNING "unitId"
     ), followed AS (
       UPDATE "users" p
          SET "username" = r."username", "displayName" = r."handlerName", "mobile" = r."handlerMobile",
              "email" = r."handlerEmail", "version" = p."version" + 1, "updatedAt" = $2::timestamp(3)
         FROM r
        WHERE p."unitId" = r."unitId" AND p."unitRole" = 'PRIMARY'
          AND p."importedAt" IS NOT NULL AND p."status" = 'PENDING_ACTIVATION' AND p."passwordHash" IS NULL
          AND (p."username", p."displayName", p."mobile", p."email")
              IS DISTINCT FROM (r."username", r."handlerName", r."handlerMobile", r."handlerEmail")
       RETURNING p."unitId"
     )
     SELECT u."creditCode" FROM "units" u
      WHERE u."id" IN (SELECT "unitId" FROM created UNION SELECT "unitId" FROM followed)`,
    rows,
    now,
  )
  return changed.map((c) => c.creditCode)
}
