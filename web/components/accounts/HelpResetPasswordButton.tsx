'use client'
// 协助重置密码: a button for the account lists of 用户管理 (/office/users, /office/units, /unit/users). After a
// confirmation, the API sends the reset code and link to the account's REGISTERED mobile and email; the helper
// never sees either, and is told only where they went (masked). Refusals show the API's Chinese message.
//
//   <HelpResetPasswordButton user={{ id: node.id, displayName: node.displayName, username: node.username }} />
import { useState } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { resultMessage } from '@/components/ui/resultMessages'
import { ResultNotice, type ActionResult } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'

const HelpResetPasswordMutation = graphql(`
  mutation HelpResetPassword($userId: ID!) {
    helpResetPassword(userId: $userId) {
      maskedMobile
      maskedEmail
    }
  }
`)

export interface HelpResetTarget {
  id: string
  displayName: string
  username: string
}

export function HelpResetPasswordButton({ user, className }: { user: HelpResetTarget; className?: string }) {
  const [{ fetching }, help] = useMutation(HelpResetPasswordMutation)
  const confirm = useConfirm()
  const hydrated = useHydrated()
  const [result, setResult] = useState<ActionResult | null>(null)

  async function onClick() {
    const message =
      `将向“${user.displayName}”（${user.username}）登记的手机发送重置密码验证码，并向其登记的邮箱发送重置链接。` +
      '\n您不会看到验证码；该用户设置新密码后，其所有登录将退出。'
    if (!(await confirm({ title: '协助重置密码', message, confirmLabel: '发送' }))) return
    setResult(null)
    const answer = await help({ userId: user.id })
    const sent = answer.data?.helpResetPassword
    setResult(
      sent
        ? { error: false, text: resultMessage('helpResetPassword', sent) }
        : { error: true, text: describeFailure(answer.error, '发送失败，请稍后再试').message },
    )
  }

  return (
    <span className={className ? `help-reset ${className}` : 'help-reset'} data-testid={`help-reset-${user.id}`}>
      <button type="button" className="button button-light" disabled={!hydrated || fetching} onClick={onClick}>
        {fetching ? '正在发送…' : '协助重置密码'}
      </button>
      <ResultNotice result={result} testId="help-reset-result" />
    </span>
  )
}

/** The button on a row of an account list (AccountTable's extraAction): active accounts only. */
export function helpResetAction(account: HelpResetTarget & { status: string }) {
  if (account.status !== 'ACTIVE') return null
  return <HelpResetPasswordButton user={account} />
}
