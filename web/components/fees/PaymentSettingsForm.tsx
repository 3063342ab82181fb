'use client'
// 缴费方式设置: how the office collects fees and the bank details its units see on their 缴费 page.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { CollectionMode } from '@/graphql/generated/graphql'
import { COLLECTION_MODE_LABELS } from './format'

export const OfficePaymentSettingsQuery = graphql(`
  query OfficePaymentSettings {
    paymentSettings {
      mode
      bankName
      accountName
      accountNumber
      details
      updatedAt
      office {
        id
        name
      }
    }
  }
`)

export const UpdatePaymentSettingsMutation = graphql(`
  mutation UpdateOfficePaymentSettings($input: PaymentSettingsInput!) {
    updatePaymentSettings(input: $input) {
      mode
      bankName
      accountName
      accountNumber
      details
      updatedAt
    }
  }
`)

export function PaymentSettingsForm() {
  const [{ data, fetching, error }] = useQuery({ query: OfficePaymentSettingsQuery })
  const [, save] = useMutation(UpdatePaymentSettingsMutation)
  const [mode, setMode] = useState<CollectionMode>('COUNTER_OR_TRANSFER')
  const [bankName, setBankName] = useState('')
  const [accountName, setAccountName] = useState('')
  const [accountNumber, setAccountNumber] = useState('')
  const [details, setDetails] = useState('')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const settings = data?.paymentSettings

  // The fields take the saved settings whenever the query brings new ones (the first answer, the refresh after 保存),
  // adjusted while rendering (React's way for state that follows a value) rather than by an effect that renders twice.
  const [shownSettings, setShownSettings] = useState<typeof settings>(undefined)
  if (settings !== shownSettings) {
    setShownSettings(settings)
    if (settings) {
      setMode(settings.mode)
      setBankName(settings.bankName ?? '')
      setAccountName(settings.accountName ?? '')
      setAccountNumber(settings.accountNumber ?? '')
      setDetails(settings.details ?? '')
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    const result = await save({ input: { mode, bankName, accountName, accountNumber, details } })
    setBusy(false)
    setMessage(
      result.error
        ? { text: readableErrorText(result.error), error: true }
        : { text: resultMessage('updatePaymentSettings'), error: false },
    )
  }

  return (
    <section className="panel" aria-labelledby="payment-settings-title">
      <div className="panel-head">
        <h1 id="payment-settings-title">缴费方式设置</h1>
        {settings && <span className="panel-meta">最后修改 {formatDateTime(settings.updatedAt)}</span>}
      </div>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {fetching && !data ? (
        <Loading />
      ) : (
        <form className="fees-form" onSubmit={onSubmit} data-testid="payment-settings-form">
          <div className="field">
            <label htmlFor="ps-mode">缴费方式</label>
            <select id="ps-mode" value={mode} onChange={(e) => setMode(e.target.value as CollectionMode)}>
              {(Object.keys(COLLECTION_MODE_LABELS) as CollectionMode[]).map((value) => (
                <option key={value} value={value}>
                  {COLLECTION_MODE_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ps-bank">开户行</label>
            <input id="ps-bank" value={bankName} maxLength={128} onChange={(e) => setBankName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="ps-account-name">户名</label>
            <input
              id="ps-account-name"
              value={accountName}
              maxLength={128}
              onChange={(e) => setAccountName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="ps-account-number">账号</label>
            <input
              id="ps-account-number"
              value={accountNumber}
              maxLength={64}
              onChange={(e) => setAccountNumber(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="ps-details">缴费说明（办公时间、地址、联系电话）</label>
            <textarea
              id="ps-details"
              value={details}
              maxLength={1000}
              rows={4}
              onChange={(e) => setDetails(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            保存
          </button>
        </form>
      )}
    </section>
  )
}
