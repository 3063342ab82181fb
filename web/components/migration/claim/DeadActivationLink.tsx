'use client'
// What the activation page says about a link that no longer works (activationLinkState): expired (and, for an
// account brought over from the old system, that its office re-sends the claim invitation), already used, or the
// account already has its password. The SMS code below the notice still activates a pending account.
import Link from 'next/link'
import { useQuery } from 'urql'
import { ActivationLinkStateDocument } from './documents'

export function DeadActivationLink({ token }: { token: string }) {
  const [{ data, fetching }] = useQuery({ query: ActivationLinkStateDocument, variables: { token } })
  if (fetching && !data) return null
  const answer = data?.activationLinkState
  const state = answer?.state ?? 'INVALID'
  const what = answer?.imported ? '认领' : '激活'
  let text: React.ReactNode
  if (state === 'EXPIRED') {
    text = answer?.imported
      ? '认领链接已过期。请联系您所在地区的编办（机构编制部门）重新发送认领通知；收到新的短信验证码后，也可以在下方输入用户名和验证码完成认领。'
      : '激活链接已过期。请联系管理员重发激活；收到新的短信验证码后，也可以在下方输入用户名和验证码完成激活。'
  } else if (state === 'ALREADY_ACTIVE') {
    text = (
      <>
        该账号已设置密码，无需再次{what}，请直接<Link href="/login">登录</Link>。忘记密码时可使用“忘记密码”。
      </>
    )
  } else {
    text = `${what}链接已失效（已使用、已过期或已重新发送）。您可以输入用户名和手机收到的短信验证码完成${what}，或请管理员重新发送。`
  }
  return (
    <p className="field-error" data-testid="activation-link-dead" data-state={state}>
      {text}
    </p>
  )
}
