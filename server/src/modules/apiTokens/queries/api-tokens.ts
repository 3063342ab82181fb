// API 令牌: the tokens of the viewer's office, newest first.
import { defineQuery } from '../../../commands/define.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { apiTokenPolicy, staffSessionOf } from '../staff.ts'

export const apiTokens = defineQuery({
  name: 'apiTokens',
  policy: apiTokenPolicy,
  scope: 'the viewer’s own office’s tokens (officeId)',
  run(ctx, input: { query: { include?: Prisma.ApiTokenInclude; select?: Prisma.ApiTokenSelect } }) {
    const { office } = staffSessionOf(ctx)
    return ctx.prisma.apiToken.findMany({
      ...input.query,
      where: { officeId: office.officeId },
      orderBy: { id: 'desc' },
    })
  },
})
