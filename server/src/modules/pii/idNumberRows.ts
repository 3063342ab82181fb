// The backfill that encrypts ID numbers written before field encryption (npm run pii:encrypt -w server). Idempotent:
// a second run finds nothing to do. Key rotation of every sealed column is reencrypt.ts.
import type { SqlRunner } from '../../db/connect.ts'
import { fieldCipher, type FieldCipher } from '../../lib/fieldCipher.ts'
import { ID_NUMBER_AAD, type IdNumberOwner } from '../../lib/idNumberColumns.ts'
import { maskIdNumber } from '../../lib/masking.ts'

const TABLES: Record<IdNumberOwner, string> = { unit: 'units', siteApplication: 'site_applications' }
const BATCH = 500

export type Counts = Record<IdNumberOwner, number>

/**
 * Moves plaintext handlerIdNumber values into handlerIdNumberEnc + handlerIdNumberMasked and clears them. Raw SQL:
 * the Prisma client no longer knows the plaintext column, which exists only between migrations
 * 20261206170104_pii_encrypted_id_numbers and 20261206170142_pii_drop_plaintext_id_numbers.
 */
export async function encryptPlaintextIdNumbers(sql: SqlRunner, cipher: FieldCipher = fieldCipher): Promise<Counts> {
  const counts: Counts = { unit: 0, siteApplication: 0 }
  for (const owner of Object.keys(TABLES) as IdNumberOwner[]) {
    const table = TABLES[owner]
    const [column] = await sql.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'handlerIdNumber'`,
      [table],
    )
    if (!column) continue
    for (;;) {
      const rows = await sql.query<{ id: number; plain: string }>(
        `SELECT id, trim("handlerIdNumber") AS plain FROM "${table}" WHERE "handlerIdNumber" IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
      )
      if (!rows.length) break
      for (const row of rows) {
        await sql.query(
          `UPDATE "${table}" SET "handlerIdNumberEnc" = $2, "handlerIdNumberMasked" = $3, "handlerIdNumber" = NULL WHERE id = $1`,
          [row.id, cipher.encrypt(row.plain, ID_NUMBER_AAD[owner]), maskIdNumber(row.plain)],
        )
      }
      counts[owner] += rows.length
    }
  }
  return counts
}
