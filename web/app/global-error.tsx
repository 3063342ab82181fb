'use client' // Replaces the root layout when it fails; must render its own <html> and <body>.

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body
        style={{
          margin: 0,
          padding: '64px 24px',
          textAlign: 'center',
          color: '#1f2937',
          fontFamily: '"PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif',
        }}
      >
        <title>系统错误 - 政务和公益机构域名注册管理系统</title>
        <h1 style={{ fontSize: 22 }}>系统出现错误</h1>
        <p>系统暂时无法显示页面，请稍后重试。</p>
        <button type="button" onClick={() => retry()} style={{ padding: '8px 20px', fontSize: 15 }}>
          重试
        </button>
      </body>
    </html>
  )
}
