// 编办首页: what is waiting for the office (待办事项, each count opening the list where it is done), its invoice
// stock (提示信息), and the units registered in its region.
import { mayOpen } from '@/components/layout/navigation'
import { InvoiceStockNotice } from '@/components/invoices/InvoiceStockNotice'
import { graphql } from '@/graphql/generated'
import type { OfficeHomeQuery as OfficeHomeData } from '@/graphql/generated/graphql'
import { ProfileHeader } from './ProfileHeader'
import { UnitList } from './UnitList'
import { domainReviewItem, overdueReviewsItem, WorkQueue, type WorkItem } from './WorkQueue'

export const OfficeHomeQuery = graphql(`
  query OfficeHome {
    me {
      id
      officeRoles
      ...ProfileHeader_User
    }
    domainReviewQueueSummary {
      pending
      overThreeDays
    }
    siteApplicationReviewQueue(first: 1) {
      totalCount
    }
    badgeChangeReviewQueue(first: 1) {
      totalCount
    }
    unitsAwaitingPayment {
      canCollect
    }
    feeCollections(first: 1, unremitted: true) {
      totalCount
    }
    shippedInvoiceRequests: invoiceRequests(first: 1, filter: { statuses: [SHIPPED] }) {
      totalCount
    }
    overdueBadgeInstallations(first: 1) {
      totalCount
    }
    regionStatistics {
      domains {
        expiringWithin30Days
      }
      reviews {
        overdueDomainApplications
        overdueSiteApplications
      }
    }
    units(first: 10) {
      ...UnitList_Connection
    }
  }
`)

function officeWork(data: OfficeHomeData): WorkItem[] {
  return [
    domainReviewItem('待审核域名', '/office/domains/review', data.domainReviewQueueSummary),
    {
      label: '网站开办审核 / 书面材料待确认',
      count: data.siteApplicationReviewQueue.totalCount,
      href: '/office/sites/review',
    },
    { label: '标识变更待审', count: data.badgeChangeReviewQueue.totalCount, href: '/office/badges/changes' },
    {
      label: '待收费单位',
      count: data.unitsAwaitingPayment.filter((unit) => unit.canCollect).length,
      href: '/office/fees',
    },
    { label: '待汇款收费', count: data.feeCollections.totalCount, href: '/office/remittances' },
    { label: '待签收发票', count: data.shippedInvoiceRequests.totalCount, href: '/office/invoices/requests' },
    {
      label: '逾期未安装标识',
      count: data.overdueBadgeInstallations.totalCount,
      href: '/office/badges/overdue',
      late: true,
    },
    { label: '30 天内到期域名', count: data.regionStatistics.domains.expiringWithin30Days, href: '/office/renewals' },
    overdueReviewsItem('/office/domains/review', data.regionStatistics.reviews),
  ]
}

export function OfficeHome({ data }: { data: OfficeHomeData }) {
  if (!data.me) return null
  return (
    <>
      <ProfileHeader user={data.me} title="编办首页" />
      <WorkQueue items={officeWork(data).filter((item) => mayOpen('OFFICE_STAFF', data.me!.officeRoles, item.href))} />
      <InvoiceStockNotice />
      <UnitList units={data.units} title="本辖区单位" />
    </>
  )
}
