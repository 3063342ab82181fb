'use client'
// 协助重置密码: a button for the account lists of 用户管理 (/office/users, /office/units, /unit/users). After a
// confirmation, the API sends the reset code and link to the account's REGISTERED mobile and email; the helper
// never sees either, and is told only where they went (masked). Refusals show the API's Chinese message. The
// outcome goes to the list (onResult), which shows it above the table, as data-testid help-reset-result.
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { resultMessage } from '@/components/ui/resultMessages'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { RowActionResult } from './AccountTable'

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

const RESULT_TEST_ID = 'help-reset-result'

export function HelpResetPasswordButton({
  user,
  onResult,
}: {
  user: HelpResetTarget
  onResult: (result: RowActionResult) => void
}) {
  const [{ fetching }, help] = useMutation(HelpResetPasswordMutation)
  const confirm = useConfirm()
  const hydrated = useHydrated()

  async function onClick() {
    const message =
      `将向“${user.displayName}”（${user.username}）登记的手机发送重置密码验证码，并向其登记的邮箱发送重置链接。` +
      '\n您不会看到验证码；该用户设置新密码后，其所有登录将退出。'
    if (!(await confirm({ title: '协助重置密码', message, confirmLabel: '发送' }))) return
    const answer = await help({ userId: user.id })
    const sent = answer.data?.helpResetPassword
    onResult(
      sent
        ? { error: false, text: resultMessage('helpResetPassword', sent), testId: RESULT_TEST_ID }
        : { error: true, text: describeFailure(answer.error, '发送失败，请稍后再试').message, testId: RESULT_TEST_ID },
    )
  }

  return (
    <button
      type="button"
      className="button button-light"
      data-testid={`help-reset-${user.id}`}
      disabled={!hydrated || fetching}
      onClick={onClick}
    >
      {fetching ? '正在发送…' : '协助重置密码'}
    </button>
  )
}

/** The button on a row of an account list (AccountTable's extraAction): active accounts only. */
export function helpResetAction(
  account: HelpResetTarget & { status: string },
  report: (result: RowActionResult) => void,
) {
  if (account.status !== 'ACTIVE') return null
  return <HelpResetPasswordButton user={account} onResult={report} />
}
