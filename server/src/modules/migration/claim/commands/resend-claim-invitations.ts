// 批量重新发送 (未认领账号): the chosen accounts (userIds, at most a page) or every account the list's filter matches
// (at most BULK_LIMIT at a time, oldest import first), each in a transaction of its own. An account sent within the
// throttle window, or whose number's own limits refuse a code now, is passed over and counted; the SMS budget
// refusing a code ends the request (the rest keep their state). An id outside the viewer's area refuses the whole
// request (NOT_FOUND) before anything is sent.
import { GraphQLError } from 'graphql'
import { defineCommand } from '../../../../commands/define.ts'
import { badInput } from '../../../../errors.ts'
import { reportSmsBudgetReached, SmsBudgetReachedError } from '../../../verification/budget.ts'
import { SEND_TRANSACTION } from '../../../verification/issue.ts'
import { withOrganisation, type ClaimAccount } from '../invite.ts'
import {
  findUnclaimedAccount,
  unclaimedAccountsPolicy,
  unclaimedAccountsWhere,
  type UnclaimedFilter,
} from '../scope.ts'
import { resendInTransaction } from './resend.ts'

/** Accounts one request sends to at most; the office sends again for the rest. */
export const BULK_LIMIT = 200
const MAX_IDS = 100

export interface ResendClaimInvitationsInput extends UnclaimedFilter {
  userIds?: readonly string[] | null
}

export interface ResendClaimSummary {
  /** Accounts chosen (ids) or matching the filter. */
  matched: number
  sent: number
  /** Sent within the throttle window: not sent again. */
  throttled: number
  /** The mobile number's own limits refused a code now (a number shared by several accounts). */
  deferred: number
  /** Without a mobile or email: nothing to send to. */
  withoutContact: number
  /** Not reached: over BULK_LIMIT, or left when the SMS budget stopped the request. */
  notAttempted: number
  /** The SMS budget's refusal, when it stopped the request. */
  stoppedBy: string | null
}

export const resendClaimInvitations = defineCommand({
  name: 'resendClaimInvitations',
  policy: unclaimedAccountsPolicy,
  scope: 'migration/claim/scope.ts unclaimedAccountScope',
  effects: [
    'per account: a new ACTIVATION link (older ones consumed) and SMS code (limits and SMS budget apply)',
    'users.claimInvitedAt when it was not yet invited',
    'audit account.claimResend per account sent',
  ],
  notices: ['account.claim', 'verification.code'],

  async run(ctx, input: ResendClaimInvitationsInput): Promise<ResendClaimSummary> {
    const now = new Date()
    let accounts: ClaimAccount[]
    let matched: number
    if (input.userIds) {
      const ids = [...new Set(input.userIds)]
      if (!ids.length || ids.length > MAX_IDS) {
        throw badInput(`请选择 1–${MAX_IDS} 个账号`, { userIds: `请选择 1–${MAX_IDS} 个账号` })
      }
      accounts = []
      for (const id of ids) accounts.push(await findUnclaimedAccount(ctx, id))
      matched = accounts.length
    } else {
      const where = unclaimedAccountsWhere(ctx.viewer, input, now)
      matched = await ctx.prisma.user.count({ where })
      accounts = await ctx.prisma.user.findMany({
        where,
        include: withOrganisation,
        orderBy: [{ importedAt: 'asc' }, { id: 'asc' }],
        take: BULK_LIMIT,
      })
    }
    const summary: ResendClaimSummary = {
      matched,
      sent: 0,
      throttled: 0,
      deferred: 0,
      withoutContact: 0,
      notAttempted: 0,
      stoppedBy: null,
    }
    let index = 0
    for (; index < accounts.length; index += 1) {
      const user = accounts[index]!
      try {
        await ctx.prisma.$transaction((tx) => resendInTransaction(tx, ctx, user, now, { bulk: true }), SEND_TRANSACTION)
        summary.sent += 1
      } catch (error) {
        if (error instanceof SmsBudgetReachedError) {
          summary.stoppedBy = (await reportSmsBudgetReached(ctx.prisma, ctx, error, now)).message
          break
        }
        const reason = error instanceof GraphQLError ? error.extensions.reason : undefined
        const code = error instanceof GraphQLError ? error.extensions.code : undefined
        if (reason === 'CLAIM_RESEND_THROTTLED') summary.throttled += 1
        else if (reason === 'CLAIM_NO_CONTACT') summary.withoutContact += 1
        else if (reason === 'CLAIM_ALREADY_DONE')
          continue // claimed meanwhile: nothing to send, nothing to count
        else if (code === 'TOO_MANY_ATTEMPTS') summary.deferred += 1
        else throw error
      }
    }
    // The account the budget stopped at was not sent either.
    summary.notAttempted = matched - index
    return summary
  },
})
