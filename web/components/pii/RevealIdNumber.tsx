'use client'
// 查看完整号码: an ID number is shown masked; this asks for the reason in a small dialog, calls revealIdNumber (which
// records the reason in the audit log), shows the number for 60 s and then masks it again.
import { useEffect, useId, useRef, useState } from 'react'
import { useMutation } from 'urql'
import dialogStyles from '@/components/ui/ConfirmDialog.module.css'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { PiiSubject } from '@/graphql/generated/graphql'

const RevealIdNumberMutation = graphql(`
  mutation RevealIdNumber($input: RevealIdNumberInput!) {
    revealIdNumber(input: $input)
  }
`)

/** How long the full number stays on screen. */
export const REVEAL_SECONDS = 60

export function RevealIdNumber({ subject, id, masked }: { subject: PiiSubject; id: string; masked: string | null }) {
  const [, reveal] = useMutation(RevealIdNumberMutation)
  const [shown, setShown] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  // Masked again after REVEAL_SECONDS (and when the page leaves).
  useEffect(() => {
    if (!shown) return
    const timer = setTimeout(() => setShown(null), REVEAL_SECONDS * 1000)
    return () => clearTimeout(timer)
  }, [shown])

  if (!masked) return <span className="mono">—</span>

  async function onSubmit() {
    if (busy) return
    const text = reason.trim()
    if ([...text].length < 2 || [...text].length > 200) {
      setProblem('请填写查看原因（2-200 个字）')
      return
    }
    setBusy(true)
    const result = await reveal({ input: { subject, id, reason: text } })
    setBusy(false)
    if (result.data?.revealIdNumber) {
      setShown(result.data.revealIdNumber)
      setReason('')
      setProblem(null)
      dialogRef.current?.close()
      return
    }
    setProblem(describeFailure(result.error, '查看失败，请稍后再试').message)
  }

  return (
    <span data-testid={`reveal-${subject.toLowerCase()}`}>
      <span className="mono" data-testid="id-number">
        {shown ?? masked}
      </span>{' '}
      {shown ? (
        <span className="panel-meta">（{REVEAL_SECONDS} 秒后重新隐藏）</span>
      ) : (
        <button
          type="button"
          className="button button-light"
          data-testid="reveal-open"
          onClick={() => {
            setProblem(null)
            dialogRef.current?.showModal()
          }}
        >
          查看完整号码
        </button>
      )}
      <dialog ref={dialogRef} className={dialogStyles.dialog} aria-labelledby={titleId} data-testid="reveal-dialog">
        {/* Not a <form>: the number is often shown inside a page's own form (变更联系人), and forms cannot nest. */}
        <div className={dialogStyles.body}>
          <h2 id={titleId} className={dialogStyles.title}>
            查看完整身份证号
          </h2>
          <p className={dialogStyles.message}>查看将记入操作日志。请说明查看原因：</p>
          <input
            name="reason"
            maxLength={200}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              event.preventDefault()
              void onSubmit()
            }}
            aria-invalid={problem ? true : undefined}
            aria-label="查看原因"
            placeholder="如：核对书面材料"
            data-testid="reveal-reason"
          />
          {problem && (
            <p className="field-error" role="alert" data-testid="reveal-problem">
              {problem}
            </p>
          )}
          <div className={dialogStyles.actions}>
            <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
              取消
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              data-testid="reveal-confirm"
              onClick={() => void onSubmit()}
            >
              查看
            </button>
          </div>
        </div>
      </dialog>
    </span>
  )
}
