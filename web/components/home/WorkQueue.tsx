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

/**
 * A card is a to-do: only what waits (count > 0) gets one, so 暂无待办 never stands beside a card of 0. The lists
 * with nothing waiting stay one click away, as a quiet line of links under the cards.
 */
export function WorkQueue({ items }: { items: WorkItem[] }) {
  const waiting = items.filter((item) => item.count > 0)
  const clear = items.filter((item) => item.count === 0)
  return (
    <section className="panel" aria-labelledby="work-queue-title">
      <div className="panel-head">
        <h2 id="work-queue-title">待办事项</h2>
        <span className="muted" data-testid="work-queue-summary">
          {waiting.length ? `${waiting.length} 类事项待处理` : '暂无待办'}
        </span>
      </div>
      {waiting.length > 0 && (
        <ul className="work-queue" data-testid="work-queue">
          {waiting.map((item) => (
            <li key={item.label}>
              <Link
                href={item.href}
                className={`work-queue-item${item.late ? ' is-late' : ''}`}
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
      )}
      {clear.length > 0 && (
        <div className="work-queue-clear" data-testid="work-queue-clear">
          <span className="muted">{waiting.length ? '其余无待办：' : '以下各项均无待办：'}</span>
          <ul>
            {clear.map((item) => (
              <li key={item.label}>
                <Link href={item.href} data-testid="work-item-clear" data-count={0}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
