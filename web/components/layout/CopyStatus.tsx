// The status line next to a 复制 button (see useCopyToClipboard): copied, or selected for Ctrl+C.
export function CopyStatus({ copied, what }: { copied: 'ok' | 'failed' | null; what: string }) {
  if (!copied) return null
  return (
    <span className="badge-copied" role="status">
      {copied === 'ok' ? '已复制到剪贴板' : `无法自动复制，${what}已选中，请按 Ctrl+C 复制`}
    </span>
  )
}
