'use client'
// 消息中心: the viewer's in-portal notifications, newest first, unread ones highlighted; 只看未读, 全部标为已读,
// pages of 20. Opening an item marks it read and goes to the page it is about.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { announceNotificationsChanged } from './events'
import { formatDateTime } from '@/components/ui/format'

export const MyNotificationsQuery = graphql(`
  query MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    unreadNotificationCount
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
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

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`)

export function NotificationCentre() {
  const router = useRouter()
  const pages = useCursorPages()
  const [unreadOnly, setUnreadOnly] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MyNotificationsQuery,
    variables: { first: PAGE_SIZE, after: pages.after, unreadOnly },
    requestPolicy: 'cache-and-network',
  })
  const [marking, markRead] = useMutation(MarkNotificationsReadMutation)
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const connection = data?.myNotifications
  const unread = data?.unreadNotificationCount ?? 0

  async function onMarkAll() {
    const result = await markRead({ all: true })
    if (result.error) {
      setMessage('操作失败，请稍后重试。')
      return
    }
    setMessage(resultMessage('markNotificationsRead', { count: result.data?.markNotificationsRead ?? 0 }))
    announceNotificationsChanged()
    pages.reset()
    reload()
  }

  async function onOpen(id: string, link: string, isUnread: boolean) {
    if (isUnread) {
      await markRead({ ids: [id] })
      announceNotificationsChanged()
    }
    router.push(link)
  }

  return (
    <section className="panel" aria-labelledby="notifications-title">
      <div className="panel-head">
        <h1 id="notifications-title">消息中心</h1>
        {connection && (
          <span className="panel-meta" data-testid="notifications-meta">
            共 {connection.totalCount} 条{unreadOnly ? '未读' : ''}，未读 {unread} 条
          </span>
        )}
      </div>
      <div className="notifications-toolbar">
        <label className="notifications-filter">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked)
              pages.reset()
            }}
            data-testid="notifications-unread-only"
          />
          只看未读
        </label>
        <button
          type="button"
          className="button button-light"
          onClick={onMarkAll}
          disabled={marking.fetching || unread === 0}
          data-testid="notifications-mark-all"
        >
          全部标为已读
        </button>
      </div>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <ErrorNotice error={error} fallback="消息加载失败，请刷新页面重试。" />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="notifications-empty">{unreadOnly ? '没有未读消息。' : '暂无消息。'}</EmptyState>
      ) : (
        <ul className="notification-list" data-testid="notifications">
          {connection.edges.map(({ node }) => {
            const isUnread = !node.readAt
            return (
              <li
                key={node.id}
                className={isUnread ? 'notification-item notification-unread' : 'notification-item'}
                data-testid="notification-item"
              >
                <a
                  href={node.link}
                  className="notification-link"
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
                    event.preventDefault()
                    void onOpen(node.id, node.link, isUnread)
                  }}
                >
                  <span className="notification-head">
                    {isUnread && <span className="notification-dot" aria-label="未读" />}
                    <strong className="notification-subject">{node.subject ?? '系统消息'}</strong>
                    <time className="notification-time muted" dateTime={node.createdAt}>
                      {formatDateTime(node.createdAt)}
                    </time>
                  </span>
                  <span className="notification-body">{node.body}</span>
                </a>
              </li>
            )
          })}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
