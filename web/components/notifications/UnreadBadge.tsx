'use client'
// 消息 N in the top bar: the viewer's unread in-portal notifications, polled every 60 s and refreshed when the
// centre marks some read. Links to 消息中心.
import Link from 'next/link'
import { useEffect } from 'react'
import { useQuery } from 'urql'
import { graphql } from '@/graphql/generated'
import { NOTIFICATIONS_CHANGED } from './events'

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`)

const POLL_MS = 60_000

export function UnreadBadge() {
  const [{ data }, refetch] = useQuery({ query: UnreadNotificationCountQuery, requestPolicy: 'cache-and-network' })
  useEffect(() => {
    const reload = () => refetch({ requestPolicy: 'network-only' })
    const timer = window.setInterval(reload, POLL_MS)
    window.addEventListener(NOTIFICATIONS_CHANGED, reload)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener(NOTIFICATIONS_CHANGED, reload)
    }
  }, [refetch])
  const count = data?.unreadNotificationCount ?? 0
  // Named by what it shows (消息 3), with what the number counts for screen readers: an aria-label of other words
  // would hide the visible text from speech input (axe label-content-name-mismatch).
  return (
    <Link
      href="/notifications"
      className={count > 0 ? 'topbar-messages topbar-messages-unread' : 'topbar-messages'}
      data-testid="topbar-messages"
    >
      消息
      {count > 0 && (
        <>
          <span className="topbar-messages-count">{count > 99 ? '99+' : count}</span>
          <span className="visually-hidden"> 条未读</span>
        </>
      )}
    </Link>
  )
}
