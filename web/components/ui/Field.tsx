// One labelled form control with its help text and its error: the control gets the id the label points at, is
// marked aria-invalid while it has an error, and is described by the error and the help text, so a screen reader
// reads why the field was refused when it lands on it. The control itself is the caller's (input, select,
// textarea): Field hands it these attributes.
import type { ReactNode } from 'react'

export interface FieldControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

export function Field({
  id,
  label,
  required,
  error,
  help,
  className,
  errorTestId,
  children,
}: {
  id: string
  label: ReactNode
  /** Marks the label with * (the control's own required attribute is the caller's). */
  required?: boolean
  /** What is wrong with the value (the API's extensions.fields text or a local check); nothing when it is fine. */
  error?: string | null
  help?: ReactNode
  /** More classes of the field's box (its width in a grid). */
  className?: string
  /** data-testid of the error text, for tests that read one field's error. */
  errorTestId?: string
  children: (control: FieldControlProps) => ReactNode
}) {
  const helpId = help ? `${id}-help` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="reg-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {help && (
        <p className="muted field-help" id={helpId}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} data-testid={errorTestId}>
          {error}
        </p>
      )}
    </div>
  )
}
