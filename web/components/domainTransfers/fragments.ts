// What every 过户 card reads of a request (TransferCard), as one fragment the lists share.
import { graphql } from '@/graphql/generated'

export const TransferCardFields = graphql(`
  fragment TransferCardFields on DomainTransferRequest {
    id
    status
    version
    domainName
    fromUnitName
    fromUnitRegionName
    toUnitName
    toUnitRegionName
    outgoing
    reason
    requestedAt
    requestedByName
    closedAt
    awaitingMyDecision
    badges {
      badgeId
      badgeNumber
      siteName
      action
    }
    approvals {
      id
      officeName
      decision
      note
      decidedAt
      decidedByName
    }
  }
`)
