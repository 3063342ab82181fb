'use client'
// 退出登录: ends the session on the API (which clears the cookie), then a full navigation to the login page.
import { useState } from 'react'
import { useMutation } from 'urql'
import { graphql } from '@/graphql/generated'

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`)

export function LogoutButton() {
  const [, logout] = useMutation(LogoutMutation)
  const [pending, setPending] = useState(false)
  const [failed, setFailed] = useState(false)

  async function onClick() {
    setPending(true)
    setFailed(false)
    const result = await logout({})
    if (result.error?.networkError) {
      // The session is still there: say so instead of pretending to be logged out.
      setFailed(true)
      setPending(false)
      return
    }
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full navigation drops every page and cache of the ended session
    window.location.assign('/login')
  }

  return (
    <>
      {failed && (
        <span className="topbar-error" role="alert">
          退出失败，请重试
        </span>
      )}
      <button type="button" className="button button-light" onClick={onClick} disabled={pending}>
        退出登录
      </button>
    </>
  )
}
