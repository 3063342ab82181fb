// 机构改革: the portal's documents (list, wizard, detail).
import { graphql } from '@/graphql/generated'

export const ReorganisationListQuery = graphql(`
  query ReorganisationList($first: Int, $after: String) {
    unitReorganisations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          status
          effectiveDate
          sourceUnitNames
          reviewOffice {
            id
            name
          }
          viewerMayReview
        }
      }
    }
  }
`)

export const ReorganisationUnitSearchQuery = graphql(`
  query ReorganisationUnitSearch($search: String) {
    units(first: 20, search: $search) {
      edges {
        node {
          id
          name
          creditCode
          type
          status
          region {
            code
            name
          }
        }
      }
    }
  }
`)

export const ReorganisationDryRunQuery = graphql(`
  query ReorganisationDryRun($plan: ReorganisationPlanInput!) {
    reorganisationDryRun(plan: $plan) {
      valid
      problems {
        path
        code
        message
      }
      objects {
        objectType
        objectId
        label
        unitId
        unitName
        action
        targetRef
        listedTimes
      }
      reviewOffice {
        id
        name
        crossArea
      }
    }
  }
`)

export const ProposeReorganisationMutation = graphql(`
  mutation ProposeReorganisation($input: ReorganisationPlanInput!) {
    proposeReorganisation(input: $input) {
      id
      status
    }
  }
`)

export const ReorganisationDetailQuery = graphql(`
  query ReorganisationDetail($id: ID!) {
    unitReorganisation(id: $id) {
      id
      kind
      status
      version
      effectiveDate
      note
      newName
      sourceUnitNames
      requestedAt
      requestedByName
      decidedAt
      decidedByName
      decisionNote
      movedCount
      cancelledCount
      viewerMayReview
      viewerMayWithdraw
      initiatingOffice {
        id
        name
      }
      reviewOffice {
        id
        name
      }
      targets {
        ref
        unitId
        name
        isNew
      }
      objects {
        objectType
        objectId
        label
        unitName
        action
        targetName
      }
    }
  }
`)

export const ReviewReorganisationMutation = graphql(`
  mutation ReviewReorganisation($input: ReviewReorganisationInput!) {
    reviewReorganisation(input: $input) {
      id
      status
      version
      movedCount
      cancelledCount
    }
  }
`)

export const WithdrawReorganisationMutation = graphql(`
  mutation WithdrawReorganisation($input: WithdrawReorganisationInput!) {
    withdrawReorganisation(input: $input) {
      id
      status
      version
    }
  }
`)
