// 编办首页: the office's own details, its invoice stock (提示信息) and the units registered in its region.
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { graphql } from '@/graphql/generated'
import type { OfficeHomeQuery as OfficeHomeData } from '@/graphql/generated/graphql'
import { ProfileHeader } from './ProfileHeader'
import { UnitList } from './UnitList'

export const OfficeHomeQuery = graphql(`
  query OfficeHome {
    me {
      id
      ...ProfileHeader_User
    }
    units(first: 10) {
      ...UnitList_Connection
    }
  }
`)

export function OfficeHome({ data }: { data: OfficeHomeData }) {
  if (!data.me) return null
  return (
    <>
      <ProfileHeader user={data.me} title="编办首页" />
      <InvoiceStockNotice />
      <UnitList units={data.units} title="本辖区单位" />
    </>
  )
}
