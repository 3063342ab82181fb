// 用户管理's queries and mutations (本办用户, 编办管理员, 单位账号管理, 单位用户, 激活账号).
import { graphql } from '@/graphql/generated'

export const ManagedAccountFields = graphql(`
  fragment AccountTable_Account on ManagedAccount {
    id
    username
    displayName
    officeRoles
    unitRole
    status
    maskedMobile
    email
    createdAt
    lastLoginAt
    disabledReason
    version
    canStartHandover
    unit {
      id
      name
    }
  }
`)

export const OfficeUsersDocument = graphql(`
  query OfficeUsers($officeId: ID, $search: String, $first: Int, $after: String) {
    officeUsers(officeId: $officeId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AccountTable_Account
        }
      }
    }
  }
`)

export const UnitUsersDocument = graphql(`
  query UnitUsers($search: String, $first: Int, $after: String) {
    unitUsers(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AccountTable_Account
        }
      }
    }
  }
`)

export const CreateOfficeUserDocument = graphql(`
  mutation CreateOfficeUser($input: CreateOfficeUserInput!) {
    createOfficeUser(input: $input) {
      ...AccountTable_Account
    }
  }
`)

export const CreateUnitUserDocument = graphql(`
  mutation CreateUnitUser($input: CreateUnitUserInput!) {
    createUnitUser(input: $input) {
      ...AccountTable_Account
    }
  }
`)

export const SetOfficeUserRolesDocument = graphql(`
  mutation SetOfficeUserRoles($input: SetOfficeUserRolesInput!) {
    setOfficeUserRoles(input: $input) {
      ...AccountTable_Account
    }
  }
`)

export const DisableUserDocument = graphql(`
  mutation DisableUser($input: DisableUserInput!) {
    disableUser(input: $input) {
      ...AccountTable_Account
    }
  }
`)

export const EnableUserDocument = graphql(`
  mutation EnableUser($input: EnableUserInput!) {
    enableUser(input: $input) {
      ...AccountTable_Account
    }
  }
`)

export const ResendActivationDocument = graphql(`
  mutation ResendActivation($userId: ID!) {
    resendActivation(userId: $userId) {
      ...AccountTable_Account
    }
  }
`)

export const AccountLinkDocument = graphql(`
  query AccountLink($token: String!) {
    accountLink(token: $token) {
      purpose
      displayName
      maskedUsername
    }
  }
`)

export const ActivateAccountDocument = graphql(`
  mutation ActivateAccount($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      username
    }
  }
`)
