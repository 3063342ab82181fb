// `npm run pii:encrypt -w server`: encrypts the ID numbers a database holds in plaintext from before field
// encryption. It applies the migrations only up to the one that adds the encrypted columns (the next one drops the
// plaintext and refuses while any is left), encrypts, and exits; then start the API as usual. Idempotent.
import { config } from '../../config.ts'
import { openDatabase } from '../../db/connect.ts'
import { applyMigrations } from '../../db/migrate.ts'
import { encryptPlaintextIdNumbers } from './idNumberRows.ts'

const ADDS_ENCRYPTED_COLUMNS = '20261206170104_pii_encrypted_id_numbers'

const database = config.databaseUrl
  ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
  : await openDatabase({ kind: 'pglite', dataDir: config.pgliteDir })
try {
  await applyMigrations(database.sql, config.migrationsDir, ADDS_ENCRYPTED_COLUMNS)
  const counts = await encryptPlaintextIdNumbers(database.sql)
  console.log(`[pii:encrypt] encrypted ${counts.unit} unit and ${counts.siteApplication} site application ID numbers`)
} catch (error) {
  console.error('[pii:encrypt] failed:', error)
  process.exitCode = 1
} finally {
  await database.close()
}
