// The whole path of issue 3 through the API, as the people involved would walk it: a new unit registers, applies
// for a domain, the county office and CONAC approve it, the office collects the fee and remits the week, CONAC
// confirms the money, which registers the domain with its expiry date the same day (the daily charge, the sweep,
// then finds nothing left). The ledger balances after every step.
import { describe, expect, it } from 'vitest'
import { mondayOf } from '../../server/src/modules/fees/calendar.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes } from '../testkit/app.ts'
import { expectLedgerConsistent, officeByRegion, balanceOf } from '../testkit/money.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { latestCode, registrationInput } from '../testkit/registration.ts'

const SendCode = graphql(`
  mutation JourneySendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)
const Register = graphql(`
  mutation JourneyRegister($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      unitName
      username
    }
  }
`)
const Apply = graphql(`
  mutation JourneyApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      status
      version
      fullName
    }
  }
`)
const Review = graphql(`
  mutation JourneyReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)
const Collect = graphql(`
  mutation JourneyCollect($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
      invoiceCount
    }
  }
`)
const Remit = graphql(`
  mutation JourneyRemit($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      amountFen
      status
      version
    }
  }
`)
const Confirm = graphql(`
  mutation JourneyConfirm($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
    }
  }
`)
const Charge = graphql(`
  mutation JourneyCharge($date: DateTime) {
    runDailyCharge(date: $date) {
      charged
      skipped
      chargedFen
    }
  }
`)
const MyDomain = graphql(`
  query JourneyDomain($id: ID!) {
    domain(id: $id) {
      status
      registeredAt
      expiresAt
      reviewDecisions {
        level
        result
      }
      unit {
        name
      }
    }
  }
`)

describe('from a new unit to a registered domain', () => {
  it('walks every step, with the ledger balanced after each', async () => {
    await awayFromBeijingMidnight() // the remittance week and the day's charge run are China-time calendar units
    const t = await createTestApp()
    try {
      const { prisma } = t.db
      // 新用户注册 with an SMS code read from the outbox.
      const form = registrationInput()
      expect(
        errorCodes(await t.execute(SendCode, { input: { mobile: form.handlerMobile, purpose: 'UNIT_REGISTRATION' } })),
      ).toEqual([])
      const registered = await t.execute(Register, {
        input: { ...form, verificationCode: await latestCode(prisma, form.handlerMobile) },
      })
      expect(registered.errors).toBeUndefined()
      const unitCookie = await t.login(form.username, form.password)

      // 域名申请 for two years.
      const applied = await t.execute(
        Apply,
        { input: { name: `清丰测试${Date.now() % 100000}`, suffix: 'ZHENGWU', years: 2 } },
        { cookie: unitCookie },
      )
      expect(applied.errors).toBeUndefined()
      const domainId = applied.data!.applyForDomain.id
      expect(applied.data!.applyForDomain.status).toBe('PENDING_OFFICE_REVIEW')

      // 编办审核 by the same-level (county) office, then CONAC审核.
      const office = await t.execute(
        Review,
        { input: { id: domainId, version: applied.data!.applyForDomain.version, decision: 'APPROVE' } },
        { cookie: await t.login('qingfeng') },
      )
      expect(office.data?.reviewDomain.status).toBe('OFFICE_APPROVED')
      const conacCookie = await t.login('conac')
      const conac = await t.execute(
        Review,
        { input: { id: domainId, version: office.data!.reviewDomain.version, decision: 'APPROVE' } },
        { cookie: conacCookie },
      )
      expect(conac.data?.reviewDomain.status).toBe('CONAC_APPROVED')
      await expectLedgerConsistent(prisma)

      // 收费 at the county office: 2 years x 300 yuan.
      const unit = await prisma.unit.findUniqueOrThrow({ where: { name: form.name } })
      const qingfeng = await officeByRegion(prisma, '410922')
      const officeCookie = await t.login('qingfeng')
      const collected = await t.execute(
        Collect,
        {
          input: {
            unitId: String(unit.id),
            domainIds: [domainId],
            amountFen: 60000,
            invoiceCount: 1,
            idempotencyKey: `journey-collect-${unit.id}`,
          },
        },
        { cookie: officeCookie },
      )
      expect(collected.errors).toBeUndefined()
      expect(collected.data!.collectFee.amountFen).toBe(60000)
      expect((await prisma.domain.findUniqueOrThrow({ where: { id: Number(domainId) } })).status).toBe('FEE_COLLECTED')
      expect(await balanceOf(prisma, qingfeng.id, 'OFFICE_COLLECTED')).toBe(60000n)
      await expectLedgerConsistent(prisma)

      // 汇款单 for this week, then 认款 by CONAC: the office's balance (帐户余额) is recharged.
      const remitted = await t.execute(
        Remit,
        {
          input: {
            weekStart: mondayOf(new Date()).toISOString(),
            bankReference: 'JOURNEY-001',
            idempotencyKey: `journey-remit-${unit.id}`,
          },
        },
        { cookie: officeCookie },
      )
      expect(remitted.errors).toBeUndefined()
      expect(remitted.data!.createRemittance.amountFen).toBe(60000)
      expect(await balanceOf(prisma, qingfeng.id, 'OFFICE_IN_TRANSIT')).toBe(60000n)
      await expectLedgerConsistent(prisma)
      const confirmed = await t.execute(
        Confirm,
        {
          input: {
            id: remitted.data!.createRemittance.id,
            version: remitted.data!.createRemittance.version,
            idempotencyKey: `journey-confirm-${unit.id}`,
          },
        },
        { cookie: conacCookie },
      )
      expect(confirmed.data?.confirmRemittance.status).toBe('CONFIRMED')
      // The recharged balance pays for the domain at once (当日扣费): registered for two years the same day.
      expect(await balanceOf(prisma, qingfeng.id, 'OFFICE_PREPAID')).toBe(0n)
      await expectLedgerConsistent(prisma)

      // The daily charge, the sweep, finds nothing of it left.
      const charged = await t.execute(Charge, { date: new Date().toISOString() }, { cookie: conacCookie })
      expect(charged.errors).toBeUndefined()
      expect(charged.data!.runDailyCharge.charged).toBe(0)
      expect(await balanceOf(prisma, qingfeng.id, 'OFFICE_PREPAID')).toBe(0n)
      await expectLedgerConsistent(prisma)

      const seen = await t.execute(MyDomain, { id: domainId }, { cookie: unitCookie })
      expect(seen.data?.domain.status).toBe('REGISTERED')
      expect(seen.data?.domain.unit.name).toBe(form.name)
      expect(seen.data?.domain.reviewDecisions).toEqual([
        { level: 'OFFICE', result: 'APPROVED' },
        { level: 'CONAC', result: 'APPROVED' },
      ])
      const registeredAt = new Date(seen.data!.domain.registeredAt!)
      const expiresAt = new Date(seen.data!.domain.expiresAt!)
      expect(expiresAt.getUTCFullYear() - registeredAt.getUTCFullYear()).toBe(2)
      expect(expiresAt.getTime() - registeredAt.getTime()).toBeGreaterThan(729 * 86_400_000)

      // Every step left its audit trail.
      const actions = (await prisma.auditLog.findMany({ orderBy: { id: 'asc' }, select: { action: true } })).map(
        (row) => row.action,
      )
      for (const action of ['unit.register', 'auth.login']) expect(actions).toContain(action)
      expect(await prisma.reviewDecision.count({ where: { domainId: Number(domainId) } })).toBe(2)
    } finally {
      await t.close()
    }
  }, 240_000)
})
