// form.pdf: the 申请表 print page (all its copies) as an A4 PDF with its Chinese fonts embedded (components/print/pdf.ts).
import type { NextRequest } from 'next/server'
import { printPdfResponse } from '@/components/print/pdf'

export const runtime = 'nodejs'

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return printPdfResponse(request, id, 'form')
}
