// 编办内角色 (issue 17, design §2): CONAC's own finance and system commands are split by role, a role change takes
// effect on the person's next request (their sessions and their tokens alike), and API tokens carry roles their
// creator holds, never 管理员. The city-level role columns of every other command are in the authorization matrix.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfficeRole } from '../../server/src/generated/prisma/enums.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type GraphQLErrorShape, type TestApp } from '../testkit/app.ts'

const ConfirmRemittance = graphql(`
  mutation RolesConfirmRemittance($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
    }
  }
`)
const RunDailyCharge = graphql(`
  mutation RolesRunDailyCharge {
    runDailyCharge {
      id
    }
  }
`)
const SetRewardRate = graphql(`
  mutation RolesSetRewardRate($input: SetRewardRateInput!) {
    setRewardRate(input: $input) {
      id
    }
  }
`)
const RejectInvoiceRequest = graphql(`
  mutation RolesRejectInvoiceRequest($input: RejectInvoiceRequestInput!) {
    rejectInvoiceRequest(input: $input) {
      id
    }
  }
`)
const ShipInvoiceRequest = graphql(`
  mutation RolesShipInvoiceRequest($input: ShipInvoiceRequestInput!) {
    shipInvoiceRequest(input: $input) {
      id
    }
  }
`)
const RunJobNow = graphql(`
  mutation RolesRunJobNow($job: String!) {
    runJobNow(job: $job) {
      periodKey
    }
  }
`)
const ReviewDomain = graphql(`
  mutation RolesReviewDomain($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
    }
  }
`)
const CreateToken = graphql(`
  mutation RolesCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        access
        roles
      }
    }
  }
`)
const RevokeToken = graphql(`
  mutation RolesRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`)

/** An id that matches nothing: a command that gets past the role check answers NOT_FOUND. */
const NOWHERE = '999999999'
const reasons = (result: { errors?: GraphQLErrorShape[] }) => (result.errors ?? []).map((e) => e.extensions?.reason)

let t: TestApp
let seq = 0

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

/** A CONAC clerk with the given roles, created directly (account administration is another part of issue 17). */
async function conacClerk(officeRoles: OfficeRole[]) {
  const conac = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'conac' } })
  const user = await t.db.prisma.user.create({
    data: {
      username: `roles-conac-${++seq}`,
      displayName: 'CONAC 角色测试',
      passwordHash: conac.passwordHash,
      passwordChangedAt: new Date(),
      role: 'CONAC_STAFF',
      officeId: conac.officeId,
      officeRoles,
    },
  })
  return { user, cookie: await t.login(user.username) }
}

const setRoles = (userId: number, officeRoles: OfficeRole[]) =>
  t.db.prisma.user.update({ where: { id: userId }, data: { officeRoles } })

/** CONAC's finance commands, each asked so that only its role check (or NOT_FOUND on nothing) can answer. */
const conacFinanceCommands = {
  confirmRemittance: (c: { cookie?: string; token?: string }) =>
    t.execute(ConfirmRemittance, { input: { id: NOWHERE, idempotencyKey: randomUUID(), version: 1 } }, c),
  runDailyCharge: (c: { cookie?: string; token?: string }) => t.execute(RunDailyCharge, {}, c),
  setRewardRate: (c: { cookie?: string; token?: string }) =>
    t.execute(SetRewardRate, { input: { basisPoints: 1234, effectiveFrom: '2030-01-01T00:00:00Z' } }, c),
  rejectInvoiceRequest: (c: { cookie?: string; token?: string }) =>
    t.execute(RejectInvoiceRequest, { input: { id: NOWHERE, reason: '角色测试', version: 1 } }, c),
  shipInvoiceRequest: (c: { cookie?: string; token?: string }) =>
    t.execute(ShipInvoiceRequest, { input: { id: NOWHERE, version: 1 } }, c),
}

describe('CONAC’s own commands by role', () => {
  it('refuses a CONAC 审核员 every finance command (ROLE_REQUIRED, 财务) and changes nothing', async () => {
    const { cookie } = await conacClerk(['REVIEWER'])
    const rates = await t.db.prisma.rewardRate.count()
    const runs = await t.db.prisma.jobRun.count()
    for (const [name, call] of Object.entries(conacFinanceCommands)) {
      const result = await call({ cookie })
      expect(errorCodes(result), name).toEqual(['FORBIDDEN'])
      expect(reasons(result), name).toEqual(['ROLE_REQUIRED'])
      expect(result.errors![0]!.extensions!.requiredRoles, name).toEqual(['FINANCE'])
      expect(result.errors![0]!.message, name).toContain('「财务」')
    }
    expect(await t.db.prisma.rewardRate.count()).toBe(rates)
    expect(await t.db.prisma.jobRun.count()).toBe(runs)
  })

  it('admits a CONAC 财务 to them, and refuses them 复审 and runJobNow', async () => {
    const { cookie } = await conacClerk(['FINANCE'])
    const confirm = await conacFinanceCommands.confirmRemittance({ cookie })
    expect(errorCodes(confirm)).toEqual(['NOT_FOUND'])
    const review = await t.execute(ReviewDomain, { input: { id: NOWHERE, decision: 'APPROVE', version: 1 } } as never, {
      cookie,
    })
    expect(reasons(review)).toEqual(['ROLE_REQUIRED'])
    const job = await t.execute(RunJobNow, { job: 'no-such-job' }, { cookie })
    expect(reasons(job)).toEqual(['ROLE_REQUIRED'])
    expect(job.errors![0]!.extensions!.requiredRoles).toEqual(['ADMIN'])
  })

  it('takes a role change on the next request, for the person’s session and their tokens', async () => {
    const { user, cookie } = await conacClerk(['REVIEWER', 'FINANCE'])
    const created = await t.execute(CreateToken, { input: { name: '角色变更测试', access: 'READ_WRITE' } }, { cookie })
    expect(created.errors).toBeUndefined()
    expect(created.data!.createApiToken.apiToken.roles).toEqual(['REVIEWER', 'FINANCE'])
    const token = created.data!.createApiToken.token

    expect(errorCodes(await conacFinanceCommands.confirmRemittance({ cookie }))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await conacFinanceCommands.confirmRemittance({ token }))).toEqual(['NOT_FOUND'])

    await setRoles(user.id, ['REVIEWER'])
    expect(reasons(await conacFinanceCommands.confirmRemittance({ cookie }))).toEqual(['ROLE_REQUIRED'])
    // The token keeps its stored roles but acts only with those its creator still holds.
    expect(reasons(await conacFinanceCommands.confirmRemittance({ token }))).toEqual(['ROLE_REQUIRED'])

    await setRoles(user.id, ['REVIEWER', 'FINANCE'])
    expect(errorCodes(await conacFinanceCommands.confirmRemittance({ cookie }))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await conacFinanceCommands.confirmRemittance({ token }))).toEqual(['NOT_FOUND'])
  })
})

describe('API tokens and roles', () => {
  it('gives a read-write token the creator’s roles minus 管理员 by default, a read-only token none', async () => {
    const cookie = await t.login('puyang')
    const rw = await t.execute(CreateToken, { input: { name: '默认角色', access: 'READ_WRITE' } }, { cookie })
    expect(rw.data!.createApiToken.apiToken.roles).toEqual(['REVIEWER', 'FINANCE'])
    const ro = await t.execute(CreateToken, { input: { name: '只读令牌', access: 'READ_ONLY' } }, { cookie })
    expect(ro.data!.createApiToken.apiToken.roles).toEqual([])
    const chosen = await t.execute(
      CreateToken,
      { input: { name: '仅财务', access: 'READ_WRITE', roles: ['FINANCE'] } },
      { cookie },
    )
    expect(chosen.data!.createApiToken.apiToken.roles).toEqual(['FINANCE'])
  })

  it('refuses 管理员 on a token, and a role its creator lacks (ROLE_NOT_GRANTABLE), creating nothing', async () => {
    const before = await t.db.prisma.apiToken.count()
    const admin = await t.execute(
      CreateToken,
      { input: { name: '管理员令牌', access: 'READ_WRITE', roles: ['ADMIN'] } },
      { cookie: await t.login('puyang') },
    )
    expect(errorCodes(admin)).toEqual(['FORBIDDEN'])
    expect(reasons(admin)).toEqual(['ROLE_NOT_GRANTABLE'])
    const lacking = await t.execute(
      CreateToken,
      { input: { name: '越权令牌', access: 'READ_WRITE', roles: ['FINANCE'] } },
      { cookie: await t.login('py-shenhe') },
    )
    expect(errorCodes(lacking)).toEqual(['FORBIDDEN'])
    expect(reasons(lacking)).toEqual(['ROLE_NOT_GRANTABLE'])
    expect(lacking.errors![0]!.message).toContain('「财务」')
    expect(await t.db.prisma.apiToken.count()).toBe(before)
  })

  it('lets a person revoke their own token, and only the office’s 管理员 another person’s', async () => {
    const reviewer = await t.login('py-shenhe')
    const finance = await t.login('py-caiwu')
    const created = await t.execute(
      CreateToken,
      { input: { name: '审核员的令牌', access: 'READ_ONLY' } },
      {
        cookie: reviewer,
      },
    )
    const id = created.data!.createApiToken.apiToken.id

    const byFinance = await t.execute(RevokeToken, { id }, { cookie: finance })
    expect(reasons(byFinance)).toEqual(['ROLE_REQUIRED'])
    expect(byFinance.errors![0]!.extensions!.requiredRoles).toEqual(['ADMIN'])
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: Number(id) } })).revokedAt).toBeNull()

    const byAdmin = await t.execute(RevokeToken, { id }, { cookie: await t.login('py-admin') })
    expect(byAdmin.errors).toBeUndefined()
    expect(byAdmin.data!.revokeApiToken.revokedAt).not.toBeNull()

    const own = await t.execute(
      CreateToken,
      { input: { name: '财务的令牌', access: 'READ_ONLY' } },
      { cookie: finance },
    )
    const revokedOwn = await t.execute(RevokeToken, { id: own.data!.createApiToken.apiToken.id }, { cookie: finance })
    expect(revokedOwn.errors).toBeUndefined()
  })
})
