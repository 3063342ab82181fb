// CONAC 首页: what is waiting for CONAC (待办事项, each count opening the list where it is done) and the provinces
// with their offices. No list of the country's units: 域名查询 and 统计分析 find them.
import { mayOpen } from '@/components/layout/navigation'
import { graphql } from '@/graphql/generated'
import type { ConacHomeQuery as ConacHomeData } from '@/graphql/generated/graphql'
import { ProfileHeader } from './ProfileHeader'
import { ProvinceList } from './ProvinceList'
import { domainReviewItem, overdueReviewsItem, WorkQueue, type WorkItem } from './WorkQueue'

export const ConacHomeQuery = graphql(`
  query ConacHome {
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
    submittedRemittances: remittances(first: 1, status: SUBMITTED) {
      totalCount
    }
    requestedInvoices: invoiceRequests(first: 1, filter: { statuses: [REQUESTED] }) {
      totalCount
    }
    overdueBadgeInstallations(first: 1) {
      totalCount
    }
    regionStatistics {
      reviews {
        overdueDomainApplications
        overdueSiteApplications
      }
    }
    regions(first: 40) {
      ...ProvinceList_Connection
    }
  }
`)

function conacWork(data: ConacHomeData): WorkItem[] {
  return [
    domainReviewItem('CONAC 待审域名', '/conac/domains/review', data.domainReviewQueueSummary),
    { label: '网站复审', count: data.siteApplicationReviewQueue.totalCount, href: '/conac/sites/review' },
    { label: '待认款汇款单', count: data.submittedRemittances.totalCount, href: '/conac/remittances' },
    { label: '预开发票待审', count: data.requestedInvoices.totalCount, href: '/conac/invoices/requests' },
    {
      label: '逾期未安装标识',
      count: data.overdueBadgeInstallations.totalCount,
      href: '/conac/badges/install-checks',
      late: true,
    },
    overdueReviewsItem('/conac/domains/review', data.regionStatistics.reviews),
  ]
}

export function ConacHome({ data }: { data: ConacHomeData }) {
  if (!data.me) return null
  return (
    <>
      <ProfileHeader user={data.me} title="CONAC 首页" />
      <WorkQueue items={conacWork(data).filter((item) => mayOpen('CONAC_STAFF', data.me!.officeRoles, item.href))} />
      <ProvinceList regions={data.regions} />
    </>
  )
}
