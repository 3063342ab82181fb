// A domain name as DNS carries it (xn--…): where a line must wrap, it wraps after a dot, never inside a label, so an
// A-label such as xn--zfr164b is never split in two (which would read as two names). `before` and `after` (brackets
// around the name) stay on the line of the label they touch.
import { Fragment } from 'react'
import styles from './DnsName.module.css'

export function DnsName({
  name,
  className,
  testId,
  before = '',
  after = '',
}: {
  name: string
  className?: string
  testId?: string
  before?: string
  after?: string
}) {
  const labels = name.split('.')
  const last = labels.length - 1
  return (
    <span className={className ? `${styles.name} ${className}` : styles.name} data-testid={testId}>
      {labels.map((label, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className={styles.label}>
            {index === 0 && before}
            {label}
            {index < last ? '.' : after}
          </span>
        </Fragment>
      ))}
    </span>
  )
}
