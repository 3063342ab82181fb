'use client'
// 通过 / 不通过 in a review queue (待审核域名, 标识变更审核, 单位信息变更审核): 通过 asks for confirmation; 不通过 opens a
// note box under the item first (2-500 characters), then asks. The outcome, or the API's refusal (someone else
// decided first, a name taken meanwhile), is one message above the queue, and the queue is read again either way.
import { useState, type FormEvent, type ReactNode } from 'react'
import type { CombinedError } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import type { ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'

/** What a decision is about: the request's id and the version it was shown at. */
export interface ReviewTarget {
  id: string
  version: number
}

export interface ReviewDecisionOptions<T extends ReviewTarget> {
  /** The confirmation's title and question (the note is given for 不通过). */
  ask: (target: T, approve: boolean, note?: string) => { title: string; message: string }
  send: (target: T, approve: boolean, note?: string) => Promise<{ error?: CombinedError }>
  /** What was done, after a decision went through. */
  done: (target: T, approve: boolean) => string
  /** What a refusal says (default: the API's Chinese message). */
  refused?: (error: CombinedError) => string
  /** Reads the queue again (after every decision, taken or refused). */
  reload: () => void
}

/** The input of the reviews that take a decision and a reason (reviewDomain, reviewBadgeChange). */
export function decisionInput(target: ReviewTarget, approve: boolean, note?: string) {
  return {
    id: target.id,
    version: target.version,
    decision: approve ? ('APPROVE' as const) : ('REJECT' as const),
    ...(note ? { reason: note } : {}),
  }
}

const NOTE_MIN = 2
const NOTE_MAX = 500

export function useReviewDecisions<T extends ReviewTarget>(options: ReviewDecisionOptions<T>) {
  const confirm = useConfirm()
  const [rejecting, setRejecting] = useState<T | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<ActionResult | null>(null)

  async function decide(target: T, approve: boolean, why?: string) {
    if (!(await confirm({ ...options.ask(target, approve, why), confirmLabel: approve ? '通过' : '不通过' }))) return
    setBusy(true)
    const result = await options.send(target, approve, why)
    setBusy(false)
    if (result.error) {
      setMessage({ text: (options.refused ?? readableErrorText)(result.error), error: true })
    } else {
      setMessage({ text: options.done(target, approve), error: false })
      setRejecting(null)
      setNote('')
    }
    options.reload()
  }

  function submitRejection(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!rejecting) return
    const text = note.trim()
    const length = [...text].length
    if (length < NOTE_MIN || length > NOTE_MAX) {
      setMessage({ text: `请填写 ${NOTE_MIN}-${NOTE_MAX} 个字的不通过原因`, error: true })
      return
    }
    void decide(rejecting, false, text)
  }

  return {
    /** The outcome of the last decision, for a ResultNotice above the queue. */
    message,
    busy,
    isRejecting: (target: ReviewTarget) => rejecting?.id === target.id,
    /** 通过 and 不通过 of one item. */
    buttons(target: T): ReactNode {
      return (
        <>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => decide(target, true)}>
            通过
          </button>
          <button
            type="button"
            className="button button-light"
            disabled={busy}
            onClick={() => {
              setRejecting(target)
              setNote('')
            }}
          >
            不通过
          </button>
        </>
      )
    },
    /** The note box of the item being rejected (nothing for the others). */
    rejectForm(target: T): ReactNode {
      if (rejecting?.id !== target.id) return null
      const id = `reject-note-${target.id}`
      return (
        <form className="domain-form domain-form-inline" onSubmit={submitRejection}>
          <div className="field">
            <label htmlFor={id}>不通过原因</label>
            <textarea
              id={id}
              rows={3}
              maxLength={NOTE_MAX}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              autoFocus
              required
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              提交不通过
            </button>
            <button type="button" className="button button-light" onClick={() => setRejecting(null)}>
              取消
            </button>
          </div>
        </form>
      )
    },
  }
}
