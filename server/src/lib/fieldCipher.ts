// Field encryption for personal data at rest (design doc accounts.md §1.8): AES-256-GCM with a 12-byte random IV and
// a 16-byte tag. Stored as `v1.<keyId>.<iv b64url>.<ciphertext‖tag b64url>`; the key id lets old rows be read after
// rotation. The AAD is "<table>.<column>", so a ciphertext copied into another column does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { config } from '../config.ts'
import type { PiiKey } from './piiKeys.ts'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Where a ciphertext may be read: the table and column it was written for. */
export type FieldAad = `${string}.${string}`

export interface FieldCipher {
  /** The current key's ciphertext of `plain`. */
  encrypt(plain: string, aad: FieldAad): string
  /** The plaintext; throws on a wrong AAD, a changed byte, an unknown key or a malformed value. */
  decrypt(stored: string, aad: FieldAad): string
  /** The same plaintext under the current key (a new IV even when the key did not change), or null if it already uses it. */
  reencrypt(stored: string, aad: FieldAad): string | null
  /** The id of the key new ciphertext is written with. */
  currentKeyId: string
}

export function createFieldCipher(keys: readonly PiiKey[]): FieldCipher {
  const current = keys[0]
  if (!current) throw new Error('fieldCipher: no key')
  const byId = new Map(keys.map((k) => [k.id, k.key]))

  function encrypt(plain: string, aad: FieldAad): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', current!.key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(Buffer.from(aad, 'utf8'))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()])
    return [VERSION, current!.id, iv.toString('base64url'), body.toString('base64url')].join('.')
  }

  function decrypt(stored: string, aad: FieldAad): string {
    const [version, keyId, ivText, bodyText, ...rest] = stored.split('.')
    if (version !== VERSION || !keyId || !ivText || !bodyText || rest.length)
      throw new Error('fieldCipher: not a v1 ciphertext')
    const key = byId.get(keyId)
    if (!key) throw new Error(`fieldCipher: unknown key id "${keyId}" (is it missing from PII_ENCRYPTION_KEYS?)`)
    const iv = Buffer.from(ivText, 'base64url')
    const body = Buffer.from(bodyText, 'base64url')
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('fieldCipher: malformed ciphertext')
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    )
  }

  function reencrypt(stored: string, aad: FieldAad): string | null {
    if (stored.split('.')[1] === current!.id) return null
    return encrypt(decrypt(stored, aad), aad)
  }

  return { encrypt, decrypt, reencrypt, currentKeyId: current.id }
}

/** The cipher over PII_ENCRYPTION_KEYS. */
export const fieldCipher = createFieldCipher(config.piiEncryption.keys)
export const { encrypt, decrypt, reencrypt } = fieldCipher
