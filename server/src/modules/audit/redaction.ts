// 操作日志: the redaction applied to an audit row's before/after before it leaves the API.
import type { Prisma } from '../../generated/prisma/client.ts'

/** Keys whose values never leave the API, at any depth: secrets, their hashes, verification codes. */
const SECRET_KEY = /(hash|secret|password|salt)$|^(code|verificationcode|token|session|sessionid|cookie)$/i

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key)) continue
      out[key] = redact(v)
    }
    return out
  }
  return value
}

/** The stored JSON as text, with secret keys removed; null when nothing was stored. */
export function auditJsonText(value: Prisma.JsonValue | null): string | null {
  if (value == null) return null
  return JSON.stringify(redact(value))
}
