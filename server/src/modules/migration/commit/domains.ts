// 域名 and 解析记录.
//
// Domains are keyed by (name, suffix) among the domains that hold their name (the partial unique index
// domains_live_name_unique); a rejected, cancelled or released one of the same name stays for history and the
// import adds a new one. The batch writes each new domain's PRIMARY domain_names row itself (the trigger
// domains_sync_names leaves an import batch's inserts to it); later updates go through the trigger. A name held by
// ANOTHER unit fails the batch (validation refuses such rows; meeting one here means the database changed meanwhile).
// An imported DELETED domain keeps deletedAt null: the lifecycle then counts its hold period from expiresAt, as it
// does for domains deleted before deletedAt existed (the old system does not say when it deleted one).
//
// DNS records are keyed by (domain, host, type, value): missing ones are added, TTL and priority follow the file, and
// records not in the file stay. No dns_record_changes rows are written: that history is of changes made in this
// system (its causes are the unit, a badge, a cancellation), and the import is recorded by its batch audit row.
import { domainALabel } from '../../../lib/idna.ts'
import type { DnsRecordRecord, DomainRecord } from '../templates.ts'
import {
  type BatchWriter,
  countsOf,
  lastOfEachKey,
  queryRecords,
  refuseUnresolved,
  sqlTime,
  toCount,
  bumpZoneSerials,
  countStatistics,
  uncountedCte,
} from './batch.ts'

/** The statuses whose domain holds its name: mirrors domains_live_name_unique. */
export const LIVE_DOMAIN_SQL = `NOT IN ('OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED', 'RELEASED')`

export const writeDomains: BatchWriter<DomainRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => `${r.name}.${r.suffix}`)
  const problems = await queryRecords<{ row: number; detail: string }>(
    tx,
    `SELECT r."row",
            CASE WHEN u."id" IS NULL THEN '单位 ' || r."unitCreditCode" || ' 不存在'
                 ELSE r."name" || ' 已由单位 ' || o."creditCode" || ' 持有' END AS "detail"
       FROM json_to_recordset($1::json) AS r("row" int, "name" text, "suffix" "DomainSuffix", "unitCreditCode" char(18))
       LEFT JOIN "units" u ON u."creditCode" = r."unitCreditCode"
       LEFT JOIN "domains" d ON d."name" = r."name" AND d."suffix" = r."suffix" AND d."status" ${LIVE_DOMAIN_SQL}
       LEFT JOIN "units" o ON o."id" = d."unitId"
      WHERE u."id" IS NULL OR (d."id" IS NOT NULL AND d."unitId" <> u."id")`,
    records,
  )
  refuseUnresolved('域名无法导入', problems)
  const written = await queryRecords<{ id: number; name: string; suffix: string; inserted: boolean }>(
    tx,
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json) AS r(
         "name" text, "suffix" "DomainSuffix", "unitCreditCode" char(18), "status" "DomainStatus",
         "registeredAt" timestamp(3), "expiresAt" timestamp(3), "years" int)
     ), written AS (
       INSERT INTO "domains" ("name", "suffix", "unitId", "status", "years", "submittedAt", "registeredAt",
                              "expiresAt", "importedAt", "createdAt", "updatedAt")
       SELECT r."name", r."suffix", u."id", r."status", r."years", r."registeredAt", r."registeredAt",
              r."expiresAt", $2::timestamp(3), r."registeredAt", $2::timestamp(3)
         FROM r JOIN "units" u ON u."creditCode" = r."unitCreditCode"
       ON CONFLICT ("name", "suffix") WHERE "status" ${LIVE_DOMAIN_SQL} DO UPDATE
          SET "status" = EXCLUDED."status", "years" = EXCLUDED."years", "submittedAt" = EXCLUDED."submittedAt",
              "registeredAt" = EXCLUDED."registeredAt", "expiresAt" = EXCLUDED."expiresAt",
              "version" = "domains"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
        WHERE "domains"."unitId" = EXCLUDED."unitId"
          AND ("domains"."status", "domains"."years", "domains"."submittedAt", "domains"."registeredAt",
               "domains"."expiresAt")
              IS DISTINCT FROM (EXCLUDED."status", EXCLUDED."years", EXCLUDED."submittedAt",
                                EXCLUDED."registeredAt", EXCLUDED."expiresAt")
       RETURNING "id", "name", "suffix", (xmax = 0) AS "inserted"
     )${uncountedCte(context, 'uncounted', 'domains', `x."id" = ANY(ARRAY(SELECT "id" FROM written WHERE NOT "inserted"))`)}
     SELECT "id", "name", "suffix"::text AS "suffix", "inserted" FROM written`,
    records,
    sqlTime(context.now),
  )
  const fresh = written.filter((w) => w.inserted)
  // The PRIMARY name of each new domain, as the trigger domains_sync_names writes it for one domain at a time, with
  // the A-label computed here: the SQL idna_a_label (Punycode in PL/pgSQL) cost 120 µs a name, a third of the batch.
  if (fresh.length)
    await queryRecords(
      tx,
      `INSERT INTO "domain_names" ("domain_id", "suffix", "u_label", "a_label", "kind", "resolves", "live")
       SELECT d."id", d."suffix", d."name", n."aLabel", 'PRIMARY', TRUE, "domain_holds_names"(d."status")
         FROM json_to_recordset($1::json) AS n("id" int, "aLabel" text) JOIN "domains" d ON d."id" = n."id"`,
      fresh.map((w) => ({ id: w.id, aLabel: domainALabel(w.name) })),
    )
  const result = {
    inserted: fresh.length,
    updated: written.length - fresh.length,
    changed: written.map((w) => Number(w.id)),
  }
  await countStatistics(tx, context, 'domains', result.changed)
  if (result.changed.length) await bumpZoneSerials(tx)
  return countsOf(batch.length, result.inserted, result.updated)
}

export const writeDnsRecords: BatchWriter<DnsRecordRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => JSON.stringify([r.domainName, r.domainSuffix, r.host, r.type, r.value]))
  const missing = await queryRecords<{ row: number; domainName: string }>(
    tx,
    `SELECT r."row", r."domainName"
       FROM json_to_recordset($1::json) AS r("row" int, "domainName" text, "domainSuffix" "DomainSuffix")
      WHERE NOT EXISTS (SELECT 1 FROM "domains" d WHERE d."name" = r."domainName" AND d."suffix" = r."domainSuffix"
                           AND d."status" ${LIVE_DOMAIN_SQL})`,
    records,
  )
  refuseUnresolved(
    '域名不存在',
    missing.map((m) => ({ row: m.row, detail: m.domainName })),
  )
  const [result] = await queryRecords<{ inserted: bigint; updated: bigint }>(
    tx,
    // Each record finds its existing record by index in the same pass (joining one CTE to another would be a
    // nested loop over both: the planner cannot estimate a CTE's size).
    `WITH src AS (
       SELECT r.*, d."id" AS "domainId", x."id" AS "existingId"
         FROM json_to_recordset($1::json) AS r(
                "row" int, "domainName" text, "domainSuffix" "DomainSuffix", "host" text, "type" "DnsRecordType",
                "value" text, "ttl" int, "priority" int)
         JOIN "domains" d ON d."name" = r."domainName" AND d."suffix" = r."domainSuffix"
                         AND d."status" ${LIVE_DOMAIN_SQL}
         LEFT JOIN LATERAL (
           SELECT x."id" FROM "dns_records" x
            WHERE x."domainId" = d."id" AND x."host" = r."host" AND x."type" = r."type" AND x."value" = r."value"
            ORDER BY x."id" LIMIT 1) x ON TRUE
     ), changed AS (
       UPDATE "dns_records" t SET "ttl" = s."ttl", "priority" = s."priority", "updatedAt" = $2::timestamp(3)
         FROM src s
        WHERE t."id" = s."existingId" AND (t."ttl", t."priority") IS DISTINCT FROM (s."ttl", s."priority")
       RETURNING t."id"
     ), added AS (
       INSERT INTO "dns_records" ("domainId", "host", "type", "value", "ttl", "priority", "updatedAt")
       SELECT s."domainId", s."host", s."type", s."value", s."ttl", s."priority", $2::timestamp(3)
         FROM src s WHERE s."existingId" IS NULL
       RETURNING "id"
     )
     SELECT (SELECT count(*) FROM added) AS "inserted", (SELECT count(*) FROM changed) AS "updated"`,
    records,
    sqlTime(context.now),
  )
  if (toCount(result?.inserted) + toCount(result?.updated) > 0) await bumpZoneSerials(tx)
  return countsOf(batch.length, toCount(result?.inserted), toCount(result?.updated))
}
