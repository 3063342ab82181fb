// Where the print pages and their PDFs live: /print/site-application/<id>/letter (or form), and the same with .pdf.

export type PrintDocumentKind = 'letter' | 'form'

export const DOCUMENT_TITLES: Record<PrintDocumentKind, string> = { letter: '申请函', form: '申请表' }

export function printPath(id: string, document: PrintDocumentKind, pdf = false): string {
  return `/print/site-application/${encodeURIComponent(id)}/${document}${pdf ? '.pdf' : ''}`
}
