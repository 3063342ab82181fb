// A status as a small coloured label. The tone says what the status means to the person reading the list, so the
// same colour means the same thing on every page: ok (done, valid), warn (waiting for someone), error (refused,
// failed, overdue: needs action), neutral (ended: withdrawn, cancelled, expired). Which status has which tone is the
// feature's decision (domainStatusTone, siteStatusTone, ...); the label is the feature's Chinese name.
import type { ReactNode } from 'react'

export type StatusTone = 'ok' | 'warn' | 'error' | 'neutral'

export function StatusTag({ tone, children, testId }: { tone: StatusTone; children: ReactNode; testId?: string }) {
  return (
    <span className={`status status-${tone}`} data-testid={testId}>
      {children}
    </span>
  )
}
