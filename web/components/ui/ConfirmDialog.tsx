'use client'
// 确认对话框: the portal's one way to ask "are you sure?" before an action that cannot be taken back. It replaces the
// browser's window.confirm, which shows the site's address as its title, cannot say 注销 or 删除 on its button, and
// looks different in every browser. A native <dialog> opened with showModal() gives what a modal needs without code of
// our own: the rest of the page is inert (focus stays inside), Esc cancels, and it sits above the page's own overlays
// (the 收费 and 作废 dialogs ask from inside theirs).
//
//   const confirm = useConfirm()
//   if (!(await confirm({ title: '撤销域名申请', message: '…撤销后不能恢复。', confirmLabel: '撤销', danger: true }))) return
//
// ConfirmProvider is mounted once, in app/layout.tsx; only one question is open at a time (a new one answers the
// open one with "no").
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import styles from './ConfirmDialog.module.css'

export interface ConfirmOptions {
  /** The action as a short heading, e.g. 撤销域名申请. */
  title: string
  /** What will happen, in full; line breaks are kept. */
  message: string
  /** The verb on the confirming button (注销, 删除, 通过 …); 确定 unless told. */
  confirmLabel?: string
  /** Destructive or irreversible: the confirming button is red, and 取消 has the focus when the dialog opens. */
  danger?: boolean
}

type Confirm = (options: ConfirmOptions) => Promise<boolean>

const ConfirmContext = createContext<Confirm | null>(null)

/** Asks the question in the portal's dialog; resolves true only when the confirming button was pressed. */
export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext)
  if (!confirm) throw new Error('useConfirm() needs <ConfirmProvider> above it (app/layout.tsx)')
  return confirm
}

const CONFIRMED = 'confirm'

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [question, setQuestion] = useState<ConfirmOptions | null>(null)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const answerRef = useRef<((confirmed: boolean) => void) | null>(null)
  const openerRef = useRef<HTMLElement | null>(null)
  const titleId = useId()
  const messageId = useId()

  const confirm = useCallback<Confirm>((options) => {
    answerRef.current?.(false)
    // Remembered before the dialog takes the focus, to hand it back to the button that asked.
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    return new Promise<boolean>((resolve) => {
      answerRef.current = resolve
      setQuestion(options)
    })
  }, [])

  useEffect(() => {
    const dialog = dialogRef.current
    if (!question || !dialog) return
    dialog.returnValue = ''
    if (!dialog.open) dialog.showModal()
    // The safe answer takes the focus for a destructive action, so a stray Enter does not delete anything.
    ;(question.danger ? cancelRef : confirmRef).current?.focus()
  }, [question])

  // Every way out (either button, Esc) ends here; returnValue says which.
  function onClose() {
    const dialog = dialogRef.current
    const resolve = answerRef.current
    answerRef.current = null
    setQuestion(null)
    const opener = openerRef.current
    openerRef.current = null
    if (opener?.isConnected) opener.focus()
    resolve?.(dialog?.returnValue === CONFIRMED)
  }

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <dialog
        ref={dialogRef}
        className={styles.dialog}
        role="alertdialog"
        // Named and described only while open: a closed dialog has no heading or message to point at.
        aria-labelledby={question ? titleId : undefined}
        aria-describedby={question ? messageId : undefined}
        onClose={onClose}
        data-testid="confirm-dialog"
      >
        {question && (
          <div className={styles.body}>
            <h2 id={titleId} className={styles.title}>
              {question.title}
            </h2>
            <p id={messageId} className={styles.message} data-testid="confirm-dialog-message">
              {question.message}
            </p>
            <div className={styles.actions}>
              <button
                ref={cancelRef}
                type="button"
                className="button"
                data-testid="confirm-dialog-cancel"
                onClick={() => dialogRef.current?.close('cancel')}
              >
                取消
              </button>
              <button
                ref={confirmRef}
                type="button"
                className={question.danger ? `button ${styles.danger}` : 'button button-primary'}
                data-testid="confirm-dialog-confirm"
                onClick={() => dialogRef.current?.close(CONFIRMED)}
              >
                {question.confirmLabel ?? '确定'}
              </button>
            </div>
          </div>
        )}
      </dialog>
    </ConfirmContext.Provider>
  )
}
