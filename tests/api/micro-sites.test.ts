// 网络红页: a unit creates and edits its micro-site, manages its news (工作动态), publishes and unpublishes it; the
// public page shows only PUBLISHED content and the badge only while an ACTIVE badge is placed on the micro-site.
// Stale versions, bad input, other units, offices and anonymous viewers change nothing.
import { isObjectType } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from '../../server/src/schema/index.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { SaveMicroSiteInput } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const Mine = graphql(`
  query TestMyMicroSite {
    myMicroSite {
      id
      status
      version
      title
      introduction
      functions
      contacts
      publishedAt
      publicPath
      unit {
        id
        name
      }
      newsItems(first: 100) {
        totalCount
        edges {
          node {
            id
            title
            body
            publishedAt
          }
        }
      }
      footerBadge {
        badgeNumber
        placement
        status
      }
    }
  }
`)

const ForUnit = graphql(`
  query TestMicroSiteForUnit($unitId: ID!) {
    microSite(unitId: $unitId) {
      id
      title
      status
      version
      newsItems(first: 10) {
        totalCount
      }
    }
  }
`)

const Public = graphql(`
  query TestPublicMicroSite($unitId: ID!) {
    publicMicroSite(unitId: $unitId) {
      unitName
      title
      introduction
      functions
      contacts
      publishedAt
      newsItems {
        id
        title
        body
        publishedAt
      }
      badge {
        badgeNumber
        verificationPath
        imagePath
      }
    }
  }
`)

const Save = graphql(`
  mutation TestSaveMicroSite($input: SaveMicroSiteInput!) {
    saveMicroSite(input: $input) {
      id
      status
      version
      title
      introduction
      functions
      contacts
    }
  }
`)

const Publish = graphql(`
  mutation TestPublishMicroSite($version: Int!) {
    publishMicroSite(version: $version) {
      id
      status
      version
      publishedAt
    }
  }
`)

const Unpublish = graphql(`
  mutation TestUnpublishMicroSite($version: Int!) {
    unpublishMicroSite(version: $version) {
      id
      status
      version
      publishedAt
    }
  }
`)

const AddNews = graphql(`
  mutation TestAddMicroSiteNews($input: AddMicroSiteNewsItemInput!) {
    addMicroSiteNewsItem(input: $input) {
      id
      title
      body
      publishedAt
    }
  }
`)

const UpdateNews = graphql(`
  mutation TestUpdateMicroSiteNews($input: UpdateMicroSiteNewsItemInput!) {
    updateMicroSiteNewsItem(input: $input) {
      id
      title
      body
    }
  }
`)

const DeleteNews = graphql(`
  mutation TestDeleteMicroSiteNews($id: ID!) {
    deleteMicroSiteNewsItem(id: $id)
  }
`)

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number
let pyjyUnit: number
let sjzslUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
  const pyjy = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'pyjy' } })
  pyjyUnit = pyjy.unitId!
  const sjzsl = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'sjzsl' } })
  sjzslUnit = sjzsl.unitId!
})
afterAll(() => t?.close())

const as = async (user: string) => ({ cookie: await t.login(user) })
const stored = (unitId: number) =>
  t.db.prisma.microSite.findUnique({ where: { unitId }, include: { newsItems: { orderBy: { id: 'asc' } } } })
const audits = (action: string) => t.db.prisma.auditLog.count({ where: { action } })
const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (result.errors?.[0]?.extensions?.fields ?? {}) as Record<string, string>

const content: SaveMicroSiteInput = {
  title: '清丰县人民政府办公室',
  introduction: '本网站由清丰县人民政府办公室主办，旨在介绍我单位职能、职责，面向社会公开工作动态。',
  functions: '负责县政府日常工作的综合协调。',
  contacts: '地址：清丰县中原路1号\n电话：0393-7221234',
}

/** Saves (creating when needed) as the user and returns the new state; fails the test on errors. */
async function save(user: string, input: SaveMicroSiteInput) {
  const result = await t.execute(Save, { input }, await as(user))
  expect(result.errors).toBeUndefined()
  return result.data!.saveMicroSite
}

async function publish(user: string, unitId: number) {
  const { version } = (await stored(unitId))!
  const result = await t.execute(Publish, { version }, await as(user))
  expect(result.errors).toBeUndefined()
  return result.data!.publishMicroSite
}

describe('the unit edits, adds news and publishes', () => {
  it('create → edit → news add/update/delete → publish → the public page shows it → unpublish hides it', async () => {
    const none = await t.execute(Mine, {}, await as('qfzf'))
    expect(none.errors).toBeUndefined()
    expect(none.data!.myMicroSite).toBeNull()

    const createAudits = await audits('microSite.create')
    const created = await save('qfzf', { ...content, functions: '  ', contacts: null })
    expect(created).toMatchObject({
      status: 'DRAFT',
      version: 0,
      title: content.title,
      functions: null,
      contacts: null,
    })
    expect(await audits('microSite.create')).toBe(createAudits + 1)

    const edited = await save('qfzf', {
      ...content,
      version: created.version,
      title: '  清丰县人民政府办公室网络红页  ',
    })
    expect(edited).toMatchObject({
      id: created.id,
      version: 1,
      title: '清丰县人民政府办公室网络红页',
      functions: content.functions,
      contacts: content.contacts,
    })
    const updateAudit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'microSite.update', subjectId: created.id },
      orderBy: { id: 'desc' },
    })
    expect(updateAudit.before).toMatchObject({ title: content.title, version: 0 })
    expect(updateAudit.after).toMatchObject({ title: '清丰县人民政府办公室网络红页', version: 1 })

    // News: add two, update one, delete the other.
    const first = await t.execute(
      AddNews,
      { input: { title: '县政府召开常务会议', body: '会议研究了……' } },
      await as('qfzf'),
    )
    expect(first.errors).toBeUndefined()
    const second = await t.execute(AddNews, { input: { title: '待删除的动态', body: '内容' } }, await as('qfzf'))
    expect(second.errors).toBeUndefined()
    const firstId = first.data!.addMicroSiteNewsItem.id
    const secondId = second.data!.addMicroSiteNewsItem.id
    const updated = await t.execute(
      UpdateNews,
      { input: { id: firstId, title: '县政府召开第 12 次常务会议', body: '会议研究了城乡建设工作。' } },
      await as('qfzf'),
    )
    expect(updated.errors).toBeUndefined()
    expect(updated.data!.updateMicroSiteNewsItem).toMatchObject({ id: firstId, title: '县政府召开第 12 次常务会议' })
    const removed = await t.execute(DeleteNews, { id: secondId }, await as('qfzf'))
    expect(removed.errors).toBeUndefined()
    expect(removed.data!.deleteMicroSiteNewsItem).toBe(secondId)
    const third = await t.execute(AddNews, { input: { title: '最新动态', body: '第二条动态' } }, await as('qfzf'))
    expect(third.errors).toBeUndefined()
    const thirdId = third.data!.addMicroSiteNewsItem.id
    expect((await stored(qfzfUnit))!.newsItems.map((n) => String(n.id))).toEqual([firstId, thirdId])
    expect(
      await t.db.prisma.auditLog.count({
        where: { subjectType: 'MicroSiteNewsItem', subjectId: { in: [firstId, secondId, thirdId] } },
      }),
    ).toBe(5)

    // A draft is not public.
    const draftPublic = await t.execute(Public, { unitId: String(qfzfUnit) })
    expect(draftPublic.errors).toBeUndefined()
    expect(draftPublic.data!.publicMicroSite).toBeNull()

    const mine = await t.execute(Mine, {}, await as('qfzf'))
    expect(mine.data!.myMicroSite).toMatchObject({
      status: 'DRAFT',
      version: 1,
      publicPath: `/m/${qfzfUnit}`,
      unit: { name: '清丰县人民政府办公室' },
      footerBadge: null,
    })
    expect(mine.data!.myMicroSite!.newsItems.edges.map((e) => e.node.id)).toEqual([thirdId, firstId]) // newest first

    const published = await publish('qfzf', qfzfUnit)
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2 })
    expect(published.publishedAt).not.toBeNull()
    expect(await t.db.prisma.auditLog.count({ where: { action: 'microSite.publish', subjectId: created.id } })).toBe(1)

    // Anonymous: the published content, news newest first, no badge (the unit has none on the micro-site).
    const shown = await t.execute(Public, { unitId: String(qfzfUnit) })
    expect(shown.errors).toBeUndefined()
    expect(shown.data!.publicMicroSite).toMatchObject({
      unitName: '清丰县人民政府办公室',
      title: '清丰县人民政府办公室网络红页',
      introduction: content.introduction,
      functions: content.functions,
      contacts: content.contacts,
      publishedAt: published.publishedAt,
      badge: null,
    })
    expect(shown.data!.publicMicroSite!.newsItems.map((n) => [n.id, n.title])).toEqual([
      [thirdId, '最新动态'],
      [firstId, '县政府召开第 12 次常务会议'],
    ])

    // Publishing twice is a conflict; unpublishing hides the page again.
    const twice = await t.execute(Publish, { version: published.version }, await as('qfzf'))
    expect(errorCodes(twice)).toEqual(['CONFLICT'])
    const hidden = await t.execute(Unpublish, { version: published.version }, await as('qfzf'))
    expect(hidden.errors).toBeUndefined()
    expect(hidden.data!.unpublishMicroSite).toMatchObject({ status: 'DRAFT', version: 3, publishedAt: null })
    expect((await t.execute(Public, { unitId: String(qfzfUnit) })).data!.publicMicroSite).toBeNull()
    expect(await t.db.prisma.auditLog.count({ where: { action: 'microSite.unpublish', subjectId: created.id } })).toBe(
      1,
    )

    // Back on line for the tests below.
    await publish('qfzf', qfzfUnit)
  })

  it('the public page lists at most the 50 newest news items', async () => {
    const site = (await stored(qfzfUnit))!
    const base = Date.now() - 100 * 60_000
    await t.db.prisma.microSiteNewsItem.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        microSiteId: site.id,
        title: `批量动态 ${i}`,
        body: '内容',
        publishedAt: new Date(base + i * 1000),
      })),
    })
    const shown = await t.execute(Public, { unitId: String(qfzfUnit) })
    const items = shown.data!.publicMicroSite!.newsItems
    expect(items).toHaveLength(50)
    const times = items.map((n) => Date.parse(n.publishedAt))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    await t.db.prisma.microSiteNewsItem.deleteMany({
      where: { microSiteId: site.id, title: { startsWith: '批量动态' } },
    })
  })
})

describe('stale versions and bad input change nothing', () => {
  it('a stale or missing version is a CONFLICT for save, publish and unpublish', async () => {
    const before = (await stored(qfzfUnit))!
    const stale = await t.execute(
      Save,
      { input: { ...content, title: '不应保存', version: before.version - 1 } },
      await as('qfzf'),
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    const missing = await t.execute(Save, { input: { ...content, title: '不应保存' } }, await as('qfzf'))
    expect(errorCodes(missing)).toEqual(['CONFLICT'])
    const staleUnpublish = await t.execute(Unpublish, { version: before.version - 1 }, await as('qfzf'))
    expect(errorCodes(staleUnpublish)).toEqual(['CONFLICT'])
    expect(await stored(qfzfUnit)).toEqual(before)
  })

  it('two saves on the same version: one wins, the other is a CONFLICT', async () => {
    const before = (await stored(qfzfUnit))!
    const cookie = await as('qfzf')
    const results = await Promise.all(
      ['甲', '乙'].map((name) =>
        t.execute(Save, { input: { ...content, title: `并发标题${name}`, version: before.version } }, cookie),
      ),
    )
    expect(results.map(errorCodes).flat().sort()).toEqual(['CONFLICT'])
    const after = (await stored(qfzfUnit))!
    expect(after.version).toBe(before.version + 1)
    expect(['并发标题甲', '并发标题乙']).toContain(after.title)
  })

  it('empty title, too long introduction, too long news: BAD_USER_INPUT with field messages', async () => {
    const before = (await stored(qfzfUnit))!
    const cookie = await as('qfzf')
    const auditCount = await t.db.prisma.auditLog.count() // after the login, which is audited too
    const empty = await t.execute(Save, { input: { ...content, title: '   ', version: before.version } }, cookie)
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT'])
    expect(fieldsOf(empty)).toEqual({ title: '请填写红页标题' })
    const long = await t.execute(
      Save,
      { input: { ...content, introduction: '简'.repeat(2001), version: before.version } },
      cookie,
    )
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT'])
    expect(fieldsOf(long).introduction).toMatch(/2000/)
    const longContacts = await t.execute(
      Save,
      { input: { ...content, contacts: '电'.repeat(501), version: before.version } },
      cookie,
    )
    expect(Object.keys(fieldsOf(longContacts))).toEqual(['contacts'])
    const control = await t.execute(
      Save,
      { input: { ...content, title: '标题\u0000', version: before.version } },
      cookie,
    )
    expect(Object.keys(fieldsOf(control))).toEqual(['title'])

    const newsEmpty = await t.execute(AddNews, { input: { title: '', body: '' } }, cookie)
    expect(errorCodes(newsEmpty)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(fieldsOf(newsEmpty)).sort()).toEqual(['body', 'title'])
    const newsLong = await t.execute(AddNews, { input: { title: '标'.repeat(129), body: '内容' } }, cookie)
    expect(Object.keys(fieldsOf(newsLong))).toEqual(['title'])
    const item = before.newsItems[0]!
    const updateLong = await t.execute(
      UpdateNews,
      { input: { id: String(item.id), title: '标题', body: '文'.repeat(10001) } },
      cookie,
    )
    expect(Object.keys(fieldsOf(updateLong))).toEqual(['body'])

    expect(await stored(qfzfUnit)).toEqual(before)
    expect(await t.db.prisma.auditLog.count()).toBe(auditCount)
  })

  it('the longest allowed introduction (2000 characters) is saved', async () => {
    const before = (await stored(qfzfUnit))!
    const saved = await save('qfzf', { ...content, introduction: '简'.repeat(2000), version: before.version })
    expect(saved.introduction).toHaveLength(2000)
    await save('qfzf', { ...content, version: saved.version })
  })

  it('news cannot be added before the micro-site is saved', async () => {
    const result = await t.execute(AddNews, { input: { title: '标题', body: '内容' } }, await as('sjzsl'))
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(await stored(sjzslUnit)).toBeNull()
  })
})

describe('who may read and edit', () => {
  it('another unit neither sees nor changes qfzf’s micro-site', async () => {
    const before = (await stored(qfzfUnit))!
    // myMicroSite is always the viewer's own: qfyy (which has the demo micro-site) sees its own; sjzsl has none.
    const other = await t.execute(Mine, {}, await as('qfyy'))
    expect(other.errors).toBeUndefined()
    expect(other.data!.myMicroSite?.unit.name).toBe('清丰县人民医院')
    expect(other.data!.myMicroSite?.id).not.toBe(String(before.id))
    expect((await t.execute(Mine, {}, await as('sjzsl'))).data!.myMicroSite).toBeNull()
    const byId = await t.execute(ForUnit, { unitId: String(qfzfUnit) }, await as('qfyy'))
    expect(errorCodes(byId)).toEqual(['NOT_FOUND'])

    // qfyy's own save changes qfyy's micro-site, never qfzf's.
    const qfyySite = (await stored(qfyyUnit))!
    const own = await save('qfyy', {
      title: '清丰县人民医院',
      introduction: '清丰县人民医院网络红页',
      version: qfyySite.version,
    })
    expect(own.id).toBe(String(qfyySite.id))
    const item = before.newsItems[0]!
    const update = await t.execute(
      UpdateNews,
      { input: { id: String(item.id), title: '篡改', body: '篡改' } },
      await as('qfyy'),
    )
    expect(errorCodes(update)).toEqual(['NOT_FOUND'])
    const remove = await t.execute(DeleteNews, { id: String(item.id) }, await as('qfyy'))
    expect(errorCodes(remove)).toEqual(['NOT_FOUND'])
    expect(await stored(qfzfUnit)).toEqual(before)
  })

  it('offices and CONAC read units in their scope, NOT_FOUND outside it, and cannot edit', async () => {
    const before = (await stored(qfzfUnit))!
    for (const user of ['qingfeng', 'puyang', 'henan', 'conac']) {
      const read = await t.execute(ForUnit, { unitId: String(qfzfUnit) }, await as(user))
      expect(read.errors, user).toBeUndefined()
      expect(read.data!.microSite).toMatchObject({ id: String(before.id), title: before.title })
    }
    for (const user of ['nanle', 'hebei']) {
      const read = await t.execute(ForUnit, { unitId: String(qfzfUnit) }, await as(user))
      expect(errorCodes(read), user).toEqual(['NOT_FOUND'])
    }
    // A unit in scope without a micro-site: null; an unknown or malformed id: NOT_FOUND.
    const noSite = await t.execute(ForUnit, { unitId: String(pyjyUnit) }, await as('puyang'))
    expect(noSite.errors).toBeUndefined()
    expect(noSite.data!.microSite).toBeNull()
    expect(errorCodes(await t.execute(ForUnit, { unitId: '99999999' }, await as('conac')))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(ForUnit, { unitId: 'abc' }, await as('conac')))).toEqual(['NOT_FOUND'])

    const mine = await t.execute(Mine, {}, await as('qingfeng'))
    expect(errorCodes(mine)).toEqual(['FORBIDDEN'])
    for (const user of ['qingfeng', 'conac']) {
      const cookie = await as(user)
      expect(errorCodes(await t.execute(Save, { input: { ...content, version: before.version } }, cookie))).toEqual([
        'FORBIDDEN',
      ])
      expect(errorCodes(await t.execute(Unpublish, { version: before.version }, cookie))).toEqual(['FORBIDDEN'])
      expect(errorCodes(await t.execute(AddNews, { input: { title: '编办动态', body: '内容' } }, cookie))).toEqual([
        'FORBIDDEN',
      ])
      expect(errorCodes(await t.execute(DeleteNews, { id: String(before.newsItems[0]!.id) }, cookie))).toEqual([
        'FORBIDDEN',
      ])
    }
    expect(await stored(qfzfUnit)).toEqual(before)
  })

  it('a unit that is not ACTIVE cannot edit', async () => {
    await t.db.prisma.unit.update({ where: { id: sjzslUnit }, data: { status: 'INACTIVE' } })
    try {
      const result = await t.execute(Save, { input: { title: '停用单位', introduction: '简介' } }, await as('sjzsl'))
      expect(errorCodes(result)).toEqual(['FORBIDDEN'])
      expect(await stored(sjzslUnit)).toBeNull()
    } finally {
      await t.db.prisma.unit.update({ where: { id: sjzslUnit }, data: { status: 'ACTIVE' } })
    }
  })

  it('anonymous viewers cannot read myMicroSite or edit', async () => {
    const before = (await stored(qfzfUnit))!
    expect(errorCodes(await t.execute(Mine, {}))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodes(await t.execute(ForUnit, { unitId: String(qfzfUnit) }))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodes(await t.execute(Save, { input: { ...content, version: before.version } }))).toEqual([
      'UNAUTHENTICATED',
    ])
    expect(errorCodes(await t.execute(Unpublish, { version: before.version }))).toEqual(['UNAUTHENTICATED'])
    expect(await stored(qfzfUnit)).toEqual(before)
  })
})

describe('the public page', () => {
  it('is null for unknown, malformed and never-published ids', async () => {
    expect((await t.execute(Public, { unitId: String(sjzslUnit) })).data!.publicMicroSite).toBeNull() // no micro-site
    await save('sjzsl', { title: '河北单位', introduction: '草稿' })
    for (const unitId of ['99999999', 'abc', '-1', '0', '1e3', '', String(sjzslUnit) /* a draft */]) {
      const result = await t.execute(Public, { unitId })
      expect(result.errors, unitId).toBeUndefined()
      expect(result.data!.publicMicroSite, unitId).toBeNull()
    }
  })

  it('PublicMicroSite carries only the published content', () => {
    const fieldsOfType = (name: string) => {
      const type = schema.getType(name)
      return isObjectType(type) ? Object.keys(type.getFields()).sort() : null
    }
    expect(fieldsOfType('PublicMicroSite')).toEqual([
      'badge',
      'contacts',
      'functions',
      'introduction',
      'newsItems',
      'publishedAt',
      'title',
      'unitName',
    ])
    expect(fieldsOfType('PublicMicroSiteNewsItem')).toEqual(['body', 'id', 'publishedAt', 'title'])
    expect(fieldsOfType('PublicMicroSiteBadge')).toEqual(['badgeNumber', 'imagePath', 'verificationPath'])
  })

  it('shows the badge only while an ACTIVE badge is placed on the micro-site', async () => {
    await save('pyjy', { title: '濮阳市教育局', introduction: '濮阳市教育局网络红页' })
    await publish('pyjy', pyjyUnit)
    const publicBadge = async () => (await t.execute(Public, { unitId: String(pyjyUnit) })).data!.publicMicroSite!.badge

    // A self-built site's badge does not go on the micro-site.
    await createIssuedBadge(t.db.prisma, { unitId: pyjyUnit, placement: 'SELF_BUILT' })
    expect(await publicBadge()).toBeNull()

    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: pyjyUnit, placement: 'MICRO_SITE' })
    expect(await publicBadge()).toEqual({
      badgeNumber: badge.badgeNumber,
      verificationPath: `/verify/${badge.badgeNumber}`,
      imagePath: `/badge/${badge.badgeNumber}.svg`,
    })
    const mine = await t.execute(Mine, {}, await as('pyjy'))
    expect(mine.data!.myMicroSite!.footerBadge).toEqual({
      badgeNumber: badge.badgeNumber,
      placement: 'MICRO_SITE',
      status: 'ACTIVE',
    })

    // Another unit's micro-site badge never shows on this page.
    await createIssuedBadge(t.db.prisma, { unitId: qfyyUnit, placement: 'MICRO_SITE' })
    expect((await publicBadge())?.badgeNumber).toBe(badge.badgeNumber)

    await t.db.prisma.badge.update({ where: { id: badge.id }, data: { status: 'CANCELLED', cancelledAt: new Date() } })
    expect(await publicBadge()).toBeNull()
    expect((await t.execute(Mine, {}, await as('pyjy'))).data!.myMicroSite!.footerBadge).toBeNull()
  })

  it('is hidden while the unit is not ACTIVE', async () => {
    await t.db.prisma.unit.update({ where: { id: pyjyUnit }, data: { status: 'INACTIVE' } })
    try {
      expect((await t.execute(Public, { unitId: String(pyjyUnit) })).data!.publicMicroSite).toBeNull()
    } finally {
      await t.db.prisma.unit.update({ where: { id: pyjyUnit }, data: { status: 'ACTIVE' } })
    }
    expect((await t.execute(Public, { unitId: String(pyjyUnit) })).data!.publicMicroSite).not.toBeNull()
  })
})
