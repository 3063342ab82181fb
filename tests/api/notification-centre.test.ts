// 消息中心: a viewer lists, counts and marks only its own in-portal notifications; other users' rows are never
// shown or changed; pagination is newest first; anonymous viewers and API tokens are refused.
import type { ResultOf } from '@graphql-typed-document-node/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const MyNotifications = graphql(`
  query TestMyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          template
          subject
          body
          createdAt
          readAt
          link
        }
      }
    }
  }
`)
const UnreadCount = graphql(`
  query TestUnreadNotificationCount {
    unreadNotificationCount
  }
`)
const MarkRead = graphql(`
  mutation TestMarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`)
const CreateToken = graphql(`
  mutation TestCentreCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
const as = (name: string) => ({ cookie: cookies[name] })
const userIds: Record<string, number> = {}
/** The ids of the rows written for each user, oldest first. */
const rows: Record<string, number[]> = {}

async function write(
  username: string,
  template: string,
  payload: Record<string, number> = {},
  channel: 'IN_APP' | 'EMAIL' = 'IN_APP',
) {
  const row = await t.db.prisma.notification.create({
    data: {
      channel,
      userId: userIds[username],
      address: channel === 'EMAIL' ? 'x@example.com' : null,
      template,
      subject: `${template} 标题`,
      body: `${template} 正文`,
      payload,
    },
  })
  return row.id
}

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['qfzf', 'qfyy', 'qingfeng', 'conac']) {
    cookies[name] = await t.login(name)
    userIds[name] = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: name } })).id
  }
  // A clean inbox for each test user (the seed may have written some).
  await t.db.prisma.notification.deleteMany({ where: { userId: { in: Object.values(userIds) } } })
  rows.qfzf = []
  for (let i = 0; i < 5; i++) rows.qfzf.push(await write('qfzf', 'domain.officeApproved', { domainId: 100 + i }))
  rows.qfzf.push(await write('qfzf', 'siteApplication.conacRejected', { siteApplicationId: 42 }))
  // An email for the same user is not an in-portal notification.
  await write('qfzf', 'domain.officeApproved', {}, 'EMAIL')
  rows.qfyy = [await write('qfyy', 'badge.issued', { badgeId: 7 }), await write('qfyy', 'domain.conacRejected')]
  rows.qingfeng = [await write('qingfeng', 'domain.awaitingOfficeReview')]
})
afterAll(() => t?.close())

describe('access', () => {
  it('refuses anonymous viewers', async () => {
    expect(errorCodes(await t.execute(MyNotifications, { first: 5 }))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodes(await t.execute(UnreadCount, {}))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodes(await t.execute(MarkRead, { all: true }))).toEqual(['UNAUTHENTICATED'])
    expect(await t.db.prisma.notification.count({ where: { readAt: { not: null } } })).toBe(0)
  })

  it('refuses an API token: the inbox belongs to a person in the portal', async () => {
    const token = (await t.execute(CreateToken, { input: { name: '消息测试', access: 'READ_WRITE' } }, as('qingfeng')))
      .data!.createApiToken.token
    expect(errorCodes(await t.execute(MyNotifications, { first: 5 }, { token }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(MarkRead, { all: true }, { token }))).toEqual(['FORBIDDEN'])
  })
})

describe('listing and counting', () => {
  it('lists only the viewer’s own IN_APP rows, newest first, with a link for its role', async () => {
    const result = await t.execute(MyNotifications, { first: 20 }, as('qfzf'))
    expect(result.errors).toBeUndefined()
    const list = result.data!.myNotifications
    expect(list.totalCount).toBe(6)
    expect(list.edges.map((e) => Number(e.node.id))).toEqual([...rows.qfzf!].reverse())
    expect(list.edges[0]!.node).toMatchObject({
      template: 'siteApplication.conacRejected',
      subject: 'siteApplication.conacRejected 标题',
      readAt: null,
      link: '/unit/sites/42',
    })
    expect(list.edges[1]!.node.link).toBe('/unit/domains')

    const other = (await t.execute(MyNotifications, { first: 20 }, as('qfyy'))).data!.myNotifications
    expect(other.edges.map((e) => Number(e.node.id))).toEqual([...rows.qfyy!].reverse())
    expect(other.edges.map((e) => e.node.link)).toEqual(['/unit/domains', '/unit/badges'])
    const office = (await t.execute(MyNotifications, { first: 20 }, as('qingfeng'))).data!.myNotifications
    expect(office.edges.map((e) => e.node.link)).toEqual(['/office/domains/review'])
    expect((await t.execute(MyNotifications, { first: 20 }, as('conac'))).data!.myNotifications.totalCount).toBe(0)
  })

  it('pages newest first with cursors', async () => {
    const seen: number[] = []
    let after: string | null = null
    let pages = 0
    for (;;) {
      const page: ResultOf<typeof MyNotifications>['myNotifications'] = (
        await t.execute(MyNotifications, { first: 2, after: after as string | null }, as('qfzf'))
      ).data!.myNotifications
      expect(page.totalCount).toBe(6)
      seen.push(...page.edges.map((e) => Number(e.node.id)))
      pages++
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor ?? null
    }
    expect(pages).toBe(3)
    expect(seen).toEqual([...rows.qfzf!].reverse())
  })

  it('counts unread rows per viewer', async () => {
    expect((await t.execute(UnreadCount, {}, as('qfzf'))).data!.unreadNotificationCount).toBe(6)
    expect((await t.execute(UnreadCount, {}, as('qfyy'))).data!.unreadNotificationCount).toBe(2)
    expect((await t.execute(UnreadCount, {}, as('conac'))).data!.unreadNotificationCount).toBe(0)
  })
})

describe('marking read', () => {
  it('needs ids or all', async () => {
    expect(errorCodes(await t.execute(MarkRead, {}, as('qfzf')))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await t.execute(MarkRead, { ids: [] }, as('qfzf')))).toEqual(['BAD_USER_INPUT'])
  })

  it('marks the viewer’s own ids and ignores another user’s', async () => {
    const mine = rows.qfzf!.slice(0, 2)
    const theirs = rows.qfyy!
    const result = await t.execute(MarkRead, { ids: [...mine, ...theirs, 'abc', '999999999'].map(String) }, as('qfzf'))
    expect(result.errors).toBeUndefined()
    expect(result.data!.markNotificationsRead).toBe(2)
    // Another user's rows are untouched.
    const other = await t.db.prisma.notification.findMany({ where: { id: { in: theirs } } })
    expect(other.map((n) => n.readAt)).toEqual([null, null])
    expect((await t.execute(UnreadCount, {}, as('qfyy'))).data!.unreadNotificationCount).toBe(2)
    expect((await t.execute(UnreadCount, {}, as('qfzf'))).data!.unreadNotificationCount).toBe(4)
    // Marking them again changes nothing and keeps the first readAt.
    const readAt = (await t.db.prisma.notification.findUniqueOrThrow({ where: { id: mine[0]! } })).readAt
    expect(readAt).not.toBeNull()
    expect((await t.execute(MarkRead, { ids: mine.map(String) }, as('qfzf'))).data!.markNotificationsRead).toBe(0)
    expect((await t.db.prisma.notification.findUniqueOrThrow({ where: { id: mine[0]! } })).readAt).toEqual(readAt)
  })

  it('filters unread only', async () => {
    const unread = (await t.execute(MyNotifications, { first: 20, unreadOnly: true }, as('qfzf'))).data!.myNotifications
    expect(unread.totalCount).toBe(4)
    expect(unread.edges.map((e) => Number(e.node.id))).toEqual(rows.qfzf!.slice(2).reverse())
    const all = (await t.execute(MyNotifications, { first: 20 }, as('qfzf'))).data!.myNotifications
    expect(all.edges.filter((e) => e.node.readAt).map((e) => Number(e.node.id))).toEqual(
      rows.qfzf!.slice(0, 2).reverse(),
    )
  })

  it('marks all of the viewer’s rows, and only those', async () => {
    const result = await t.execute(MarkRead, { all: true }, as('qfzf'))
    expect(result.data!.markNotificationsRead).toBe(4)
    expect((await t.execute(UnreadCount, {}, as('qfzf'))).data!.unreadNotificationCount).toBe(0)
    expect((await t.execute(UnreadCount, {}, as('qfyy'))).data!.unreadNotificationCount).toBe(2)
    expect((await t.execute(UnreadCount, {}, as('qingfeng'))).data!.unreadNotificationCount).toBe(1)
    // The email row of the same user is not touched by the centre.
    expect(
      await t.db.prisma.notification.count({
        where: { userId: userIds.qfzf, channel: 'EMAIL', readAt: { not: null } },
      }),
    ).toBe(0)
    expect((await t.execute(MarkRead, { all: true }, as('qfzf'))).data!.markNotificationsRead).toBe(0)
  })
})
