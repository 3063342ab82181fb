// The API token screens' queries and mutations (API 令牌 / 接口令牌管理).
import { graphql } from '@/graphql/generated'

export const ApiTokenOfficeDocument = graphql(`
  query ApiTokenOffice {
    me {
      id
      officeRoles
      office {
        id
        name
        region {
          code
          fullName
        }
      }
    }
  }
`)

export const ApiTokensDocument = graphql(`
  query ApiTokens($first: Int, $after: String) {
    apiTokens(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          prefix
          access
          roles
          createdAt
          expiresAt
          lastUsedAt
          revokedAt
          createdBy {
            id
            displayName
          }
        }
      }
    }
  }
`)

export const CreateApiTokenDocument = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        prefix
        access
        roles
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
        createdBy {
          id
          displayName
        }
      }
    }
  }
`)

export const RevokeApiTokenDocument = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`)
