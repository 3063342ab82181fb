// What a password check held back by the login throttle (throttle.ts) answers: login and 修改密码 say the same.
import { appError } from '../../errors.ts'
import type { LoginGate } from './throttle.ts'

/** Throws the refusal of a gate that did not open (the address throttled or locked, the name being guessed). */
export function refuseClosedGate(gate: LoginGate): asserts gate is Extract<LoginGate, { kind: 'open' }> {
  if (gate.kind === 'addressThrottled') {
    throw appError(
      'TOO_MANY_ATTEMPTS',
      `本网络地址登录失败次数过多，请 ${Math.ceil(gate.retryAfterSeconds / 60)} 分钟后再试`,
      { retryAfterSeconds: gate.retryAfterSeconds },
    )
  }
  if (gate.kind === 'addressLocked') throw addressLocked(gate.lockedUntil)
  if (gate.kind === 'accountDelayed') {
    throw appError('TOO_MANY_ATTEMPTS', `该账号近期密码错误次数较多，请 ${gate.retryAfterSeconds} 秒后再试`, {
      retryAfterSeconds: gate.retryAfterSeconds,
    })
  }
}

/** The (name, address) pair is locked: the same answer whether the name exists or not. */
export function addressLocked(lockedUntil: Date) {
  return appError(
    'ACCOUNT_LOCKED',
    `密码错误次数过多，本网络地址暂时不能登录该账号，请于 ${formatTime(lockedUntil)} 后再试，或从其他网络登录`,
    { lockedUntil: lockedUntil.toISOString() },
  )
}

function formatTime(date: Date): string {
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}
