// Browser-test set-up along the fee path through the API the suite started (as the people would do it in the
// portal): a unit applies for a domain, its same-level office and CONAC approve it, the office collects the fee and
// remits the week. One remittance per office and week: each test that needs one uses its own office.
import { graphql } from '../graphql/generated/index.ts'
import { mustPost, sessionCookie } from './http.ts'

const Apply = graphql(`
  mutation FeePathApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
      fullName
    }
  }
`)

const Review = graphql(`
  mutation FeePathReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)

export const Due = graphql(`
  query FeePathDue {
    unitsAwaitingPayment {
      unit {
        id
        name
      }
      amountDueFen
      items {
        feeFen
        domain {
          id
        }
      }
    }
  }
`)

export const Collect = graphql(`
  mutation FeePathCollect($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
    }
  }
`)

const Remit = graphql(`
  mutation FeePathRemit($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      amountFen
      status
      version
    }
  }
`)

/** This week's Monday in China time, as createRemittance expects it (UTC midnight of that date). */
export function chinaMonday(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3_600_000)
  const day = local.getUTCDay() || 7
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1))).toISOString()
}

let sequence = 0
const key = (what: string) =>
  `${what}-${Date.now().toString(36)}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`

/** A domain the unit applied for, approved by its office (`officeLogin`) and by CONAC: CONAC_APPROVED. */
export async function approvedDomain(
  apiUrl: string,
  options: { unitLogin: string; officeLogin: string; name: string; years?: number; suffix?: 'ZHENGWU' | 'GONGYI' },
) {
  const unit = await sessionCookie(apiUrl, options.unitLogin)
  const office = await sessionCookie(apiUrl, options.officeLogin)
  const conac = await sessionCookie(apiUrl, 'conac')
  const applied = await mustPost(
    apiUrl,
    Apply,
    { input: { name: options.name, suffix: options.suffix ?? 'ZHENGWU', years: options.years ?? 1 } },
    unit,
  )
  const domain = applied.applyForDomain
  const byOffice = await mustPost(
    apiUrl,
    Review,
    { input: { id: domain.id, version: domain.version, decision: 'APPROVE' } },
    office,
  )
  await mustPost(
    apiUrl,
    Review,
    { input: { id: domain.id, version: byOffice.reviewDomain.version, decision: 'APPROVE' } },
    conac,
  )
  return { id: domain.id, fullName: domain.fullName }
}

/** The office (`officeLogin`) collects what is due for the given domains at the price list total. */
export async function collectFor(
  apiUrl: string,
  officeLogin: string,
  domainIds: string[],
): Promise<{ amountFen: number }> {
  const office = await sessionCookie(apiUrl, officeLogin)
  const due = await mustPost(apiUrl, Due, {}, office)
  const items = due.unitsAwaitingPayment.flatMap((row) =>
    row.items.map((item) => ({ unitId: row.unit.id, domainId: item.domain.id, feeFen: item.feeFen as number })),
  )
  const chosen = items.filter((item) => domainIds.includes(item.domainId))
  if (chosen.length !== domainIds.length) throw new Error(`not all domains are due: ${domainIds.join(', ')}`)
  const unitIds = new Set(chosen.map((item) => item.unitId))
  if (unitIds.size !== 1) throw new Error('collectFor takes the domains of one unit')
  const amountFen = chosen.reduce((sum, item) => sum + item.feeFen, 0)
  await mustPost(
    apiUrl,
    Collect,
    { input: { unitId: [...unitIds][0]!, domainIds, amountFen, invoiceCount: 0, idempotencyKey: key('collect') } },
    office,
  )
  return { amountFen }
}

/** This week's 汇款单 of the office: everything it collected and has not remitted. */
export async function remitThisWeek(apiUrl: string, officeLogin: string, bankReference?: string) {
  const office = await sessionCookie(apiUrl, officeLogin)
  const remitted = await mustPost(
    apiUrl,
    Remit,
    { input: { weekStart: chinaMonday(), bankReference: bankReference ?? null, idempotencyKey: key('remit') } },
    office,
  )
  return remitted.createRemittance
}
