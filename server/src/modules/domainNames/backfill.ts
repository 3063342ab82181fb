// 简繁变体补留: the variants of domains that reached the database without them (imported by 数据迁移, which writes
// names at national speed and leaves variants to this; or created before variants were reserved). An application
// reserves its variants in its own transaction (holding.ts reserveVariants); these domains get theirs here, from a
// scheduled job (jobs/registry.ts), a chunk of domains per transaction, the job's cursor moving forward by domain id.
// It used to run at the API's start, one transaction per domain before the server listened: after a national import
// (2,000,000 domains) that was hours without an API.
//
// The rule is reserveVariants': a variant nobody holds live (and this domain does not already have) is reserved for
// the domain, not resolving; one another domain holds stays with it. Within a chunk the lower domain id wins, as it
// did when they were reserved one by one. Rows are inserted in (suffix, A-label) order, so two writers meeting on
// the same names wait for each other instead of deadlocking; a name taken meanwhile is skipped (ON CONFLICT).
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { toALabel } from '../../lib/idna.ts'
import { variantsOf } from './variants.ts'

export interface VariantBackfill {
  /** Domains looked at (live, with a Chinese character, without any variant row). */
  scanned: number
  /** Variant rows reserved. */
  reserved: number
  /** The highest domain id looked at: the next run starts after it. */
  lastDomainId: number
  /** Whether the run reached the last such domain. */
  done: boolean
}

/** Reserves the missing variants of up to `limit` domains after `afterId`, in one transaction. */
export async function reserveMissingVariantsChunk(
  prisma: PrismaClient,
  afterId: number,
  limit: number,
): Promise<VariantBackfill> {
  const domains = await prisma.$queryRaw<{ id: number; name: string; suffix: DomainSuffix }[]>`
    SELECT d."id", d."name", d."suffix"::text AS "suffix" FROM "domains" d
     WHERE d."id" > ${afterId}
       AND d."name" ~ '[^\\x01-\\x7f]'
       AND "domain_holds_names"(d."status")
       AND NOT EXISTS (SELECT 1 FROM "domain_names" n WHERE n."domain_id" = d."id" AND n."kind" = 'VARIANT')
     ORDER BY d."id"
     LIMIT ${limit}`
  const rows = domains
    .flatMap((domain) =>
      variantsOf(domain.name).map((uLabel) => ({
        domainId: domain.id,
        suffix: domain.suffix,
        uLabel,
        aLabel: toALabel(uLabel),
      })),
    )
    .sort((a, b) =>
      a.suffix !== b.suffix
        ? a.suffix.localeCompare(b.suffix)
        : a.aLabel !== b.aLabel
          ? a.aLabel < b.aLabel
            ? -1
            : 1
          : a.domainId - b.domainId,
    )
  let reserved = 0
  if (rows.length) {
    reserved = await prisma.$executeRawUnsafe(
      `INSERT INTO "domain_names" ("domain_id", "suffix", "u_label", "a_label", "kind", "resolves", "live")
       SELECT v."domainId", v."suffix", v."uLabel", v."aLabel", 'VARIANT', FALSE, TRUE
         FROM json_to_recordset($1::json) AS v("at" int, "domainId" int, "suffix" "DomainSuffix", "uLabel" text, "aLabel" text)
        WHERE NOT EXISTS (SELECT 1 FROM "domain_names" n
                           WHERE n."suffix" = v."suffix" AND n."a_label" = v."aLabel"
                             AND (n."live" OR n."domain_id" = v."domainId"))
        ORDER BY v."at"
       ON CONFLICT DO NOTHING`,
      JSON.stringify(rows.map((row, at) => ({ at, ...row }))),
    )
  }
  return {
    scanned: domains.length,
    reserved,
    lastDomainId: domains.length ? domains[domains.length - 1]!.id : afterId,
    done: domains.length < limit,
  }
}

/** Chunks from `afterId` on until `maxDomains` were looked at or none is left. */
export async function reserveMissingVariants(
  prisma: PrismaClient,
  options: { afterId?: number; maxDomains: number; chunk?: number },
): Promise<VariantBackfill> {
  const chunk = Math.max(1, Math.min(options.chunk ?? 2000, options.maxDomains))
  const total: VariantBackfill = { scanned: 0, reserved: 0, lastDomainId: options.afterId ?? 0, done: false }
  while (!total.done && total.scanned < options.maxDomains) {
    const step = await reserveMissingVariantsChunk(
      prisma,
      total.lastDomainId,
      Math.min(chunk, options.maxDomains - total.scanned),
    )
    total.scanned += step.scanned
    total.reserved += step.reserved
    total.lastDomainId = step.lastDomainId
    total.done = step.done
  }
  return total
}
