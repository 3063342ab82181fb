import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'
import { HelpResetPasswordButton } from '@/components/accounts/HelpResetPasswordButton'
import { isDevOutboxOn } from '@/components/registration/devOutbox'
import { getViewer, loginPathFor } from '@/graphql/viewer'

export const metadata: Metadata = { title: '协助重置密码（开发）' }
export const dynamic = 'force-dynamic'

// A development page for the 协助重置密码 button until the 用户管理 lists (/office/users, /office/units) use it:
// /dev/help-reset-password?userId=…&name=…&username=… . Only while the API runs with the development outbox.
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  if (!(await isDevOutboxOn())) notFound()
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  const { userId, name, username } = await searchParams
  const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '')
  return (
    <section className="panel" aria-labelledby="help-reset-title">
      <div className="panel-head">
        <h1 id="help-reset-title">协助重置密码</h1>
      </div>
      <p className="panel-note">
        用户：{text(name) || '（未指定）'} {text(username) && `（${text(username)}）`}
      </p>
      {text(userId) && (
        <div className="panel-section">
          <HelpResetPasswordButton
            user={{ id: text(userId), displayName: text(name) || text(username), username: text(username) }}
          />
        </div>
      )}
    </section>
  )
}
