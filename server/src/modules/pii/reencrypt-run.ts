// `npm run pii:reencrypt -w server`: key rotation. Put the new key first in PII_ENCRYPTION_KEYS (keep the old one
// after it), restart the API, run this; when it reports, the old key may be removed. Idempotent.
import { openConfiguredDatabase } from '../../db/open.ts'
import { fieldCipher } from '../../lib/fieldCipher.ts'
import { reencryptSealedColumns } from './reencrypt.ts'

const database = await openConfiguredDatabase()
try {
  const counts = await reencryptSealedColumns(database.prisma)
  console.log(
    `[pii:reencrypt] now under key "${fieldCipher.currentKeyId}": ${counts.unit} unit and ${counts.siteApplication} ` +
      `site application ID numbers, ${counts.handover} handover ID numbers, ${counts.totpSecret} TOTP secrets`,
  )
} catch (error) {
  console.error('[pii:reencrypt] failed:', error)
  process.exitCode = 1
} finally {
  await database.close()
}
