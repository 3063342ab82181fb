// 账号认领 (issue 20): accounts imported from the old system (PENDING_ACTIVATION, no password, importedAt set) are
// invited by the job 迁移账号认领通知 a few at a time (never twice, two runs at once included; stopped by the SMS
// budget), listed for the offices of their area (未认领账号), re-sent (throttled per account), and claimed through
// the ordinary activation with the emailed link: the account is ACTIVE, logs in, and leaves the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymous } from '../../server/src/viewer.ts'
import { config } from '../../server/src/config.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { describeSchedule, latestDueSlot, nextRunAt, periodKeyFor } from '../../server/src/modules/jobs/schedule.ts'
import { inviteImportedAccounts } from '../../server/src/modules/migration/claim/invite.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createUnit } from '../testkit/fixtures.ts'
import { freshMobile } from '../testkit/registration.ts'

const Unclaimed = graphql(`
  query TestClaimUnclaimed($search: String, $invitation: ClaimInvitationState, $first: Int) {
    unclaimedAccounts(search: $search, invitation: $invitation, first: $first) {
      totalCount
      edges {
        node {
          id
          username
          organisation
          regionName
          maskedMobile
          hasContact
          invitation {
            state
            sentAt
            expiresAt
            resendableAt
          }
        }
      }
    }
  }
`)

const Resend = graphql(`
  mutation TestClaimResend($userId: ID!) {
    resendClaimInvitation(userId: $userId) {
      id
      invitation {
        state
      }
    }
  }
`)

const ResendMany = graphql(`
  mutation TestClaimResendMany($userIds: [ID!], $search: String, $invitation: ClaimInvitationState) {
    resendClaimInvitations(userIds: $userIds, search: $search, invitation: $invitation) {
      matched
      sent
      throttled
      deferred
      withoutContact
      notAttempted
      stoppedBy
    }
  }
`)

const LinkState = graphql(`
  query TestClaimLinkState($token: String!) {
    activationLinkState(token: $token) {
      state
      imported
    }
  }
`)

const Activate = graphql(`
  mutation TestClaimActivate($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      username
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ poolSize: 4 })
}, 120_000)
afterAll(() => t?.close())

const prisma = () => t.db.prisma
let sequence = 0
/** Imports in the tests are dated from here, one minute apart, so "oldest first" is well defined. */
const IMPORT_EPOCH = Date.parse('2026-01-01T00:00:00Z')

/** An imported unit and its primary account, as the migration writes them. */
async function importedAccount(regionCode: string, options: { mobile?: string; email?: string | null } = {}) {
  sequence += 1
  const unit = await createUnit(prisma(), { regionCode, name: `迁移测试单位${sequence}号` })
  const username = `mig-claim-${Date.now() % 100_000}-${sequence}`
  return prisma().user.create({
    data: {
      username,
      displayName: `迁移经办人${sequence}`,
      role: 'UNIT_USER',
      unitId: unit.id,
      unitRole: 'PRIMARY',
      status: 'PENDING_ACTIVATION',
      mobile: options.mobile ?? freshMobile(),
      email: options.email === undefined ? `${username}@example.com` : options.email,
      importedAt: new Date(IMPORT_EPOCH + sequence * 60_000),
    },
  })
}

/** Marks every imported account invited, so a test's job runs see only the accounts it made. */
async function inviteEverythingBefore() {
  await prisma().user.updateMany({
    where: { importedAt: { not: null }, claimInvitedAt: null },
    data: { claimInvitedAt: new Date() },
  })
}

const job = (options: { perRun?: number; now?: Date; perHour?: number } = {}) =>
  inviteImportedAccounts(prisma(), {
    now: options.now ?? new Date(),
    actor: { viewer: anonymous, ip: null },
    perRun: options.perRun,
    smsBudget: { perHour: options.perHour ?? 100_000, perDay: 1_000_000, anonymousShare: 100 },
  })

const tokensOf = (userId: number) => prisma().accountToken.count({ where: { userId, purpose: 'ACTIVATION' } })

/** The secret of the latest claim email's link to the account. */
async function claimLinkOf(userId: number): Promise<string> {
  const email = await prisma().notification.findFirstOrThrow({
    where: { userId, template: 'account.claim', channel: 'EMAIL' },
    orderBy: { id: 'desc' },
  })
  const match = /token=([^\s]+) 。/.exec(email.body)
  expect(match, email.body).not.toBeNull()
  return decodeURIComponent(match![1]!)
}

/** Lets the account be re-sent now: its latest link (and SMS code) are made older than the throttle window. */
async function ageLatestSend(user: { id: number; mobile: string | null }) {
  const past = new Date(Date.now() - (config.migrationClaim.resendMinutes + 1) * 60_000)
  await prisma().accountToken.updateMany({ where: { userId: user.id }, data: { createdAt: past } })
  await prisma().verificationCode.updateMany({ where: { mobile: user.mobile! }, data: { createdAt: past } })
}

describe('the invitation job (迁移账号认领通知)', () => {
  it('invites N a run, oldest import first, marks claimInvitedAt, never twice, with the claim text', async () => {
    await inviteEverythingBefore()
    const accounts = []
    for (let i = 0; i < 5; i += 1) accounts.push(await importedAccount('410922'))
    const first = await job({ perRun: 2 })
    expect(first).toMatchObject({ invited: 2, deferred: 0, notYetInvited: 3 })
    const invited = await prisma().user.findMany({
      where: { id: { in: accounts.map((a) => a.id) }, claimInvitedAt: { not: null } },
      orderBy: { id: 'asc' },
    })
    expect(invited.map((u) => u.id)).toEqual([accounts[0]!.id, accounts[1]!.id])
    expect(await job({ perRun: 2 })).toMatchObject({ invited: 2, notYetInvited: 1 })
    expect(await job({ perRun: 2 })).toMatchObject({ invited: 1, notYetInvited: 0 })
    expect(await job({ perRun: 2 })).toMatchObject({ invited: 0, notYetInvited: 0 })
    for (const account of accounts) {
      expect(await tokensOf(account.id)).toBe(1)
      const emails = await prisma().notification.findMany({ where: { userId: account.id, channel: 'EMAIL' } })
      expect(emails).toHaveLength(1)
      expect(emails[0]).toMatchObject({ template: 'account.claim', address: account.email })
      expect(emails[0]!.body).toContain('原网上名称注册管理系统')
      expect(emails[0]!.body).toContain(`${config.accounts.activationHours} 小时内`)
      expect(emails[0]!.body).not.toMatch(/undefined|null/)
      const sms = await prisma().notification.count({
        where: { channel: 'SMS', address: account.mobile!, template: 'verification.code' },
      })
      expect(sms).toBe(1)
    }
    // One audit row per run that did something, with the count.
    const audits = await prisma().auditLog.findMany({
      where: { action: 'account.claimInvite' },
      orderBy: { id: 'asc' },
    })
    expect(audits.map((row) => (row.after as { invited: number }).invited)).toEqual([2, 2, 1])
  })

  it('two runs at once never invite one account twice', async () => {
    await inviteEverythingBefore()
    const accounts = []
    for (let i = 0; i < 6; i += 1) accounts.push(await importedAccount('410922'))
    const [a, b] = await Promise.all([job({ perRun: 4 }), job({ perRun: 4 })])
    expect(a.invited + b.invited).toBe(6)
    for (const account of accounts) expect(await tokensOf(account.id)).toBe(1)
  })

  it('stops at the SMS budget and leaves the rest for a later run; the budget alert is written', async () => {
    await inviteEverythingBefore()
    const accounts = []
    for (let i = 0; i < 4; i += 1) accounts.push(await importedAccount('410922'))
    // An hour of its own, with room for two codes.
    const now = new Date('2031-03-04T05:10:00Z')
    const stopped = await job({ now, perRun: 10, perHour: 2 })
    expect(stopped).toMatchObject({ invited: 2, notYetInvited: 2 })
    expect(stopped.stoppedBy).toContain('已达上限')
    expect(await tokensOf(accounts[2]!.id)).toBe(0) // the refused account's link rolled back with its code
    expect(
      await prisma().auditLog.count({
        where: { action: 'verification.budgetReached', subjectId: { contains: '2031' } },
      }),
    ).toBe(1)
    // The next hour has budget again.
    const later = await job({ now: new Date('2031-03-04T06:10:00Z'), perRun: 10, perHour: 2 })
    expect(later).toMatchObject({ invited: 2, notYetInvited: 0 })
    for (const account of accounts) expect(await tokensOf(account.id)).toBe(1)
  })

  it('passes over an account whose number just got a code (one handler, two units) and invites it next time', async () => {
    await inviteEverythingBefore()
    const mobile = freshMobile()
    const one = await importedAccount('410922', { mobile })
    const two = await importedAccount('410922', { mobile })
    expect(await job({ perRun: 10 })).toMatchObject({ invited: 1, deferred: 1, notYetInvited: 1 })
    expect(await tokensOf(one.id)).toBe(1)
    expect(await tokensOf(two.id)).toBe(0)
    await prisma().verificationCode.updateMany({
      where: { mobile },
      data: { createdAt: new Date(Date.now() - 120_000) },
    })
    expect(await job({ perRun: 10 })).toMatchObject({ invited: 1, deferred: 0, notYetInvited: 0 })
    expect(await tokensOf(two.id)).toBe(1)
  })

  it('an every-N-minutes schedule: slots from Beijing midnight, the slot as the period', () => {
    const every10 = { everyMinutes: 10 }
    expect(describeSchedule(every10)).toBe('每 10 分钟')
    const now = new Date('2031-05-06T07:08:30Z') // 15:08:30 Beijing
    expect(latestDueSlot(every10, now)!.toISOString()).toBe('2031-05-06T07:00:00.000Z')
    expect(nextRunAt(every10, now).toISOString()).toBe('2031-05-06T07:10:00.000Z')
    expect(periodKeyFor(every10, now)).toBe('2031-05-06 15:00')
    // Just before Beijing midnight: the slot and its day are Beijing's.
    expect(periodKeyFor(every10, new Date('2031-05-06T15:59:00Z'))).toBe('2031-05-06 23:50')
    expect(periodKeyFor(every10, new Date('2031-05-06T16:01:00Z'))).toBe('2031-05-07 00:00')
    expect(periodKeyFor({ days: 'DAILY', hour: 1, minute: 0 }, now)).toBe('2031-05-06')
  })

  it('is a scheduled job that runs every few minutes, once per slot', async () => {
    await inviteEverythingBefore()
    const account = await importedAccount('410922')
    const definition = jobByName('migrationClaimInvites')!
    expect(definition.title).toBe('迁移账号认领通知')
    const now = new Date('2031-05-06T07:08:00Z')
    const options = { claimInvites: { smsBudget: { perHour: 100, perDay: 1000, anonymousShare: 100 } } }
    const first = await runJob(prisma(), definition, { now, options })
    expect(first.run.status).toBe('SUCCEEDED')
    expect(first.periodKey).toMatch(/^2031-05-06 15:\d\d$/)
    expect(first.run.result).toMatchObject({ invited: 1 })
    expect((await runJob(prisma(), definition, { now, options })).alreadyRan).toBe(true)
    expect(await tokensOf(account.id)).toBe(1)
  })
})

describe('未认领账号 for the offices', () => {
  it('is scoped to the office’s area; a unit user and a staff member without 管理员 are refused', async () => {
    const mine = await importedAccount('410922')
    const county = await t.login('qingfeng')
    const listed = await t.execute(Unclaimed, { search: mine.username }, { cookie: county })
    expect(listed.errors).toBeUndefined()
    expect(listed.data!.unclaimedAccounts.edges.map((edge) => edge.node.id)).toEqual([String(mine.id)])
    expect(listed.data!.unclaimedAccounts.edges[0]!.node).toMatchObject({
      organisation: expect.stringContaining('迁移测试单位'),
      regionName: '清丰县',
      hasContact: true,
      maskedMobile: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
    })
    // By the unit's name too.
    const unit = await prisma().unit.findUniqueOrThrow({ where: { id: mine.unitId! } })
    const byUnit = await t.execute(Unclaimed, { search: unit.name }, { cookie: county })
    expect(byUnit.data!.unclaimedAccounts.totalCount).toBe(1)
    // The city above sees it, CONAC too; another county does not.
    for (const [username, count] of [
      ['puyang', 1],
      ['py-admin', 1],
      ['conac', 1],
      ['nanle', 0],
    ] as const) {
      const cookie = await t.login(username)
      const answer = await t.execute(Unclaimed, { search: mine.username }, { cookie })
      expect(answer.errors, username).toBeUndefined()
      expect(answer.data!.unclaimedAccounts.totalCount, username).toBe(count)
    }
    expect(errorCodes(await t.execute(Unclaimed, {}, { cookie: await t.login('qfzf') }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(Unclaimed, {}, { cookie: await t.login('py-shenhe') }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(Unclaimed, {}))).toEqual(['UNAUTHENTICATED'])
  })

  it('shows the invitation state: 未发送, 已发送 and 链接已过期, and filters by it', async () => {
    const account = await importedAccount('410922')
    const county = await t.login('qingfeng')
    const stateOf = async () =>
      (await t.execute(Unclaimed, { search: account.username }, { cookie: county })).data!.unclaimedAccounts.edges[0]!
        .node.invitation
    expect(await stateOf()).toMatchObject({ state: 'NOT_SENT', sentAt: null })
    const sent = await t.execute(Resend, { userId: String(account.id) }, { cookie: county })
    expect(sent.errors).toBeUndefined()
    const invitation = await stateOf()
    expect(invitation.state).toBe('SENT')
    expect(invitation.resendableAt).not.toBeNull()
    // The link lives ACTIVATION_HOURS (its creation time is the database's clock, its expiry the API's).
    const lifetime = new Date(invitation.expiresAt!).getTime() - new Date(invitation.sentAt!).getTime()
    expect(Math.abs(lifetime - config.accounts.activationHours * 3_600_000)).toBeLessThan(60_000)
    const filtered = async (state: 'NOT_SENT' | 'SENT' | 'EXPIRED') =>
      (await t.execute(Unclaimed, { search: account.username, invitation: state }, { cookie: county })).data!
        .unclaimedAccounts.totalCount
    expect([await filtered('NOT_SENT'), await filtered('SENT'), await filtered('EXPIRED')]).toEqual([0, 1, 0])
    await prisma().accountToken.updateMany({
      where: { userId: account.id },
      data: { createdAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 1000) },
    })
    expect((await stateOf()).state).toBe('EXPIRED')
    expect([await filtered('NOT_SENT'), await filtered('SENT'), await filtered('EXPIRED')]).toEqual([0, 0, 1])
  })

  it('重新发送 is throttled per account (coded), and another county’s office gets NOT_FOUND', async () => {
    const account = await importedAccount('410922')
    const county = await t.login('qingfeng')
    expect((await t.execute(Resend, { userId: String(account.id) }, { cookie: county })).errors).toBeUndefined()
    const again = await t.execute(Resend, { userId: String(account.id) }, { cookie: county })
    expect(errorCodes(again)).toEqual(['TOO_MANY_ATTEMPTS'])
    expect(again.errors![0]!.extensions).toMatchObject({ reason: 'CLAIM_RESEND_THROTTLED' })
    expect(again.errors![0]!.message).toMatch(/分钟后再重新发送/)
    expect(await tokensOf(account.id)).toBe(1)
    await ageLatestSend(account)
    expect((await t.execute(Resend, { userId: String(account.id) }, { cookie: county })).errors).toBeUndefined()
    expect(await tokensOf(account.id)).toBe(2)
    // The older link stopped working.
    expect(await prisma().accountToken.count({ where: { userId: account.id, consumedAt: null } })).toBe(1)
    expect(
      await prisma().auditLog.count({ where: { action: 'account.claimResend', subjectId: String(account.id) } }),
    ).toBe(2)

    await ageLatestSend(account)
    const other = await t.execute(Resend, { userId: String(account.id) }, { cookie: await t.login('nanle') })
    expect(errorCodes(other)).toEqual(['NOT_FOUND'])
    const unit = await t.execute(Resend, { userId: String(account.id) }, { cookie: await t.login('qfzf') })
    expect(errorCodes(unit)).toEqual(['FORBIDDEN'])
    expect(await tokensOf(account.id)).toBe(2)
    // An account that is not imported is not in this list, even in the office's area.
    const ordinary = await prisma().user.create({
      data: {
        username: `not-imported-${sequence++}`,
        displayName: '普通待激活',
        role: 'UNIT_USER',
        unitId: account.unitId,
        unitRole: 'DEPUTY',
        status: 'PENDING_ACTIVATION',
        mobile: freshMobile(),
        email: 'ordinary@example.com',
      },
    })
    expect(errorCodes(await t.execute(Resend, { userId: String(ordinary.id) }, { cookie: county }))).toEqual([
      'NOT_FOUND',
    ])
  })

  it('批量重新发送: the chosen ones or the filtered ones; throttled ones are counted, an outside id refuses all', async () => {
    const accounts = [await importedAccount('410922'), await importedAccount('410922')]
    const noContact = await importedAccount('410922', { email: null })
    const county = await t.login('qingfeng')
    const ids = accounts.map((a) => String(a.id))
    const first = await t.execute(ResendMany, { userIds: [...ids, String(noContact.id)] }, { cookie: county })
    expect(first.errors).toBeUndefined()
    expect(first.data!.resendClaimInvitations).toMatchObject({
      matched: 3,
      sent: 2,
      throttled: 0,
      withoutContact: 1,
      notAttempted: 0,
      stoppedBy: null,
    })
    const second = await t.execute(ResendMany, { userIds: ids }, { cookie: county })
    expect(second.data!.resendClaimInvitations).toMatchObject({ matched: 2, sent: 0, throttled: 2 })

    const outsider = await importedAccount('410923')
    const refused = await t.execute(ResendMany, { userIds: [String(outsider.id)] }, { cookie: county })
    expect(errorCodes(refused)).toEqual(['NOT_FOUND'])
    expect(await tokensOf(outsider.id)).toBe(0)

    // By the filter: this unit's name matches one account only.
    const fresh = await importedAccount('410922')
    const unit = await prisma().unit.findUniqueOrThrow({ where: { id: fresh.unitId! } })
    const byFilter = await t.execute(ResendMany, { search: unit.name }, { cookie: county })
    expect(byFilter.data!.resendClaimInvitations).toMatchObject({ matched: 1, sent: 1 })
    expect(await tokensOf(fresh.id)).toBe(1)
  })
})

describe('claiming', () => {
  it('an imported account cannot log in until claimed; the emailed link sets the password; it leaves the list', async () => {
    const account = await importedAccount('410922')
    const county = await t.login('qingfeng')
    const password = 'Claim-Test-2026!x'
    const before = await t.execute(
      graphql(`
        mutation TestClaimLoginBefore($input: LoginInput!) {
          login(input: $input) {
            __typename
          }
        }
      `),
      { input: { username: account.username, password } },
    )
    expect(errorCodes(before)).toEqual(['INVALID_CREDENTIALS'])

    expect((await t.execute(Resend, { userId: String(account.id) }, { cookie: county })).errors).toBeUndefined()
    const token = await claimLinkOf(account.id)
    expect((await t.execute(LinkState, { token })).data!.activationLinkState).toEqual({ state: 'LIVE', imported: true })

    const activated = await t.execute(Activate, { input: { token, newPassword: password } })
    expect(activated.errors).toBeUndefined()
    expect(activated.data!.activateAccount.username).toBe(account.username)
    const after = await prisma().user.findUniqueOrThrow({ where: { id: account.id } })
    expect(after.status).toBe('ACTIVE')
    expect(await prisma().auditLog.count({ where: { action: 'user.activate', subjectId: String(account.id) } })).toBe(1)
    expect((await t.execute(LinkState, { token })).data!.activationLinkState.state).toBe('ALREADY_ACTIVE')

    const cookie = await t.login(account.username, password)
    expect(cookie).toBeTruthy()
    const listed = await t.execute(Unclaimed, { search: account.username }, { cookie: county })
    expect(listed.data!.unclaimedAccounts.totalCount).toBe(0)
    expect(errorCodes(await t.execute(Resend, { userId: String(account.id) }, { cookie: county }))).toEqual([
      'NOT_FOUND',
    ])
  })

  it('an expired link is refused and the page is told it expired', async () => {
    const account = await importedAccount('410922')
    const county = await t.login('qingfeng')
    await t.execute(Resend, { userId: String(account.id) }, { cookie: county })
    const token = await claimLinkOf(account.id)
    await prisma().accountToken.updateMany({
      where: { userId: account.id },
      data: { createdAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 1000) },
    })
    expect((await t.execute(LinkState, { token })).data!.activationLinkState).toEqual({
      state: 'EXPIRED',
      imported: true,
    })
    const refused = await t.execute(Activate, { input: { token, newPassword: 'Claim-Test-2026!y' } })
    expect(errorCodes(refused)).toEqual(['TOKEN_INVALID'])
    expect((await prisma().user.findUniqueOrThrow({ where: { id: account.id } })).status).toBe('PENDING_ACTIVATION')
    expect((await t.execute(LinkState, { token: 'a_nonsense' })).data!.activationLinkState.state).toBe('INVALID')
  })
})
