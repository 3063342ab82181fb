'use client'
// The bar above a print page (hidden when printing): 打印 opens the browser's print dialog, 下载 PDF fetches the
// server-made PDF, 返回 goes back to where the person came from (or home when the page was opened directly).
import Link from 'next/link'

export function PrintToolbar({
  title,
  pdfHref,
  otherHref,
  otherLabel,
}: {
  title: string
  pdfHref?: string
  otherHref?: string
  otherLabel?: string
}) {
  function goBack() {
    if (window.history.length > 1) window.history.back()
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- leaves the stand-alone print page (often its own tab) for a full load of the portal
    else window.location.assign('/')
  }
  return (
    <div className="print-toolbar" role="toolbar" aria-label="打印工具栏" data-testid="print-toolbar">
      <span className="print-toolbar-title">{title}</span>
      <div className="print-toolbar-actions">
        {pdfHref && (
          <>
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              打印
            </button>
            <a className="button" href={pdfHref} download data-testid="print-pdf-link">
              下载 PDF
            </a>
          </>
        )}
        {otherHref && otherLabel && (
          <Link className="button" href={otherHref}>
            {otherLabel}
          </Link>
        )}
        <button type="button" className="button" onClick={goBack}>
          返回
        </button>
      </div>
    </div>
  )
}
