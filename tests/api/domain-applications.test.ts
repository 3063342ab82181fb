// 域名申请: who may apply for which suffix, the name rules, reserved names, duplicates, availability,
// applying on a unit's behalf, resubmitting and withdrawing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId, freshName } from '../testkit/domains.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { isUniqueViolation } from '../../server/src/lib/uniqueViolation.ts'

const Apply = graphql(`
  mutation TestApplyForDomain($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      name
      suffix
      fullName
      status
      years
      version
      unit {
        id
        name
      }
      submittedByOffice {
        id
        name
      }
    }
  }
`)

const Availability = graphql(`
  query TestDomainAvailability($name: String!, $suffix: DomainSuffix!) {
    domainAvailability(name: $name, suffix: $suffix) {
      available
      reason
    }
  }
`)

const Resubmit = graphql(`
  mutation TestResubmitDomain($input: ResubmitDomainApplicationInput!) {
    resubmitDomainApplication(input: $input) {
      id
      name
      years
      status
      version
      latestRejection {
        reason
      }
    }
  }
`)

const Withdraw = graphql(`
  mutation TestWithdrawDomain($id: ID!, $version: Int!) {
    withdrawDomainApplication(id: $id, version: $version) {
      id
      status
      version
    }
  }
`)

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number
beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
})
afterAll(() => t?.close())

const domainCount = () => t.db.prisma.domain.count()

describe('applyForDomain by a unit user', () => {
  it('creates a PENDING_OFFICE_REVIEW application with an audit row and IN_APP notices to the same-level office', async () => {
    const cookie = await t.login('qfzf')
    const name = freshName('清丰政务')
    const result = await t.execute(Apply, { input: { name, suffix: 'ZHENGWU', years: 3 } }, { cookie })
    expect(result.errors).toBeUndefined()
    const domain = result.data!.applyForDomain
    expect(domain).toMatchObject({
      name,
      suffix: 'ZHENGWU',
      fullName: `${name}.政务`,
      status: 'PENDING_OFFICE_REVIEW',
      years: 3,
      version: 0,
    })
    expect(domain.unit.id).toBe(String(qfzfUnit))
    expect(domain.submittedByOffice).toBeNull()

    const audit = await t.db.prisma.auditLog.findMany({
      where: { subjectType: 'Domain', subjectId: domain.id, action: 'domain.apply' },
    })
    expect(audit).toHaveLength(1)
    const qingfengStaff = await t.db.prisma.user.findMany({ where: { office: { regionCode: '410922' } } })
    expect(qingfengStaff.length).toBeGreaterThan(0)
    const notices = await t.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `domain-apply:${domain.id}:` } },
    })
    expect(notices.map((notice) => notice.userId).sort()).toEqual(qingfengStaff.map((user) => user.id).sort())
    expect(notices.every((notice) => notice.channel === 'IN_APP' && notice.body.includes(`${name}.政务`))).toBe(true)
  })

  it('lower-cases ASCII letters so ABC and abc are one name', async () => {
    const cookie = await t.login('qfyy')
    const base = freshName('Hospital')
    const first = await t.execute(
      Apply,
      { input: { name: base.toUpperCase(), suffix: 'GONGYI', years: 1 } },
      { cookie },
    )
    expect(first.data!.applyForDomain.name).toBe(base.toLowerCase())
    const second = await t.execute(
      Apply,
      { input: { name: base.toLowerCase(), suffix: 'GONGYI', years: 1 } },
      { cookie },
    )
    expect(errorCodes(second)).toEqual(['CONFLICT'])
  })

  it.each([
    ['qfzf', 'GONGYI', '.公益 域名仅限事业单位和社会组织申请'],
    ['qfyy', 'ZHENGWU', '.政务 域名仅限党政机关和群团机关申请'],
  ] as const)('%s may not apply for %s', async (username, suffix, message) => {
    const before = await domainCount()
    const cookie = await t.login(username)
    const result = await t.execute(Apply, { input: { name: freshName(), suffix, years: 1 } }, { cookie })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.fields).toEqual({ suffix: message })
    expect(await domainCount()).toBe(before)
  })

  it.each([
    ['a', 'name'],
    ['x'.repeat(64), 'name'],
    ['云南省西双版纳傣族自治州勐海县人民政府', 'name'],
    ['清丰.政务', 'name'],
    ['清丰 政府', 'name'],
    ['-清丰', 'name'],
    ['清丰-', 'name'],
    ['清丰_县', 'name'],
    ['清丰@县', 'name'],
    ['中国', 'name'],
    ['国务院', 'name'],
    ['政府', 'name'],
    ['测试', 'name'],
    ['CONAC', 'name'],
  ])('refuses the name %j', async (name, field) => {
    const before = await domainCount()
    const cookie = await t.login('qfzf')
    const result = await t.execute(Apply, { input: { name, suffix: 'ZHENGWU', years: 1 } }, { cookie })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(result.errors![0]!.extensions!.fields as object)).toEqual([field])
    expect(await domainCount()).toBe(before)
  })

  it('accepts a name with an inner hyphen, letters and digits, and 清丰县人民政府 (政府 only refused alone)', async () => {
    const cookie = await t.login('qfzf')
    for (const name of [`qf-${freshName('x')}`, freshName('清丰县人民政府')]) {
      const result = await t.execute(Apply, { input: { name, suffix: 'ZHENGWU', years: 2 } }, { cookie })
      expect(result.errors).toBeUndefined()
    }
  })

  it.each([0, 11, -1])('refuses %i years and creates nothing', async (years) => {
    const before = await domainCount()
    const cookie = await t.login('qfzf')
    const result = await t.execute(Apply, { input: { name: freshName(), suffix: 'ZHENGWU', years } }, { cookie })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.fields).toEqual({ years: '注册年限应为 1-10 年的整数' })
    expect(await domainCount()).toBe(before)
  })

  it('refuses a name held by a live application of another unit with CONFLICT; a rejected one frees it', async () => {
    const other = await createUnit(t.db.prisma, { regionCode: '410922' })
    const held = freshName('已占用')
    await createDomain(t.db.prisma, { unitId: other.id, name: held, status: 'REGISTERED' })
    const freed = freshName('已驳回')
    await createDomain(t.db.prisma, { unitId: other.id, name: freed, status: 'OFFICE_REJECTED' })
    const cookie = await t.login('qfzf')
    const before = await domainCount()
    const taken = await t.execute(Apply, { input: { name: held, suffix: 'ZHENGWU', years: 1 } }, { cookie })
    expect(errorCodes(taken)).toEqual(['CONFLICT'])
    expect(taken.errors![0]!.message).toBe('该域名已被申请或注册')
    expect(await domainCount()).toBe(before)
    // The same label under the other suffix is another domain.
    const gongyi = await t.execute(
      Apply,
      { input: { name: held, suffix: 'GONGYI', years: 1 } },
      { cookie: await t.login('qfyy') },
    )
    expect(gongyi.errors).toBeUndefined()
    const again = await t.execute(Apply, { input: { name: freed, suffix: 'ZHENGWU', years: 1 } }, { cookie })
    expect(again.errors).toBeUndefined()
  })

  it('maps the database unique index to CONFLICT when two applications race for one name', async () => {
    const name = freshName('并发')
    const cookies = await Promise.all([t.login('qfzf'), t.login('qfzf'), t.login('qingfeng')])
    const results = await Promise.all(
      cookies.map((cookie, index) =>
        t.execute(
          Apply,
          { input: { name, suffix: 'ZHENGWU', years: 1, ...(index === 2 ? { unitId: String(qfzfUnit) } : {}) } },
          { cookie },
        ),
      ),
    )
    expect(results.filter((result) => !result.errors).length).toBe(1)
    expect(results.filter((result) => result.errors).map((result) => errorCodes(result)[0])).toEqual([
      'CONFLICT',
      'CONFLICT',
    ])
    expect(await t.db.prisma.domain.count({ where: { name } })).toBe(1)
  })

  it('the database refuses a second live holder with an error the service maps to CONFLICT', async () => {
    const name = freshName('唯一')
    await createDomain(t.db.prisma, { unitId: qfzfUnit, name })
    const error = await createDomain(t.db.prisma, { unitId: qfzfUnit, name, status: 'OFFICE_APPROVED' }).then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).not.toBeNull()
    expect(isUniqueViolation(error)).toBe(true)
    expect(isUniqueViolation(new Error('other'))).toBe(false)
  })

  it('a unit user cannot name another unit', async () => {
    const cookie = await t.login('qfzf')
    const result = await t.execute(
      Apply,
      { input: { unitId: String(qfyyUnit), name: freshName(), suffix: 'GONGYI', years: 1 } },
      { cookie },
    )
    expect(errorCodes(result)).toEqual(['NOT_FOUND'])
  })
})

describe('代单位申请 by office staff', () => {
  it('the county office applies for a unit of its county and is recorded as the submitter', async () => {
    const cookie = await t.login('qingfeng')
    const result = await t.execute(
      Apply,
      { input: { unitId: String(qfyyUnit), name: freshName('人民医院'), suffix: 'GONGYI', years: 5 } },
      { cookie },
    )
    expect(result.errors).toBeUndefined()
    expect(result.data!.applyForDomain.submittedByOffice?.name).toContain('清丰县')
  })

  it('the city office may apply for a county unit (its subtree); a sibling county and another province may not', async () => {
    const name = freshName('代申请')
    const city = await t.execute(
      Apply,
      { input: { unitId: String(qfzfUnit), name, suffix: 'ZHENGWU', years: 1 } },
      { cookie: await t.login('puyang') },
    )
    expect(city.errors).toBeUndefined()
    const conac = await t.execute(
      Apply,
      { input: { unitId: String(qfzfUnit), name: freshName(), suffix: 'ZHENGWU', years: 1 } },
      { cookie: await t.login('conac') },
    )
    expect(errorCodes(conac)).toEqual(['FORBIDDEN'])
    for (const username of ['nanle', 'hebei']) {
      const before = await domainCount()
      const result = await t.execute(
        Apply,
        { input: { unitId: String(qfzfUnit), name: freshName(), suffix: 'ZHENGWU', years: 1 } },
        { cookie: await t.login(username) },
      )
      expect(errorCodes(result)).toEqual(['NOT_FOUND'])
      expect(await domainCount()).toBe(before)
    }
  })

  it('a deactivated unit cannot apply', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    await t.db.prisma.unit.update({ where: { id: unit.id }, data: { status: 'INACTIVE' } })
    const before = await domainCount()
    const result = await t.execute(
      Apply,
      { input: { unitId: String(unit.id), name: freshName(), suffix: 'ZHENGWU', years: 1 } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(result)).toEqual(['FORBIDDEN'])
    expect(await domainCount()).toBe(before)
  })

  it('office staff must name the unit', async () => {
    const result = await t.execute(
      Apply,
      { input: { name: freshName(), suffix: 'ZHENGWU', years: 1 } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('domainAvailability', () => {
  it('answers with the same rules', async () => {
    const cookie = await t.login('qfzf')
    const ok = await t.execute(Availability, { name: freshName(), suffix: 'ZHENGWU' }, { cookie })
    expect(ok.data!.domainAvailability).toEqual({ available: true, reason: null })
    const reserved = await t.execute(Availability, { name: '国务院', suffix: 'ZHENGWU' }, { cookie })
    expect(reserved.data!.domainAvailability).toEqual({ available: false, reason: '该名称为保留名称，不能申请' })
    const wrongSuffix = await t.execute(Availability, { name: freshName(), suffix: 'GONGYI' }, { cookie })
    expect(wrongSuffix.data!.domainAvailability.available).toBe(false)
    const name = freshName('查重')
    await t.execute(Apply, { input: { name, suffix: 'ZHENGWU', years: 1 } }, { cookie })
    const taken = await t.execute(Availability, { name, suffix: 'ZHENGWU' }, { cookie })
    expect(taken.data!.domainAvailability).toEqual({ available: false, reason: '该域名已被申请或注册' })
  })

  it('needs a login', async () => {
    const result = await t.execute(Availability, { name: freshName(), suffix: 'ZHENGWU' })
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED'])
  })
})

describe('resubmit and withdraw', () => {
  it('edits a rejected application and sends it back to PENDING_OFFICE_REVIEW; a stale version is a CONFLICT', async () => {
    const domain = await createDomain(t.db.prisma, {
      unitId: qfzfUnit,
      name: freshName('被驳回'),
      status: 'OFFICE_REJECTED',
    })
    const cookie = await t.login('qfzf')
    const newName = freshName('修改后')
    const stale = await t.execute(
      Resubmit,
      { input: { id: String(domain.id), version: domain.version + 1, name: newName, years: 2 } },
      { cookie },
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    const result = await t.execute(
      Resubmit,
      { input: { id: String(domain.id), version: domain.version, name: newName, years: 2 } },
      { cookie },
    )
    expect(result.errors).toBeUndefined()
    expect(result.data!.resubmitDomainApplication).toMatchObject({
      name: newName,
      years: 2,
      status: 'PENDING_OFFICE_REVIEW',
      version: domain.version + 1,
    })
    const again = await t.execute(
      Resubmit,
      { input: { id: String(domain.id), version: domain.version + 1, name: newName, years: 2 } },
      { cookie },
    )
    expect(errorCodes(again)).toEqual(['CONFLICT'])
  })

  it('refuses bad input on resubmission and other units’ applications', async () => {
    const domain = await createDomain(t.db.prisma, {
      unitId: qfzfUnit,
      name: freshName('被驳回'),
      status: 'CONAC_REJECTED',
    })
    const bad = await t.execute(
      Resubmit,
      { input: { id: String(domain.id), version: 0, name: '中央', years: 11 } },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(bad.errors![0]!.extensions!.fields as object).sort()).toEqual(['name', 'years'])
    const other = await t.execute(
      Resubmit,
      { input: { id: String(domain.id), version: 0, name: freshName(), years: 1 } },
      { cookie: await t.login('qfyy') },
    )
    expect(errorCodes(other)).toEqual(['NOT_FOUND'])
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).status).toBe('CONAC_REJECTED')
  })

  it('withdraws before CONAC approval, not after', async () => {
    const cookie = await t.login('qfzf')
    const pending = await createDomain(t.db.prisma, { unitId: qfzfUnit, name: freshName('撤销') })
    const withdrawn = await t.execute(Withdraw, { id: String(pending.id), version: 0 }, { cookie })
    expect(withdrawn.data!.withdrawDomainApplication).toMatchObject({ status: 'CANCELLED', version: 1 })
    const approved = await createDomain(t.db.prisma, {
      unitId: qfzfUnit,
      name: freshName('已通过'),
      status: 'CONAC_APPROVED',
    })
    const refused = await t.execute(Withdraw, { id: String(approved.id), version: 0 }, { cookie })
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    const conac = await t.execute(Withdraw, { id: String(approved.id), version: 0 }, { cookie: await t.login('conac') })
    expect(errorCodes(conac)).toEqual(['FORBIDDEN'])
  })
})
