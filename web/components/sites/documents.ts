// The GraphQL documents of the site application pages (网站开办审核/资格复核申请), shared by the server loaders and
// the client components. Every mutation answers with the whole application, so a page shows the new state at once.
import { graphql } from '@/graphql/generated'

export const SiteApplication_Detail = graphql(`
  fragment SiteApplication_Detail on SiteApplication {
    id
    serialNumber
    kind
    status
    version
    unitName
    superiorUnitName
    unitFunctions
    systemCategory
    address
    postcode
    siteName
    siteIntro
    chineseDomain {
      id
      fullName
    }
    englishDomain
    useMicroSite
    ipAddress
    principalName
    principalLandline
    principalMobile
    principalEmail
    handlerName
    handlerLandline
    handlerMobile
    handlerEmail
    handlerIdNumber
    boundDomains {
      id
      fullName
    }
    submittedAt
    createdAt
    unit {
      id
      name
      type
      region {
        code
        fullName
        office {
          id
          name
        }
      }
    }
    reviewDecisions {
      id
      level
      result
      reason
      decidedAt
      reviewerName
      office {
        id
        name
      }
    }
    paperSubmission {
      id
      copiesRequired
      letterReceived
      formCopiesReceived
      idCopyReceived
      missingNote
      receivedAt
      confirmedAt
    }
    badge {
      id
      badgeNumber
      status
      placement
      issuedAt
      installDeadline
    }
    changesSinceLastReview {
      field
      before
      after
    }
  }
`)

/** What the unit's form needs besides the application: the unit's facts, its registered domains and its applications. */
export const SiteFormContext_Query = graphql(`
  fragment SiteFormContext_Query on Query {
    me {
      id
      unit {
        id
        name
        type
        superiorUnitName
        functions
        systemCategory
        address
        postcode
        region {
          code
          fullName
          office {
            id
            name
          }
        }
      }
    }
    domains(first: 100, filter: { statuses: [REGISTERED] }) {
      edges {
        node {
          id
          fullName
          suffix
        }
      }
    }
    siteApplications(first: 100) {
      edges {
        node {
          id
          status
          chineseDomain {
            id
          }
        }
      }
    }
  }
`)

export const NewSiteApplicationPageQuery = graphql(`
  query NewSiteApplicationPage {
    ...SiteFormContext_Query
    myUnitContacts {
      handlerName
      handlerMobile
      handlerEmail
      handlerIdNumber
      landline
    }
  }
`)

export const UnitSiteApplicationPageQuery = graphql(`
  query UnitSiteApplicationPage($id: ID!) {
    ...SiteFormContext_Query
    siteApplication(id: $id) {
      ...SiteApplication_Detail
    }
  }
`)

export const StaffSiteApplicationPageQuery = graphql(`
  query StaffSiteApplicationPage($id: ID!) {
    me {
      id
      role
      officeRoles
      office {
        id
        name
      }
    }
    siteApplication(id: $id) {
      ...SiteApplication_Detail
    }
  }
`)

export const SaveSiteApplicationDraftMutation = graphql(`
  mutation SaveSiteApplicationDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const SubmitSiteApplicationMutation = graphql(`
  mutation SubmitSiteApplication($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const ResubmitSiteApplicationMutation = graphql(`
  mutation ResubmitSiteApplication($input: ResubmitSiteApplicationInput!) {
    resubmitSiteApplication(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const WithdrawSiteApplicationMutation = graphql(`
  mutation WithdrawSiteApplication($input: WithdrawSiteApplicationInput!) {
    withdrawSiteApplication(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const ReviewSiteApplicationMutation = graphql(`
  mutation ReviewSiteApplication($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const RecordPaperMaterialsMutation = graphql(`
  mutation RecordPaperMaterials($input: RecordPaperMaterialsInput!) {
    recordPaperMaterials(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const ConfirmPaperMaterialsMutation = graphql(`
  mutation ConfirmPaperMaterials($input: ReviewSiteApplicationInput!) {
    confirmPaperMaterials(input: $input) {
      ...SiteApplication_Detail
    }
  }
`)

export const SiteApplication_ListRow = graphql(`
  fragment SiteApplication_ListRow on SiteApplication {
    id
    serialNumber
    kind
    status
    siteName
    submittedAt
    createdAt
    chineseDomain {
      id
      fullName
    }
    badge {
      id
      badgeNumber
    }
    unit {
      id
      name
      type
      region {
        code
        fullName
      }
    }
    reviewDecisions {
      id
      level
      result
      reason
      decidedAt
    }
  }
`)

export const SiteApplicationListQuery = graphql(`
  query SiteApplicationList($first: Int, $after: String, $filter: SiteApplicationFilter) {
    siteApplications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SiteApplication_ListRow
        }
      }
    }
  }
`)

export const SiteApplicationReviewQueueQuery = graphql(`
  query SiteApplicationReviewQueue($first: Int, $after: String) {
    siteApplicationReviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SiteApplication_ListRow
        }
      }
    }
  }
`)
