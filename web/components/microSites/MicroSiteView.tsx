// The 网络红页 as the public sees it at /m/<unitId>: a plain government-style page with the unit's title and name,
// 单位简介, 主要职能, 联系方式, 工作动态, and the badge (网站标识) in the footer when the unit has one on its micro-site.
// Rendered on the server; the owner's preview uses the same view with a banner.
import { formatDate } from '@/components/ui/format'

export interface MicroSiteViewData {
  unitName: string
  title: string
  introduction: string
  functions: string | null
  contacts: string | null
  publishedAt: string | null
  newsItems: { id: string; title: string; body: string; publishedAt: string }[]
  badge: { badgeNumber: string; verificationPath: string; imagePath: string } | null
}

/** Width of the badge image in the footer (the SVG keeps its own aspect ratio). */
const BADGE_WIDTH = 110

export function MicroSiteView({ site, banner }: { site: MicroSiteViewData; banner?: string }) {
  const sections = [
    { id: 'ms-intro', title: '单位简介', text: site.introduction },
    { id: 'ms-functions', title: '主要职能', text: site.functions },
    { id: 'ms-contacts', title: '联系方式', text: site.contacts },
  ]
  return (
    <article className="ms-page" data-testid="micro-site">
      {banner && (
        <p className="notice notice-warning ms-banner" role="status">
          {banner}
        </p>
      )}
      <header className="ms-header">
        <h1 className="ms-title">{site.title}</h1>
        {site.unitName !== site.title && <p className="ms-unit">{site.unitName}</p>}
      </header>
      <nav className="ms-nav" aria-label="栏目">
        {sections.map((section) => (
          <a key={section.id} href={`#${section.id}`}>
            {section.title}
          </a>
        ))}
        <a href="#ms-news">工作动态</a>
      </nav>
      <div className="ms-body">
        {sections.map((section) => (
          <section key={section.id} id={section.id} className="ms-section" aria-labelledby={`${section.id}-title`}>
            <h2 id={`${section.id}-title`}>{section.title}</h2>
            {section.text ? <p className="ms-text">{section.text}</p> : <p className="muted">暂无</p>}
          </section>
        ))}
        <section id="ms-news" className="ms-section" aria-labelledby="ms-news-title">
          <h2 id="ms-news-title">工作动态</h2>
          {site.newsItems.length === 0 ? (
            <p className="muted">暂无工作动态</p>
          ) : (
            <ul className="ms-news">
              {site.newsItems.map((item) => (
                <li key={item.id}>
                  <details>
                    <summary>
                      <span className="ms-news-title">{item.title}</span>
                      <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
                    </summary>
                    <p className="ms-text">{item.body}</p>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <footer className="ms-footer">
        {site.badge && (
          <div className="ms-badge" data-testid="micro-site-badge">
            <a href={site.badge.verificationPath} title="点击查看网站标识信息">
              {/* eslint-disable-next-line @next/next/no-img-element -- a plain img: the badge is an SVG served by the portal's own /badge route */}
              <img src={site.badge.imagePath} alt="网站标识" width={BADGE_WIDTH} />
            </a>
            <p>网站标识编号：{site.badge.badgeNumber}</p>
          </div>
        )}
        <p>主办单位：{site.unitName}</p>
        {site.publishedAt && <p className="muted">发布日期：{formatDate(site.publishedAt)}</p>}
      </footer>
    </article>
  )
}
