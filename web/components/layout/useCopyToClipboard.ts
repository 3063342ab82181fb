'use client'
// 复制 buttons: copy a text to the clipboard, or, where the page may not (an http page, an old browser), select the
// element showing it so Ctrl+C copies it. `copied` says which happened, for the status line next to the button.
import { useRef, useState } from 'react'

export function useCopyToClipboard<E extends HTMLElement>(text: string) {
  const shown = useRef<E>(null)
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null)

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('ok')
    } catch {
      const node = shown.current
      const selection = window.getSelection()
      if (node && selection) {
        const range = document.createRange()
        range.selectNodeContents(node)
        selection.removeAllRanges()
        selection.addRange(range)
      }
      setCopied('failed')
    }
  }

  return { shown, copied, copy }
}
