// PII_ENCRYPTION_KEYS: the AES-256 keys that encrypt personal data at rest (lib/fieldCipher.ts). The key lives only
// in the environment, never in the database or the repository's production settings, so a stolen backup alone
// does not reveal ID numbers.

/** One key: its id (written into every ciphertext, so rotation knows which key to use) and its 32 bytes. */
export interface PiiKey {
  id: string
  key: Buffer
}

/**
 * The published development key (id `dev`): it lets a fresh clone start without configuration. It is public, so it
 * protects nothing; production refuses it.
 */
export const DEV_PII_KEYS = 'dev:ZGV2LW9ubHkta2V5LW5ldmVyLXVzZS1pbi1wcm9kISE='

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/
const DEV_KEY_BYTES = Buffer.from(DEV_PII_KEYS.slice('dev:'.length), 'base64')

/**
 * `id:base64(32 bytes)[,id:key…]`, the first key current (new ciphertext), the others only for reading what they
 * wrote until `npm run pii:reencrypt -w server` has moved it to the current one. Unset: the dev key outside
 * production; production refuses to start without keys or with the dev key.
 */
export function parsePiiKeys(raw: string | undefined, isProduction: boolean): { keys: PiiKey[]; isDevKey: boolean } {
  const text = (raw ?? '').trim()
  if (!text) {
    if (isProduction)
      throw new Error(
        'PII_ENCRYPTION_KEYS must be set in production: id:base64(32 bytes), e.g. PII_ENCRYPTION_KEYS=k2026:$(openssl rand -base64 32) ' +
          '(ID numbers are encrypted with it; back it up apart from the database backups).',
      )
    return { keys: parsePiiKeys(DEV_PII_KEYS, false).keys, isDevKey: true }
  }
  const keys: PiiKey[] = []
  for (const item of text.split(',').map((part) => part.trim())) {
    const colon = item.indexOf(':')
    const id = colon > 0 ? item.slice(0, colon) : ''
    const encoded = colon > 0 ? item.slice(colon + 1) : ''
    const key = Buffer.from(encoded, 'base64')
    if (!KEY_ID.test(id) || key.length !== 32 || key.toString('base64') !== encoded)
      throw new Error(
        `PII_ENCRYPTION_KEYS must be id:base64(32 bytes)[,id:key…] (id: 1-16 letters, digits, _ or -); "${id || item.slice(0, 16)}…" is not`,
      )
    if (keys.some((known) => known.id === id)) throw new Error(`PII_ENCRYPTION_KEYS names the key id "${id}" twice`)
    keys.push({ id, key })
  }
  const usesDevKey = keys.some((k) => k.key.equals(DEV_KEY_BYTES))
  if (isProduction && usesDevKey)
    throw new Error('PII_ENCRYPTION_KEYS holds the published development key: production needs a key of its own')
  return { keys, isDevKey: usesDevKey }
}
