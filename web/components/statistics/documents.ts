// The 区域统计 page's one query: the viewer's own region (where the breadcrumb starts) and the statistics of the
// region in the URL with one row per child region, as the export lays them out.
import { graphql } from '@/graphql/generated'

export const RegionStatisticsDashboardQuery = graphql(`
  query RegionStatisticsDashboard($regionCode: String, $from: DateTime, $to: DateTime) {
    me {
      id
      office {
        id
        region {
          code
          name
        }
      }
    }
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      ...RegionStatisticsFigures
      region {
        code
        name
        level
        lineage {
          code
          name
        }
      }
      units {
        byType {
          key
          count
        }
        bySystemCategory {
          key
          count
        }
      }
      domains {
        byStatus {
          key
          count
        }
        bySuffix {
          key
          count
        }
        registrationsByMonth {
          month
          count
        }
        renewalsByMonth {
          month
          count
        }
      }
      siteApplications {
        byStatus {
          key
          count
        }
      }
      fees {
        collectedByMonth {
          month
          count
          amountFen
        }
        remittedByMonth {
          month
          count
          amountFen
        }
        chargedByMonth {
          month
          count
          amountFen
        }
      }
      invoices {
        issuedAmountFen
      }
      reviews {
        turnaround {
          level
          decisions
          medianWorkingDays
          p90WorkingDays
        }
      }
      children {
        region {
          code
          name
        }
        ...RegionStatisticsFigures
      }
    }
  }

  fragment RegionStatisticsFigures on RegionStatistics {
    units {
      total
    }
    domains {
      total
      byStatus {
        key
        count
      }
      expiringWithin30Days
      expiringWithin90Days
    }
    siteApplications {
      total
    }
    badges {
      issued
      installed
      cancelled
    }
    fees {
      collectedFen
      remittedFen
      chargedFen
    }
    invoices {
      stock
      issued
    }
    reviews {
      overdueDomainApplications
      overdueSiteApplications
    }
  }
`)
