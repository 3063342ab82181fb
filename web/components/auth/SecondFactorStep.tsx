'use client'
// 登录第二步 for staff: an SMS code to the registered mobile (发送验证码, then a countdown before it can be sent
// again) or the 6 digits of the authenticator app (身份验证器), and 记住此设备 N 天. The API consumes the challenge
// after 5 wrong codes; the person then starts again with the password.
import { useEffect, useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { Field } from '@/components/ui/Field'
import { formatWait } from '@/components/ui/format'
import { ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { nextLoginStep, type LoginStepState } from './loginStep'

const SendLoginCodeMutation = graphql(`
  mutation SendLoginCode($challenge: String!) {
    sendLoginCode(challenge: $challenge) {
      maskedMobile
      resendAfterSeconds
    }
  }
`)

const CompleteLoginMutation = graphql(`
  mutation CompleteLogin($input: CompleteLoginInput!) {
    completeLogin(input: $input) {
      status
      challenge
      methods
      maskedMobile
      rememberDays
      changeToken
    }
  }
`)

type Method = 'SMS' | 'TOTP'

export function SecondFactorStep({
  step,
  onNext,
}: {
  step: Extract<LoginStepState, { kind: 'secondFactor' }>
  onNext: (next: LoginStepState) => void
}) {
  const [, send] = useMutation(SendLoginCodeMutation)
  const [, complete] = useMutation(CompleteLoginMutation)
  const methods = step.methods.filter((m): m is Method => m === 'SMS' || m === 'TOTP')
  const [method, setMethod] = useState<Method | undefined>(methods[0])
  const [code, setCode] = useState('')
  const [remember, setRemember] = useState(false)
  const [waitSeconds, setWaitSeconds] = useState(0)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [finished, setFinished] = useState(false)
  const hydrated = useHydrated()

  useEffect(() => {
    if (waitSeconds <= 0) return
    const timer = setTimeout(() => setWaitSeconds((s) => s - 1), 1000)
    return () => clearTimeout(timer)
  }, [waitSeconds])

  async function sendCode() {
    setFailure(null)
    const result = await send({ challenge: step.challenge })
    const sent = result.data?.sendLoginCode
    if (sent) {
      setSentTo(sent.maskedMobile)
      setWaitSeconds(sent.resendAfterSeconds)
      return
    }
    const why = describeFailure(result.error, '验证码发送失败，请稍后再试')
    if (why.code === 'TOKEN_INVALID') setFinished(true)
    if (why.retryAfterSeconds !== undefined) setWaitSeconds(why.retryAfterSeconds)
    // The system's SMS budget is used up and this person has an authenticator: the API's message says to use it, and
    // the form turns to it.
    const alternative = result.error?.graphQLErrors[0]?.extensions?.alternative
    if (why.reason === 'SMS_BUDGET_REACHED' && alternative === 'TOTP' && methods.includes('TOTP')) {
      setMethod('TOTP')
      setCode('')
    }
    setFailure(why)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting || !method) return
    if (!/^[0-9]{6}$/.test(code.trim())) {
      setFailure({
        code: 'BAD_USER_INPUT',
        message: '请填写 6 位数字验证码',
        fields: { code: '请填写 6 位数字验证码' },
      })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = await complete({
      input: {
        challenge: step.challenge,
        ...(method === 'SMS' ? { code: code.trim() } : { totp: code.trim() }),
        rememberDevice: remember,
      },
    })
    const payload = result.data?.completeLogin
    if (payload) {
      onNext(nextLoginStep(payload))
      return
    }
    const why = describeFailure(result.error, '验证失败，请稍后再试')
    if (why.code === 'TOKEN_INVALID' || why.code === 'TOO_MANY_ATTEMPTS') setFinished(true)
    setFailure({ ...why, fields: { code: why.fields.code ?? why.fields.totp ?? '' } })
    setSubmitting(false)
  }

  const startAgain = (
    <button type="button" className="button button-block" onClick={() => onNext({ kind: 'password' })}>
      返回重新登录
    </button>
  )

  if (!method) {
    return (
      <div className="login-form" data-testid="second-factor-step">
        <p className="notice notice-warning" role="status">
          账号需要双重验证，但未登记手机号也未绑定身份验证器，请联系本办管理员。
        </p>
        {startAgain}
      </div>
    )
  }

  return (
    <form className="login-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="second-factor-step">
      <h2 className="login-step-title">双重验证</h2>
      {methods.length > 1 && (
        <div className="login-methods" role="radiogroup" aria-label="验证方式">
          {methods.map((m) => (
            <label key={m} className="checkbox-field">
              <input
                type="radio"
                name="method"
                checked={method === m}
                onChange={() => {
                  setMethod(m)
                  setCode('')
                  setFailure(null)
                }}
              />
              {m === 'SMS' ? '短信验证码' : '身份验证器'}
            </label>
          ))}
        </div>
      )}
      {method === 'SMS' ? (
        <>
          <p className="reg-help">验证码将发送至您登记的手机 {sentTo ?? step.maskedMobile}，5 分钟内有效。</p>
          <div className="login-code-row">
            <button
              type="button"
              className="button"
              onClick={sendCode}
              disabled={!hydrated || waitSeconds > 0 || finished}
              data-testid="send-login-code"
            >
              {waitSeconds > 0 ? `${formatWait(waitSeconds)}后可重新发送` : sentTo ? '重新发送' : '发送验证码'}
            </button>
          </div>
        </>
      ) : (
        <p className="reg-help">请打开手机上的身份验证器，输入“政务和公益机构域名注册管理平台”当前显示的 6 位数字。</p>
      )}
      <Field
        id="login-code"
        label={method === 'SMS' ? '短信验证码' : '身份验证器验证码'}
        error={failure?.fields.code || undefined}
      >
        {(control) => (
          <input
            {...control}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            disabled={finished}
          />
        )}
      </Field>
      {step.rememberDays > 0 && (
        <label className="checkbox-field">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          记住此设备 {step.rememberDays} 天（在此浏览器上登录时不再需要验证码；公用电脑请勿勾选）
        </label>
      )}
      <ResultNotice result={failure ? { error: true, text: failure.message } : null} testId="second-factor-result" />
      {finished ? (
        startAgain
      ) : (
        <button type="submit" className="button button-primary button-block" disabled={!hydrated || submitting}>
          {submitting ? '正在验证…' : '验证并登录'}
        </button>
      )}
    </form>
  )
}
