'use client'
// The error summary at the top of a form (the pattern of GOV.UK's and most government forms): after a failed submit
// it says what went wrong, lists every field that needs changing with a link that takes the person to it, and takes
// the focus so that screen readers read it first. A small component of the registration forms until the portal's
// UI kit (web/components/ui/) has one.
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import { ReloadButton } from '@/components/ui/ReloadButton'
import type { RequestFailure } from '@/graphql/errors'

export interface FieldProblem {
  /** The id of the control to go to; null for a field the form does not show. */
  fieldId: string | null
  label: string
  message: string
}

export function ErrorSummary({
  message,
  problems,
  code,
  testId,
  children,
}: {
  /** What went wrong as a whole (the API's message, or the form's own). */
  message: string
  /** In the order the form shows its fields. */
  problems: FieldProblem[]
  /** The API's extensions.code, for tests and support. */
  code?: string
  testId: string
  /** What the person can do about it (e.g. reload after a conflict). */
  children?: ReactNode
}) {
  const ref = useRef<HTMLDivElement>(null)
  // Every failed submit renders a new summary object: move the focus to it each time, not only the first.
  useEffect(() => {
    ref.current?.focus()
  }, [message, problems])

  function goTo(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    const control = document.getElementById(fieldId)
    if (!control) return
    event.preventDefault()
    // The field's label and error stay in sight above the control.
    ;(control.closest('.field') ?? control).scrollIntoView({ block: 'start' })
    control.focus({ preventScroll: true })
  }

  return (
    <div
      className="notice notice-error error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid={testId}
      data-code={code}
    >
      <p className="error-summary-title">{problems.length ? `${message}（共 ${problems.length} 处）` : message}</p>
      {problems.length > 0 && (
        <ul className="error-summary-list">
          {problems.map(({ fieldId, label, message }) => (
            <li key={`${fieldId}:${label}`}>
              {fieldId ? (
                <a href={`#${fieldId}`} onClick={(event) => goTo(event, fieldId)}>
                  {label}：{message}
                </a>
              ) : (
                `${label}：${message}`
              )}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  )
}

/** The summary's entries for a form's field problems, in the order of `labels` (the form's order; fields it does not show come last). */
export function fieldProblems(
  problems: Record<string, string>,
  labels: Record<string, string>,
  fieldIdOf: (field: string) => string,
): FieldProblem[] {
  const order = Object.keys(labels)
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length)
  return Object.entries(problems)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, message]) => {
      const label = labels[field]
      return label ? { fieldId: fieldIdOf(field), label, message } : { fieldId: null, label: '其他', message }
    })
}

/** The fields' ids of the registration family of forms (TextField's and Field's `reg-<name>`). */
const regFieldId = (field: string) => `reg-${field}`

/**
 * A form's failed submit as its summary: the failure's message and its field problems (in the order of `labels`), and,
 * with `reloadOnConflict`, 刷新 when the API answered CONFLICT because the form was loaded before someone else saved.
 * (Registration and 经办人交接 answer CONFLICT for a taken name or a pending handover, where a reload helps nobody.)
 */
export function FailureSummary({
  failure,
  labels,
  testId,
  fieldIdOf = regFieldId,
  reloadOnConflict,
}: {
  failure: RequestFailure
  labels: Record<string, string>
  testId: string
  fieldIdOf?: (field: string) => string
  reloadOnConflict?: boolean
}) {
  return (
    <ErrorSummary
      message={failure.message}
      problems={fieldProblems(failure.fields, labels, fieldIdOf)}
      code={failure.code}
      testId={testId}
    >
      {reloadOnConflict && failure.code === 'CONFLICT' && <ReloadButton />}
    </ErrorSummary>
  )
}
