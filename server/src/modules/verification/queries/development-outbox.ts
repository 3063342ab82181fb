// 开发发件箱: the newest SMS and email in the outbox, so a person can read a verification code without an SMS gateway.
// Public (the person registering has no login yet), and only where the server runs with the development outbox.
import { MAX_PAGE_SIZE } from '../../../builder.ts'
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { config } from '../../../config.ts'
import { badInput, forbidden } from '../../../errors.ts'

export const developmentOutbox = defineQuery({
  name: 'developmentOutbox',
  policy: {
    who: EVERYONE,
    tokens: true,
    rule: 'only with the development outbox (development, or DEV_OUTBOX=true): public so a person registering can read the code',
  },
  scope: 'every SMS and EMAIL row of the outbox',
  run(ctx, input: { query: object; first?: number | null }) {
    if (!config.devOutbox) throw forbidden('开发发件箱仅在开发环境中可用')
    const take = input.first ?? 20
    if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE_SIZE)
      throw badInput(`first 应为 1-${MAX_PAGE_SIZE}`, { first: `应为 1-${MAX_PAGE_SIZE}` })
    return ctx.prisma.notification.findMany({
      ...input.query,
      where: { channel: { in: ['SMS', 'EMAIL'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    })
  },
})
