'use client' // Replaces the root layout when it fails; must render its own <html> and <body>.
// Styled from a stylesheet of its own: the CSP refuses style attributes (security/headers.ts).
import './global-error.css'

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="global-error">
        <title>系统错误 - 政务和公益机构域名注册管理系统</title>
        <h1>系统出现错误</h1>
        <p>系统暂时无法显示页面，请稍后重试。</p>
        <button type="button" onClick={() => retry()}>
          重试
        </button>
      </body>
    </html>
  )
}
