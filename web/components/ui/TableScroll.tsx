// The box around a table that may be wider than the page: it scrolls sideways, and because it holds no focusable
// control of its own a keyboard user could not scroll it, so it takes focus itself (tab to it, then the arrow keys),
// named for screen readers (axe scrollable-region-focusable, WCAG 2.1.1).
import type { ReactNode } from 'react'

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
