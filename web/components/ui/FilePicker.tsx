// A file chooser in Chinese: the native input stays (keyboard, screen readers, the browser's file dialog) but is
// hidden behind a button labelled 选择文件 and the chosen file names (or 未选择文件), because the native control
// speaks the browser's language and sits flush against whatever is next to it.
'use client'
import { type ChangeEvent, useState } from 'react'
import styles from './FilePicker.module.css'

export function FilePicker({
  id,
  accept,
  multiple,
  buttonLabel = '选择文件',
  disabled,
  clearAfterChoose,
  onChange,
  testId,
}: {
  id: string
  accept?: string
  multiple?: boolean
  buttonLabel?: string
  disabled?: boolean
  /** Hands the files over and empties the chooser (the page lists them itself; the same file may be chosen again). */
  clearAfterChoose?: boolean
  onChange: (files: File[]) => void
  testId?: string
}) {
  const [names, setNames] = useState<string[]>([])
  function changed(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])]
    onChange(files)
    if (clearAfterChoose) event.target.value = ''
    else setNames(files.map((file) => file.name))
  }
  return (
    <div className={styles.picker}>
      <input
        id={id}
        className={styles.input}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={changed}
        data-testid={testId}
      />
      <label htmlFor={id} className="button button-light" aria-disabled={disabled || undefined}>
        {buttonLabel}
      </label>
      <span className={styles.names} aria-live="polite">
        {names.length ? names.join('、') : '未选择文件'}
      </span>
    </div>
  )
}
