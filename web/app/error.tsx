'use client' // Error boundaries must be client components.

import Link from 'next/link'
import { useEffect } from 'react'

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null

  return (
    <section className="message-page" role="alert">
      <h1>页面加载失败</h1>
      <p>系统暂时无法完成您的请求，可能是服务正在维护或网络不稳定，请稍后重试。</p>
      {digest && <p className="muted">错误编号：{digest}</p>}
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => retry()}>
          重试
        </button>
        <Link href="/" className="button">
          返回首页
        </Link>
      </div>
    </section>
  )
}
