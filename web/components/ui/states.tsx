// What a page or list shows while its data loads, when there is none, when a request failed, and after an action:
// the same words, classes and roles everywhere. A screen reader hears 加载中 and an action's outcome (role=status)
// and is interrupted by a failure (role=alert); the browser tests wait for 加载中 to go and fail on any error notice
// a page shows on opening. What a failed request says is decided in one place, web/graphql/errors.ts.
import type { ReactNode } from 'react'
import type { CombinedError } from 'urql'
import { readableErrorText } from '@/graphql/errors'
import { ReloadButton } from './ReloadButton'

export function Loading({ testId }: { testId?: string }) {
  return (
    <p className="muted" role="status" data-testid={testId}>
      加载中…
    </p>
  )
}

/** The text a list shows when it has no rows. */
export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="empty" data-testid={testId}>
      {children}
    </p>
  )
}

type ErrorSource =
  /** A failed request: says what readableErrorText says (`fallback` when the API's answer is not for people). */
  | { error: CombinedError | null | undefined; fallback?: string; message?: never; children?: never }
  /** A message of the page's own (a form check, a described failure); nothing is shown when it is empty. */
  | { message: string | null | undefined; error?: never; fallback?: never; children?: never }
  | { children: ReactNode; error?: never; fallback?: never; message?: never }

interface ErrorNoticeOptions {
  testId?: string
  /** The failure's code as data-code, for tests. */
  code?: string
  /** The page is out of date (someone else acted first): offer 刷新 after the text. */
  offerReload?: boolean
}

/** An error notice (role=alert); renders nothing when there is no error. */
export function ErrorNotice({ testId, code, offerReload, ...source }: ErrorSource & ErrorNoticeOptions) {
  const content = source.error ? readableErrorText(source.error, source.fallback) : (source.message ?? source.children)
  if (content == null || content === '' || content === false) return null
  return (
    <p className="notice notice-error" role="alert" data-testid={testId} data-code={code}>
      {content}
      {offerReload && (
        <>
          {' '}
          <ReloadButton />
        </>
      )}
    </p>
  )
}

/** The outcome of an action the person just took: a failure (error) or what was done. */
export interface ActionResult {
  text: string
  error: boolean
}

/** An action's outcome: a failure as an alert, success as a status message; nothing before the first action. */
export function ResultNotice({ result, testId }: { result: ActionResult | null | undefined; testId?: string }) {
  if (!result) return null
  return (
    <p
      className={result.error ? 'notice notice-error' : 'notice notice-ok'}
      role={result.error ? 'alert' : 'status'}
      data-testid={testId}
    >
      {result.text}
    </p>
  )
}
