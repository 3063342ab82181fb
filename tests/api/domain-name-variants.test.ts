// 简繁变体 (issue 18): applying for a name reserves its simplified and traditional forms for the same unit; nobody
// else may apply for any of them (nor for a mixed form); the unit sees them with their A-labels and chooses whether
// each answers in DNS; a rejection frees them and a resubmitted new name brings its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toALabel } from '../../server/src/lib/idna.ts'
import { variantsOf } from '../../server/src/modules/domainNames/variants.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const Apply = graphql(`
  mutation TestVariantsApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      version
      aLabelName
      names {
        id
        kind
        uLabel
        aLabel
        fullName
        aLabelName
        resolves
      }
    }
  }
`)

const Availability = graphql(`
  query TestVariantsAvailability($name: String!, $suffix: DomainSuffix!) {
    domainAvailability(name: $name, suffix: $suffix) {
      available
      reason
    }
  }
`)

const SetResolves = graphql(`
  mutation TestVariantsSetResolves($id: ID!, $resolves: Boolean!) {
    setDomainNameResolves(id: $id, resolves: $resolves) {
      id
      resolves
    }
  }
`)

const Review = graphql(`
  mutation TestVariantsReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      version
    }
  }
`)

const Resubmit = graphql(`
  mutation TestVariantsResubmit($input: ResubmitDomainApplicationInput!) {
    resubmitDomainApplication(input: $input) {
      id
      version
      names {
        kind
        uLabel
      }
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

async function apply(login: string, name: string) {
  return t.execute(Apply, { input: { name, suffix: 'ZHENGWU', years: 1 } }, { cookie: await t.login(login) })
}

describe('variantsOf (OpenCC tables from the opencc-js package)', () => {
  it.each([
    ['清丰县政府门户', '清豐縣政府門戶'],
    ['清豐縣政府門戶', '清丰县政府门户'],
    ['清丰县政务服务网', '清豐縣政務服務網'],
    ['发展和改革委员会', '發展和改革委員會'],
    ['濮阳市卫生健康委员会', '濮陽市衛生健康委員會'],
    ['干部培训网', '幹部培訓網'],
    ['台湾事务办公室', '臺灣事務辦公室'],
  ])('%s has the variant %s', (name, variant) => {
    expect(variantsOf(name)).toContain(variant)
    expect(variantsOf(name)).not.toContain(name)
  })

  it('has none for a name without Chinese characters or without variants', () => {
    expect(variantsOf('qingfeng-gov')).toEqual([])
    expect(variantsOf('香港')).toEqual([])
  })

  it('leaves out a traditional form that DNS cannot carry (63 octets simplified, 65 traditional)', () => {
    const name = '甘肃省临夏回族自治州东乡族自治县人民政府'
    expect(toALabel(name)).toHaveLength(63)
    expect(toALabel('甘肅省臨夏回族自治州東鄉族自治縣人民政府')).toHaveLength(65)
    expect(variantsOf(name)).toEqual([])
  })
})

describe('reserving variants', () => {
  it('reserves the variants for the applicant, refuses them to everyone else, and lets the unit choose', async () => {
    const applied = await apply('qfzf', '清丰县政务服务网')
    expect(applied.errors).toBeUndefined()
    const domain = applied.data!.applyForDomain
    expect(domain.aLabelName).toBe(`${toALabel('清丰县政务服务网')}.xn--zfr164b`)
    expect(domain.names[0]).toMatchObject({ kind: 'PRIMARY', uLabel: '清丰县政务服务网', resolves: true })
    const variant = domain.names.find((name) => name.uLabel === '清豐縣政務服務網')!
    expect(variant).toMatchObject({
      kind: 'VARIANT',
      aLabel: toALabel('清豐縣政務服務網'),
      fullName: '清豐縣政務服務網.政务',
      aLabelName: `${toALabel('清豐縣政務服務網')}.xn--zfr164b`,
      resolves: false,
    })

    // Another unit: the traditional form, and a mixed form whose simplified form is the held name.
    const traditional = await apply('pyjy', '清豐縣政務服務網')
    expect(errorCodes(traditional)).toEqual(['CONFLICT'])
    expect(traditional.errors![0]!.message).toBe('该域名已被申请或注册')
    const mixed = await apply('pyjy', '清豐县政务服务网')
    expect(errorCodes(mixed)).toEqual(['CONFLICT'])
    expect(mixed.errors![0]!.message).toMatch(/^该域名的简繁变体「清丰县政务服务网\.政务」已被其他单位申请或注册/)
    const answer = await t.execute(
      Availability,
      { name: '清豐縣政務服務網', suffix: 'ZHENGWU' },
      { cookie: await t.login('pyjy') },
    )
    expect(answer.data!.domainAvailability.available).toBe(false)

    // The same unit is told the variant is already its own.
    const own = await apply('qfzf', '清豐縣政務服務網')
    expect(errorCodes(own)).toEqual(['CONFLICT'])
    expect(own.errors![0]!.message).toMatch(/是本单位域名「清丰县政务服务网\.政务」的简繁变体，已为本单位保留/)

    // The unit's choice; nobody else's.
    const on = await t.execute(SetResolves, { id: variant.id, resolves: true }, { cookie: await t.login('qfzf') })
    expect(on.errors).toBeUndefined()
    expect(on.data!.setDomainNameResolves.resolves).toBe(true)
    const primary = await t.execute(
      SetResolves,
      { id: domain.names[0]!.id, resolves: false },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(primary)).toEqual(['BAD_USER_INPUT'])
    const stranger = await t.execute(
      SetResolves,
      { id: variant.id, resolves: false },
      { cookie: await t.login('pyjy') },
    )
    expect(errorCodes(stranger)).toEqual(['NOT_FOUND'])
    const office = await t.execute(
      SetResolves,
      { id: variant.id, resolves: false },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(office)).toEqual(['FORBIDDEN'])
    const row = await t.db.prisma.domainName.findUniqueOrThrow({ where: { id: Number(variant.id) } })
    expect(row.resolves).toBe(true)
    const audits = await t.db.prisma.auditLog.count({ where: { action: 'domainName.resolves', subjectId: domain.id } })
    expect(audits).toBe(1)
  })

  it('frees the variants when the application is rejected, and a resubmitted new name brings its own', async () => {
    const applied = await apply('qfzf', '发展和改革委员会')
    expect(applied.errors).toBeUndefined()
    const { id, version } = applied.data!.applyForDomain
    const rejected = await t.execute(
      Review,
      { input: { id, version, decision: 'REJECT', reason: '名称与单位不符' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(rejected.errors).toBeUndefined()
    const live = await t.db.prisma.domainName.count({ where: { domainId: Number(id), live: true } })
    expect(live).toBe(0)

    const resubmitted = await t.execute(
      Resubmit,
      { input: { id, version: rejected.data!.reviewDomain.version, name: '清丰县发展和改革委员会', years: 1 } },
      { cookie: await t.login('qfzf') },
    )
    expect(resubmitted.errors).toBeUndefined()
    const names = resubmitted.data!.resubmitDomainApplication.names.map((name) => name.uLabel)
    expect(names[0]).toBe('清丰县发展和改革委员会')
    expect(names).toContain('清豐縣發展和改革委員會')
    expect(names).not.toContain('發展和改革委員會')

    // The old name and its variant are free for another unit now.
    const other = await apply('pyjy', '發展和改革委員會')
    expect(other.errors).toBeUndefined()
  })
})
