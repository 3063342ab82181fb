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
