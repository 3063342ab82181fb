import type { Metadata } from 'next'
import { ProvinceCoordinationView } from '@/components/invoiceReports/ProvinceCoordinationView'
import { requireRole } from '@/graphql/viewer'

export const metadata: Metadata = { title: '两代一统' }

export default async function Page() {
  const viewer = await requireRole('OFFICE_STAFF')
  if (viewer.office?.level !== 'PROVINCE') {
    return (
      <section className="panel" aria-labelledby="coordination-title">
        <div className="panel-head">
          <h1 id="coordination-title">两代一统</h1>
        </div>
        <p className="empty">
          两代一统统筹视图供省级编办使用：省编办可查看本省各级编办的收费、汇款、发票和奖励经费情况。本编办的收费和发票请在“用户缴费查询”“用户发票管理”中查看。
        </p>
      </section>
    )
  }
  return <ProvinceCoordinationView />
}
