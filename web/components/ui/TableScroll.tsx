// The box around every table: a table wider than the page scrolls sideways inside it. A scrolling box that holds no
// focusable control could not be scrolled from the keyboard, so it takes focus itself (tab to it, then the arrow
// keys) and is named for screen readers, by the heading of its panel or by a label (axe scrollable-region-focusable,
// WCAG 2.1.1). Whether a table overflows depends on its rows and the window, so every table gets it.
import type { ReactNode } from 'react'

type Name = { label: string; labelledBy?: never } | { labelledBy: string; label?: never }

export function TableScroll({ children, className, ...name }: Name & { children: ReactNode; className?: string }) {
  return (
    <div
      className={className ? `table-wrap table-scroll ${className}` : 'table-wrap table-scroll'}
      tabIndex={0}
      role="region"
      aria-label={name.label}
      aria-labelledby={name.labelledBy}
    >
      {children}
    </div>
  )
}
