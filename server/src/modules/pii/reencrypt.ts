// Key rotation (npm run pii:reencrypt -w server): every column sealed by lib/fieldCipher.ts, moved to the current key
// (the first of PII_ENCRYPTION_KEYS), so the older keys can then be dropped. A sealed column missing here would stop
// opening when its key is dropped (a TOTP secret: its holder could no longer sign in), so a new one belongs here.
// Idempotent: a second run finds nothing to do.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { fieldCipher, type FieldAad, type FieldCipher } from '../../lib/fieldCipher.ts'
import { ID_NUMBER_AAD } from '../../lib/idNumberColumns.ts'
import { HANDOVER_ID_NUMBER_AAD } from '../registration/handover/idNumber.ts'
import { totpSecretAad } from '../secondFactor/totpSecret.ts'

interface SealedColumn {
  table: string
  column: string
  /** The additional data the value was sealed with (some bind it to the row). */
  aad: (id: number) => FieldAad
}

/** Every sealed column, by what the report calls it. Table and column names are constants, never input. */
export const SEALED_COLUMNS = {
  unit: { table: 'units', column: 'handlerIdNumberEnc', aad: () => ID_NUMBER_AAD.unit },
  siteApplication: {
    table: 'site_applications',
    column: 'handlerIdNumberEnc',
    aad: () => ID_NUMBER_AAD.siteApplication,
  },
  handover: { table: 'unit_handovers', column: 'newIdNumberEnc', aad: () => HANDOVER_ID_NUMBER_AAD },
  totpSecret: { table: 'users', column: 'totpSecretEnc', aad: totpSecretAad },
} as const satisfies Record<string, SealedColumn>

export type SealedColumnName = keyof typeof SEALED_COLUMNS
export type Counts = Record<SealedColumnName, number>

const BATCH = 500

/** Re-encrypts every sealed value not yet under the current key; returns how many of each it moved. */
export async function reencryptSealedColumns(prisma: PrismaClient, cipher: FieldCipher = fieldCipher): Promise<Counts> {
  const counts = Object.fromEntries(Object.keys(SEALED_COLUMNS).map((name) => [name, 0])) as Counts
  const currentPrefix = `v1.${cipher.currentKeyId}.%`
  for (const [name, sealed] of Object.entries(SEALED_COLUMNS) as [SealedColumnName, SealedColumn][]) {
    const { table, column } = sealed
    // Walks the table by id, so a row another writer changed meanwhile is not read again and again.
    for (let afterId = 0; ;) {
      const rows = await prisma.$queryRawUnsafe<{ id: number; value: string }[]>(
        `SELECT id, "${column}" AS value FROM "${table}"
          WHERE id > $1 AND "${column}" IS NOT NULL AND "${column}" NOT LIKE $2 ORDER BY id LIMIT ${BATCH}`,
        afterId,
        currentPrefix,
      )
      if (!rows.length) break
      for (const row of rows) {
        const next = cipher.reencrypt(row.value, sealed.aad(row.id))
        if (!next) continue
        // Conditional on the value read: a concurrent write (which uses the current key already) wins.
        counts[name] += await prisma.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = $1 WHERE id = $2 AND "${column}" = $3`,
          next,
          row.id,
          row.value,
        )
      }
      afterId = rows[rows.length - 1]!.id
    }
  }
  return counts
}
