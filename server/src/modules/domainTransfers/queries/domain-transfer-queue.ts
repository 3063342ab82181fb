// 过户审批: the requests whose approval chain names the viewer's office (CONAC's for CONAC), those still waiting
// for this office first. An office that oversees both units but is not in the chain does not see them here.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { officeScopeOf } from '../../../viewer.ts'

export const domainTransferQueue = defineQuery({
  name: 'domainTransferQueue',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    rule: '审批链: the requests whose approval chain names the viewer’s office',
    refusal: '域名过户由相关编办审批',
  },
  scope: 'approvalChain',
  /** The rows of the viewer's queue; waitingForMe: only those still PENDING with this office's decision to make. */
  run(ctx, waitingForMe: boolean | null | undefined): Prisma.DomainTransferRequestWhereInput {
    // The policy admitted only staff and tokens of an office.
    const officeId = officeScopeOf(ctx.viewer)!.officeId
    return waitingForMe
      ? { status: 'PENDING', approvals: { some: { officeId, decision: 'PENDING' } } }
      : { approvals: { some: { officeId } } }
  },
})
