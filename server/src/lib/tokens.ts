// Random bearer secrets (session cookies, API tokens). Only their SHA-256 is stored, so a leaked database
// does not leak usable credentials.
import { createHash, randomBytes } from 'node:crypto'

export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
