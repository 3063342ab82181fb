'use client'
// 身份验证器 (TOTP) for staff: 绑定 shows a QR code (and the secret as text) to scan with an authenticator app, then
// a code from the app confirms it; 解除绑定 asks for the password and a current code. Logins then offer it beside
// the SMS code.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { Field } from '@/components/ui/Field'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'

const TotpStatusQuery = graphql(`
  query TotpStatus {
    me {
      id
      totpEnabled
    }
  }
`)

const StartTotpSetupMutation = graphql(`
  mutation StartTotpSetup {
    startTotpSetup {
      secret
      qrDataUrl
    }
  }
`)

const ConfirmTotpMutation = graphql(`
  mutation ConfirmTotp($code: String!) {
    confirmTotp(code: $code)
  }
`)

const DisableTotpMutation = graphql(`
  mutation DisableTotp($input: DisableTotpInput!) {
    disableTotp(input: $input)
  }
`)

export function TotpPanel() {
  const [status, refetch] = useQuery({ query: TotpStatusQuery, requestPolicy: 'network-only' })
  const [, start] = useMutation(StartTotpSetupMutation)
  const [, confirmTotp] = useMutation(ConfirmTotpMutation)
  const [, disable] = useMutation(DisableTotpMutation)
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null)
  const [code, setCode] = useState('')
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const hydrated = useHydrated()

  const enabled = status.data?.me?.totpEnabled === true
  const reset = () => {
    setCode('')
    setPassword('')
    setFailure(null)
  }

  async function onStart() {
    setBusy(true)
    reset()
    setNotice(null)
    const result = await start({})
    setBusy(false)
    if (result.data?.startTotpSetup) setSetup(result.data.startTotpSetup)
    else setFailure(describeFailure(result.error, '操作失败，请稍后再试'))
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(null)
    const result = await confirmTotp({ code: code.trim() })
    setBusy(false)
    if (result.data?.confirmTotp) {
      setSetup(null)
      reset()
      setNotice(resultMessage('confirmTotp'))
      refetch({ requestPolicy: 'network-only' })
      return
    }
    setFailure(describeFailure(result.error, '绑定失败，请稍后再试'))
  }

  async function onDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(null)
    const result = await disable({ input: { password, code: code.trim() } })
    setBusy(false)
    if (result.data?.disableTotp) {
      reset()
      setNotice(resultMessage('disableTotp'))
      refetch({ requestPolicy: 'network-only' })
      return
    }
    setFailure(describeFailure(result.error, '解除绑定失败，请稍后再试'))
  }

  const codeField = (
    <Field id="totp-code" label="身份验证器中的 6 位数字" required error={failure?.fields.code}>
      {(control) => (
        <input
          {...control}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      )}
    </Field>
  )
  const result = (
    <ResultNotice
      result={failure ? { error: true, text: failure.message } : notice ? { error: false, text: notice } : null}
      testId="totp-result"
    />
  )

  return (
    <section className="panel account-panel" aria-labelledby="totp-heading" data-testid="totp-panel">
      <div className="panel-head">
        <h1 id="totp-heading">双重验证</h1>
      </div>
      <p className="reg-help">
        编办和 CONAC
        工作人员登录时，在密码之后还需输入发送到登记手机的短信验证码；绑定身份验证器后，也可以改用身份验证器中的 6
        位数字（无需等待短信）。
      </p>
      {status.fetching && !status.data ? (
        <Loading />
      ) : status.error ? (
        <ErrorNotice error={status.error} />
      ) : enabled ? (
        <form onSubmit={onDisable} noValidate aria-busy={busy}>
          <p className="notice notice-ok" role="status" data-testid="totp-enabled">
            已绑定身份验证器。
          </p>
          <h2>解除绑定</h2>
          <Field id="totp-password" label="当前密码" required error={failure?.fields.password}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                maxLength={128}
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          {codeField}
          {result}
          <div className="reg-actions">
            <button type="submit" className="button dns-button-danger" disabled={!hydrated || busy}>
              解除绑定
            </button>
          </div>
        </form>
      ) : setup ? (
        <form onSubmit={onConfirm} noValidate aria-busy={busy}>
          <ol className="totp-steps">
            <li>在手机上打开身份验证器应用（如 Microsoft Authenticator、Google 身份验证器），扫描下方二维码。</li>
            <li>
              无法扫描时，可手动输入密钥：<code data-testid="totp-secret">{setup.secret}</code>
            </li>
            <li>输入应用中显示的 6 位数字，完成绑定。</li>
          </ol>
          {/* A data: URL made by the API: next/image would only copy it. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={setup.qrDataUrl} alt="身份验证器二维码" width={220} height={220} className="totp-qr" />
          {codeField}
          {result}
          <div className="reg-actions">
            <button type="submit" className="button button-primary" disabled={!hydrated || busy}>
              确认绑定
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="notice" role="status">
            尚未绑定身份验证器。
          </p>
          {result}
          <div className="reg-actions">
            <button type="button" className="button button-primary" onClick={onStart} disabled={!hydrated || busy}>
              绑定身份验证器
            </button>
          </div>
        </>
      )}
    </section>
  )
}
