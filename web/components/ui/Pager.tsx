'use client'
// 上一页 / 下一页 over a relay connection: the cursors of the pages seen so far are kept, so going back needs no
// backward cursor from the API.
import { useState } from 'react'

export const PAGE_SIZE = 20

export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null])
  const after = stack[stack.length - 1] ?? null
  return {
    after,
    page: stack.length,
    next: (endCursor: string | null | undefined) => endCursor && setStack((pages) => [...pages, endCursor]),
    previous: () => setStack((pages) => (pages.length > 1 ? pages.slice(0, -1) : pages)),
    reset: () => setStack([null]),
  }
}

export function Pager({
  page,
  hasNextPage,
  onPrevious,
  onNext,
}: {
  page: number
  hasNextPage: boolean
  onPrevious: () => void
  onNext: () => void
}) {
  if (page === 1 && !hasNextPage) return null
  return (
    <div className="pager" role="navigation" aria-label="分页">
      <button type="button" className="button button-light" onClick={onPrevious} disabled={page === 1}>
        上一页
      </button>
      <span className="muted">第 {page} 页</span>
      <button type="button" className="button button-light" onClick={onNext} disabled={!hasNextPage}>
        下一页
      </button>
    </div>
  )
}

/** The Pager of a relay connection paged with useCursorPages. */
export function ConnectionPager({
  pages,
  pageInfo,
}: {
  pages: ReturnType<typeof useCursorPages>
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}) {
  return (
    <Pager
      page={pages.page}
      hasNextPage={pageInfo.hasNextPage}
      onPrevious={pages.previous}
      onNext={() => pages.next(pageInfo.endCursor)}
    />
  )
}
