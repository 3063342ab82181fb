import type { Metadata } from 'next'
import { ApplicationLetter } from '@/components/print/ApplicationLetter'
import { loadPrintableApplication } from '@/components/print/load'
import { PrintDocument } from '@/components/print/PrintDocument'

export const metadata: Metadata = { title: '打印申请函' }

/** 申请函, printable once the office and CONAC have approved the application (also the source of letter.pdf). */
export default async function PrintLetterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const application = await loadPrintableApplication(id)
  return (
    <PrintDocument application={application} document="letter">
      <ApplicationLetter application={application} />
    </PrintDocument>
  )
}
