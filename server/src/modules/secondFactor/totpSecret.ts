// The TOTP secret at rest: AES-256-GCM under TOTP_ENCRYPTION_KEY, bound to its user by the additional data
// "users.totp:<id>" (a sealed secret copied onto another user does not open). A stand-in until lib/fieldCipher.ts
// (PII_ENCRYPTION_KEYS, key rotation) exists: only these two functions need to switch to it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { config } from '../../config.ts'

const VERSION = 'v1'

const aad = (userId: number) => Buffer.from(`users.totp:${userId}`)

/** "v1:<iv>:<tag>:<ciphertext>", base64url parts: fits users.totpSecretEnc (255). */
export function sealTotpSecret(
  userId: number,
  secretBase32: string,
  key = config.secondFactor.totpEncryptionKey,
): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(userId))
  const sealed = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':')
}

/** The base32 secret; throws when the value was not sealed for this user under this key. */
export function openTotpSecret(userId: number, sealed: string, key = config.secondFactor.totpEncryptionKey): string {
  const [version, iv, tag, data] = sealed.split(':')
  if (version !== VERSION || !iv || !tag || !data) throw new Error('not a sealed TOTP secret')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAAD(aad(userId))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}
