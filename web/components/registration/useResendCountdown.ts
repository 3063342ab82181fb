'use client'
// The wait before another SMS code may be asked for: counts down once a second from what the API said
// (resendAfterSeconds, or a short retryAfterSeconds of a refusal). 获取验证码 and 经办人交接's 重新发送 share it.
import { useEffect, useState } from 'react'

/** Waits longer than this are only said, not counted down on the button (a daily limit). */
const LONGEST_COUNTED_WAIT = 60

export function useResendCountdown(initialSeconds = 0) {
  const [secondsLeft, setSecondsLeft] = useState(initialSeconds)
  useEffect(() => {
    if (secondsLeft <= 0) return
    const timer = setTimeout(() => setSecondsLeft((value) => value - 1), 1000)
    return () => clearTimeout(timer)
  }, [secondsLeft])
  /** Starts the wait after a send, or after a refusal that says how long to wait (when it is short). */
  const wait = (seconds: number | null | undefined) => {
    if (seconds && seconds <= LONGEST_COUNTED_WAIT) setSecondsLeft(seconds)
  }
  return { secondsLeft, wait }
}
