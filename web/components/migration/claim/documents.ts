// The GraphQL documents of 未认领账号 (账号认领, issue 20).
import { graphql } from '@/graphql/generated'

export const UnclaimedAccountsDocument = graphql(`
  query UnclaimedAccounts($search: String, $invitation: ClaimInvitationState, $first: Int, $after: String) {
    unclaimedAccounts(search: $search, invitation: $invitation, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...UnclaimedAccountRow_Account
        }
      }
    }
  }
`)

export const UnclaimedAccountRowFragment = graphql(`
  fragment UnclaimedAccountRow_Account on UnclaimedAccount {
    id
    username
    displayName
    role
    organisation
    regionName
    maskedMobile
    hasContact
    importedAt
    invitation {
      state
      sentAt
      expiresAt
      resendableAt
    }
  }
`)

export const ResendClaimInvitationDocument = graphql(`
  mutation ResendClaimInvitation($userId: ID!) {
    resendClaimInvitation(userId: $userId) {
      id
      ...UnclaimedAccountRow_Account
    }
  }
`)

export const ResendClaimInvitationsDocument = graphql(`
  mutation ResendClaimInvitations($userIds: [ID!], $search: String, $invitation: ClaimInvitationState) {
    resendClaimInvitations(userIds: $userIds, search: $search, invitation: $invitation) {
      matched
      sent
      throttled
      deferred
      withoutContact
      notAttempted
      stoppedBy
    }
  }
`)

export const ActivationLinkStateDocument = graphql(`
  query ActivationLinkState($token: String!) {
    activationLinkState(token: $token) {
      state
      imported
    }
  }
`)
