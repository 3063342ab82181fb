// What the login page tells a person, in Chinese. The API's own messages are already Chinese and are shown as
// they come; these are the fallbacks and the notices for a session that ended.
import type { CombinedError } from 'urql'

/** Notices for /login?reason=<code>, set when a page found the session refused by the API. */
export const REASON_NOTICES: Record<string, string> = {
  SESSION_EXPIRED: '登录已过期，请重新登录',
  SESSION_INVALID: '登录状态无效，请重新登录',
  ACCOUNT_DISABLED: '账号已停用，请联系上级编办',
}

const FALLBACK_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '密码错误次数过多，本网络地址暂时不能登录该账号，请稍后再试',
  ACCOUNT_DISABLED: '账号已停用，请联系上级编办',
  TOO_MANY_ATTEMPTS: '登录失败次数过多，请稍后再试',
  BAD_USER_INPUT: '登录信息不完整',
}

export interface LoginFailure {
  code: string
  message: string
  /** Per input field (username, password), when the API named the fields. */
  fields: Record<string, string>
}

/** Turns a failed login into what the form shows. */
export function describeLoginError(error: CombinedError): LoginFailure {
  const graphQLError = error.graphQLErrors[0]
  if (!graphQLError) {
    return { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试', fields: {} }
  }
  const extensions = graphQLError.extensions ?? {}
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN'
  let message = graphQLError.message || FALLBACK_MESSAGES[code] || '登录失败，请稍后再试'
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'UNKNOWN') message = '系统繁忙，登录失败，请稍后再试'
  if (code === 'INVALID_CREDENTIALS' && typeof extensions.remainingAttempts === 'number') {
    message = `${message}，还可尝试 ${extensions.remainingAttempts} 次，之后本网络地址将暂时不能登录该账号`
  }
  const fields: Record<string, string> = {}
  if (code === 'BAD_USER_INPUT' && extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, text] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[name] = text
    }
  }
  return { code, message, fields }
}
