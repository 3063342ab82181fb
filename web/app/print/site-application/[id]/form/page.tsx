import type { Metadata } from 'next'
import { ApplicationForm } from '@/components/print/ApplicationForm'
import { loadPrintableApplication } from '@/components/print/load'
import { PrintDocument } from '@/components/print/PrintDocument'

export const metadata: Metadata = { title: '打印申请表' }

/** 申请表 (four copies with the paper step), printable once the office and CONAC have approved (also the source of form.pdf). */
export default async function PrintFormPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const application = await loadPrintableApplication(id)
  return (
    <PrintDocument application={application} document="form">
      <ApplicationForm application={application} />
    </PrintDocument>
  )
}
