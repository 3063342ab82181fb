// The search box of the account lists: part of the login name or the person's name (and of the unit's name in
// 单位账号管理), taken literally (lib/likeText.ts).
import type { Prisma } from '../../generated/prisma/client.ts'
import { literalLike } from '../../lib/likeText.ts'

export function accountSearch(search: string | null | undefined, options: { unitName?: boolean } = {}) {
  const text = search?.trim()
  if (!text) return {}
  const like = { contains: literalLike(text), mode: 'insensitive' as const }
  const filters: Prisma.UserWhereInput[] = [{ username: like }, { displayName: like }]
  if (options.unitName) filters.push({ unit: { name: like } })
  return { OR: filters } satisfies Prisma.UserWhereInput
}
