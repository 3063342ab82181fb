// Names valid on the wire (issue 18): IDNA2008 / UTS #46 validation with Chinese messages, the A-label limit of 63
// octets tested with real names on both sides, and the domain_names table the database keeps from domains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aLabelFullName, domainALabel, SUFFIX_A_LABEL, toALabel, toULabel } from '../../server/src/lib/idna.ts'
import { nameProblem } from '../../server/src/modules/domainApplications/names.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

/** Real names of units; their A-label octets were measured with the npm package and are checked again here. */
const AT_63 = '甘肃省临夏回族自治州东乡族自治县人民政府' // 20 characters, 63 octets: the longest that fits
const AT_64 = '云南省西双版纳傣族自治州勐海县人民政府' // 19 characters, 64 octets: one too many
const AT_64_TOO = '河北省承德市围场满族蒙古族自治县人民政府' // 20 characters, 64 octets
const AT_62 = '湖北省恩施土家族苗族自治州巴东县人民政府'

describe('lib/idna', () => {
  it('converts between U-labels and A-labels, and knows the TLDs', () => {
    expect(toALabel('政务')).toBe(SUFFIX_A_LABEL.ZHENGWU)
    expect(toALabel('公益')).toBe(SUFFIX_A_LABEL.GONGYI)
    expect(toALabel('清丰县人民政府')).toBe('xn--iiqymo2k4sny6hktk5md')
    expect(toULabel('xn--iiqymo2k4sny6hktk5md')).toBe('清丰县人民政府')
    expect(toALabel('QingFeng')).toBe('qingfeng')
    expect(aLabelFullName({ name: '清丰县政府门户', suffix: 'GONGYI' })).toBe('xn--iiq68knskrsd2we76ql61e.xn--55qw42g')
    expect(() => toALabel('ab--c')).toThrow()
  })

  it('measures the 63-octet boundary on real names', () => {
    expect(toALabel(AT_63)).toHaveLength(63)
    expect(toALabel(AT_62)).toHaveLength(62)
    expect(toALabel(AT_64)).toHaveLength(64)
    expect(toALabel(AT_64_TOO)).toHaveLength(64)
  })
})

describe('nameProblem', () => {
  it.each([
    [AT_63, null],
    [AT_62, null],
    ['清丰县人民政府', null],
    ['qingfeng-gov', null],
    ['清丰qf2024', null],
    [AT_64, /最多 63 个/],
    [AT_64_TOO, /有 64 个字符/],
    ['清丰ＡＢＣ', /「Ａ」是全角字符/],
    ['清丰１２', /「１」是全角字符/],
    ['清丰县　政府', /全角字符/],
    ['清丰 政府', /空格/],
    ['清丰.政务', /不能包含点/],
    ['清丰アイ', /「ア」不是汉字/],
    ['清丰Кq', /「К」不是汉字/],
    ['café', /「é」不是汉字/],
    ['-清丰', /连字符（-）开头或结尾/],
    ['清丰-', /连字符（-）开头或结尾/],
    ['ab--cd', /第 3、4 位/],
    ['xn--iiqymo2k4sny6hktk5md', /第 3、4 位/],
    ['清丰--县', /第 3、4 位/],
    ['清丰-县', null],
    ['清\uFA0C', /兼容写法，请改用标准写法「兀」/],
    ['清', /至少应为 2 个字符/],
  ])('%s', (name, expected) => {
    const problem = nameProblem(name)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })
})

describe('domainALabel (the import computes A-labels in Node)', () => {
  it("equals the database's idna_a_label and the tr46 A-label on every kind of stored name", async () => {
    const names = [
      '清丰县人民政府门户',
      AT_63,
      AT_62,
      'qingfeng-abc',
      'QingFeng-ABC',
      '清丰abc-2024',
      '清丰ABC2024',
      '中文𠀀扩展',
      '〇々测试',
      '清丰-县',
      'ab',
      '9号楼',
      '县委组织部-人才办',
    ]
    const fromSql = await t.db.sql.query<{ name: string; a_label: string }>(
      `SELECT n AS name, idna_a_label(n) AS a_label FROM unnest($1::text[]) AS n`,
      [names],
    )
    expect(fromSql).toHaveLength(names.length)
    for (const { name, a_label } of fromSql) {
      expect(domainALabel(name), name).toBe(a_label)
      expect(domainALabel(name), name).toBe(toALabel(name.toLowerCase()))
    }
    expect(() => domainALabel('a.b')).toThrow()
  })
})

describe('domain_names', () => {
  it('holds one PRIMARY row for every domain, however it was created, with the A-label the package computes', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const names = ['清丰县人民政府门户', AT_63, 'qingfeng-abc', '清丰abc-2024', '中文𠀀扩展', '〇々测试']
    for (const name of names) {
      const domain = await createDomain(t.db.prisma, { unitId: unit.id, name })
      const rows = await t.db.prisma.domainName.findMany({ where: { domainId: domain.id } })
      expect(rows).toMatchObject([
        { kind: 'PRIMARY', uLabel: name, aLabel: toALabel(name), suffix: 'ZHENGWU', resolves: true, live: true },
      ])
    }
    const orphans = await t.db.sql.query<{ id: number }>(
      `SELECT d.id FROM domains d WHERE (SELECT count(*) FROM domain_names n WHERE n.domain_id = d.id AND n.kind = 'PRIMARY') <> 1`,
    )
    expect(orphans).toEqual([])
  })

  it('refuses a name whose A-label is over 63 octets, inserted or renamed straight in the database', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    await expect(createDomain(t.db.prisma, { unitId: unit.id, name: AT_64 })).rejects.toThrow(/a_label_ascii|too long/)
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, name: AT_62 })
    await expect(t.db.prisma.domain.update({ where: { id: domain.id }, data: { name: AT_64_TOO } })).rejects.toThrow(
      /a_label_ascii|too long/,
    )
    expect(await t.db.prisma.domain.count({ where: { name: { in: [AT_64, AT_64_TOO] } } })).toBe(0)
  })

  it('follows a new name and the status: a rejected or cancelled domain frees its names', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, name: '改名之前' })
    await t.db.prisma.domain.update({ where: { id: domain.id }, data: { name: '改名之后', status: 'OFFICE_REJECTED' } })
    const [primary] = await t.db.prisma.domainName.findMany({ where: { domainId: domain.id } })
    expect(primary).toMatchObject({ uLabel: '改名之后', aLabel: toALabel('改名之后'), live: false })
    // The freed name can be taken by someone else; the old holder cannot come back to life beside it.
    const other = await createDomain(t.db.prisma, { unitId: unit.id, name: '改名之后' })
    expect(other.id).toBeGreaterThan(domain.id)
    await expect(
      t.db.prisma.domain.update({ where: { id: domain.id }, data: { status: 'PENDING_OFFICE_REVIEW' } }),
    ).rejects.toThrow()
  })

  it('refuses a second live holder of one A-label, and an A-label that is not ASCII or too long', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, name: '占位名称' })
    const taken = await createDomain(t.db.prisma, { unitId: unit.id, name: '已被占用' })
    const row = { domainId: domain.id, suffix: 'ZHENGWU' as const, kind: 'VARIANT' as const }
    await expect(
      t.db.prisma.domainName.create({ data: { ...row, uLabel: '已被占用', aLabel: toALabel('已被占用') } }),
    ).rejects.toThrow()
    await expect(t.db.prisma.domainName.create({ data: { ...row, uLabel: '中文', aLabel: '中文' } })).rejects.toThrow()
    // The same A-label under the other suffix is another name.
    await t.db.prisma.domainName.create({
      data: { ...row, suffix: 'GONGYI', uLabel: '已被占用', aLabel: toALabel('已被占用') },
    })
    expect(taken.id).toBeGreaterThan(0)
    await expect(createDomain(t.db.prisma, { unitId: unit.id, name: AT_64 })).rejects.toThrow()
  })
})
