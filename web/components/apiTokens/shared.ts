// API 令牌: labels, the name rule (the same as the API's createApiToken), a token's state, and the sample call.
import type { ApiTokenAccess, OfficeRole } from '@/graphql/generated/graphql'

export const ACCESS_LABELS: Record<ApiTokenAccess, string> = {
  READ_ONLY: '只读',
  READ_WRITE: '读写',
}

export const ACCESS_HELP: Record<ApiTokenAccess, string> = {
  READ_ONLY: '只读（仅查询数据）',
  READ_WRITE: '读写（查询数据并办理业务）',
}

/**
 * The roles a person may give a read-write token: their own, never 管理员 (the API refuses others with
 * ROLE_NOT_GRANTABLE). A token acts only with those its creator still holds.
 */
export function grantableTokenRoles(officeRoles: readonly OfficeRole[]): OfficeRole[] {
  return (['REVIEWER', 'FINANCE'] as const).filter((role) => officeRoles.includes(role))
}

/** 有效期 choices in days; '' is 不过期. The API accepts 1-366 days. */
export const EXPIRY_CHOICES: { value: string; label: string }[] = [
  { value: '30', label: '30 天' },
  { value: '90', label: '90 天' },
  { value: '180', label: '180 天' },
  { value: '366', label: '366 天（一年）' },
  { value: '', label: '不过期' },
]

export const NAME_MIN = 2
export const NAME_MAX = 64

/** The problem with a token name, or null: 2-64 characters after trimming, like the API. */
export function tokenNameProblem(name: string): string | null {
  const length = name.trim().length
  return length < NAME_MIN || length > NAME_MAX ? `名称应为 ${NAME_MIN}-${NAME_MAX} 个字符` : null
}

export type TokenState = 'ACTIVE' | 'EXPIRED' | 'REVOKED'

export const TOKEN_STATE_LABELS: Record<TokenState, string> = {
  ACTIVE: '有效',
  EXPIRED: '已过期',
  REVOKED: '已撤销',
}

/** A revoked token stays 已撤销 even after its expiry date. */
export function tokenState(
  token: { revokedAt?: string | null; expiresAt?: string | null },
  now = Date.now(),
): TokenState {
  if (token.revokedAt) return 'REVOKED'
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'EXPIRED'
  return 'ACTIVE'
}

/** The query of the sample call: what a read-only token may run. */
export const SAMPLE_QUERY = '{ units(first: 5) { totalCount edges { node { name } } } }'

/** A curl line an integrator can paste: POST the sample query to the API with the token. */
export function sampleCurl(endpoint: string, token: string): string {
  const body = JSON.stringify({ query: SAMPLE_QUERY })
  return [
    `curl -X POST '${endpoint}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H 'Authorization: Bearer ${token}' \\`,
    `  -d '${body}'`,
  ].join('\n')
}
