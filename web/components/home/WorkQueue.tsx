// 待办: what is waiting for the person, as counts that open the list where the work is done. A home page shows this
// first, so a clerk starts the day from the work rather than from a menu.
import Link from 'next/link'

export interface WorkItem {
  label: string
  count: number
  href: string
  /** A second line, e.g. how many have waited too long. */
  hint?: string
  /** Something is late: shown in the warning colour. */
  late?: boolean
}

/** The domain review queue as an item: how many wait, and how many have waited more than three days. */
export function domainReviewItem(
  label: string,
  href: string,
  queue: { pending: number; overThreeDays: number },
): WorkItem {
  return {
    label,
    href,
    count: queue.pending,
    hint: queue.overThreeDays ? `其中 ${queue.overThreeDays} 项已等待 3 天以上` : undefined,
  }
}

/** Reviews past their working-day deadline (the escalation job's test), domains and site applications together. */
export function overdueReviewsItem(
  href: string,
  reviews: { overdueDomainApplications: number; overdueSiteApplications: number },
): WorkItem {
  const count = reviews.overdueDomainApplications + reviews.overdueSiteApplications
  return {
    label: '超过办理时限的审核',
    href,
    count,
    late: true,
    hint: count
      ? `域名 ${reviews.overdueDomainApplications} 项，网站 ${reviews.overdueSiteApplications} 项`
      : undefined,
  }
}

export function WorkQueue({ items }: { items: WorkItem[] }) {
  const waiting = items.filter((item) => item.count > 0)
  return (
    <section className="panel" aria-labelledby="work-queue-title">
      <div className="panel-head">
        <h2 id="work-queue-title">待办事项</h2>
        <span className="muted">{waiting.length ? `${waiting.length} 类事项待处理` : '暂无待办'}</span>
      </div>
      <ul className="work-queue" data-testid="work-queue">
        {items.map((item) => (
          <li key={item.label}>
            <Link
              href={item.href}
              className={`work-queue-item${item.count === 0 ? ' is-empty' : ''}${item.late && item.count > 0 ? ' is-late' : ''}`}
              data-testid="work-item"
              data-count={item.count}
            >
              <span className="work-queue-count">{item.count.toLocaleString('zh-CN')}</span>
              <span className="work-queue-label">{item.label}</span>
              {item.hint && <span className="work-queue-hint">{item.hint}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
