'use client'
// 标识代码: the snippet in a <pre>, with 复制代码 and the instruction where it goes.
import { CopyStatus } from '@/components/layout/CopyStatus'
import { useCopyToClipboard } from '@/components/layout/useCopyToClipboard'
import type { BadgePlacement } from '@/graphql/generated/graphql'

export function SnippetBox({
  badgeNumber,
  snippet,
  placement,
}: {
  badgeNumber: string
  snippet: string
  placement: BadgePlacement
}) {
  const { shown: pre, copied, copy } = useCopyToClipboard<HTMLPreElement>(snippet)
  const id = `badge-snippet-${badgeNumber}`

  return (
    <div className="badge-snippet">
      <h3 className="badge-section-title" id={`${id}-title`}>
        标识代码
      </h3>
      <p className="badge-section-text">
        请将以下代码粘贴到网站首页 &lt;/body&gt;
        标签之前（网站所有页面均须加挂，位于页面底部中间显著位置），并于安装期限前完成挂标。
        {placement === 'MICRO_SITE' && ' 挂标位置为网络红页：发布网络红页后，标识会显示在红页底部。'}
      </p>
      <pre ref={pre} className="badge-code" aria-labelledby={`${id}-title`} data-testid="badge-snippet">
        {snippet}
      </pre>
      <div className="badge-actions">
        <button type="button" className="button button-primary" onClick={copy}>
          复制代码
        </button>
        <CopyStatus copied={copied} what="代码" />
      </div>
    </div>
  )
}
