// The frame of a print page: the toolbar and the A4 sheets, or the message that the application cannot be printed
// yet. data-print-state tells the PDF route (pdf.ts) whether the page shows a printable document, and
// data-serial-number names the file.
import type { ReactNode } from 'react'
import { isPrintable, type PrintableApplication } from './load'
import { DOCUMENT_TITLES, printPath, type PrintDocumentKind } from './paths'
import { PrintToolbar } from './PrintToolbar'
import { STATUS_TEXT } from './text'

export function PrintDocument({
  application,
  document,
  children,
}: {
  application: PrintableApplication
  document: PrintDocumentKind
  children: ReactNode
}) {
  const other: PrintDocumentKind = document === 'letter' ? 'form' : 'letter'
  const title = `${DOCUMENT_TITLES[document]}（${application.serialNumber}）`
  if (!isPrintable(application.status)) {
    return (
      <div className="print-root" data-print-state="blocked">
        <PrintToolbar title={title} />
        <section className="print-blocked" role="status" data-testid="print-not-ready">
          <h1>申请审核通过后方可打印</h1>
          <p>
            网站开办申请 <span className="mono">{application.serialNumber}</span>（{application.siteName}）当前状态：
            {STATUS_TEXT[application.status]}。
          </p>
          <p>同级编办初审和中央编办复审均通过后，即可在此打印申请函和申请表。</p>
        </section>
      </div>
    )
  }
  return (
    <div className="print-root" data-print-state="ready" data-serial-number={application.serialNumber}>
      <PrintToolbar
        title={title}
        pdfHref={printPath(application.id, document, true)}
        otherHref={printPath(application.id, other)}
        otherLabel={`查看${DOCUMENT_TITLES[other]}`}
      />
      {/* A4 is wider than a phone: the sheets scroll sideways in their own box (focusable, so the keyboard can scroll
          it too), never the page under the toolbar. */}
      <div className="print-sheets" tabIndex={0} role="region" aria-label={title}>
        {children}
      </div>
    </div>
  )
}
