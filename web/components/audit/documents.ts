// The audit log query shared by the per-item timeline and the 操作日志 page.
import { graphql } from '@/graphql/generated'

export const AuditLogsDocument = graphql(`
  query AuditLogs($first: Int, $after: String, $filter: AuditLogFilter) {
    auditLogs(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          subjectType
          subjectId
          at
          actor {
            displayName
            role
          }
          actorTokenName
          before
          after
          ip
        }
      }
    }
  }
`)
