import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: '页面不存在' }

export default function NotFound() {
  return (
    <section className="message-page">
      <p className="message-code">404</p>
      <h1>页面不存在</h1>
      <p>您访问的页面不存在或已被移除，请检查地址是否正确。</p>
      <div className="actions">
        <Link href="/" className="button button-primary">
          返回首页
        </Link>
      </div>
    </section>
  )
}
