// The TOTP secret at rest: sealed by lib/fieldCipher.ts (AES-256-GCM under PII_ENCRYPTION_KEYS), bound to its user by
// the additional data "users.totpSecretEnc:<id>", so a sealed secret copied onto another user does not open.
import { fieldCipher } from '../../lib/fieldCipher.ts'

export const totpSecretAad = (userId: number) => `users.totpSecretEnc:${userId}` as const
const aad = totpSecretAad

/** The stored form of a base32 secret (fits users.totpSecretEnc, 255). */
export function sealTotpSecret(userId: number, secretBase32: string): string {
  return fieldCipher.encrypt(secretBase32, aad(userId))
}

/** The base32 secret; throws when the value was not sealed for this user under a known key. */
export function openTotpSecret(userId: number, sealed: string): string {
  return fieldCipher.decrypt(sealed, aad(userId))
}
