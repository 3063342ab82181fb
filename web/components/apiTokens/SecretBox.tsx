'use client'
// The new token, shown once: the secret with 复制令牌, the warning, and a sample call. The parent drops the secret
// when the box is closed; it is never put in the URL or kept anywhere else.
import { CopyStatus } from '@/components/layout/CopyStatus'
import { useCopyToClipboard } from '@/components/layout/useCopyToClipboard'
import { sampleCurl } from './shared'

export function SecretBox({
  name,
  token,
  endpoint,
  onClose,
}: {
  name: string
  token: string
  endpoint: string
  onClose: () => void
}) {
  const { shown: secret, copied, copy } = useCopyToClipboard<HTMLPreElement>(token)

  return (
    // A fragment: the notice and the blocks sit straight in the panel and take its inner spacing.
    <>
      <p className="notice notice-warning" role="alert" data-testid="api-token-created">
        令牌“{name}”已创建。<strong>此令牌只显示一次，请立即复制并妥善保存</strong>
        ；关闭后无法再次查看，遗失只能撤销后重新创建。
      </p>
      <h3 className="badge-section-title" id="api-token-secret-title">
        令牌
      </h3>
      <pre ref={secret} className="badge-code" aria-labelledby="api-token-secret-title" data-testid="api-token-secret">
        {token}
      </pre>
      <div className="badge-actions">
        <button type="button" className="button button-primary" onClick={copy}>
          复制令牌
        </button>
        <CopyStatus copied={copied} what="令牌" />
      </div>
      <h3 className="badge-section-title" id="api-token-example-title">
        调用示例
      </h3>
      <p className="badge-section-text">
        对接系统直接调用本平台的 GraphQL 接口，在请求头中携带{' '}
        <span className="mono">Authorization: Bearer &lt;令牌&gt;</span>，例如查询本辖区的单位：
      </p>
      <pre className="badge-code" aria-labelledby="api-token-example-title" data-testid="api-token-example">
        {sampleCurl(endpoint, token)}
      </pre>
      <div className="badge-actions">
        <button type="button" className="button button-light" onClick={onClose}>
          我已保存，关闭
        </button>
      </div>
    </>
  )
}
