// The GraphQL operations of the 网络红页 editor and its public page, and the column limits the editor counts against
// (prisma/schema/sites.prisma; the API checks the same limits and answers with per-field messages).
import { graphql } from '@/graphql/generated'

export const MICRO_SITE_LIMITS = { title: 128, introduction: 2000, functions: 2000, contacts: 500 } as const
export const NEWS_ITEM_LIMITS = { title: 128, body: 10000 } as const

/** Characters as the API counts them (code points, so an emoji is one). */
export const charCount = (text: string) => [...text.trim()].length

export const MyMicroSiteQuery = graphql(`
  query MyMicroSite {
    myMicroSite {
      id
      title
      introduction
      functions
      contacts
      status
      publishedAt
      version
      updatedAt
      publicPath
      footerBadge {
        id
        badgeNumber
      }
    }
  }
`)

export const MyMicroSiteNewsQuery = graphql(`
  query MyMicroSiteNews($first: Int, $after: String) {
    myMicroSite {
      id
      newsItems(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            title
            body
            publishedAt
          }
        }
      }
    }
  }
`)

/** The micro-site with its unit, newest 50 news items and footer badge, for the owner's preview of /m/<unitId>. */
export const MicroSitePreviewQuery = graphql(`
  query MicroSitePreview {
    myMicroSite {
      id
      title
      introduction
      functions
      contacts
      status
      publishedAt
      unit {
        id
        name
      }
      footerBadge {
        id
        badgeNumber
      }
      newsItems(first: 50) {
        edges {
          node {
            id
            title
            body
            publishedAt
          }
        }
      }
    }
  }
`)

export const SaveMicroSiteMutation = graphql(`
  mutation SaveMicroSite($input: SaveMicroSiteInput!) {
    saveMicroSite(input: $input) {
      id
      title
      introduction
      functions
      contacts
      status
      publishedAt
      version
      updatedAt
      publicPath
    }
  }
`)

export const PublishMicroSiteMutation = graphql(`
  mutation PublishMicroSite($version: Int!) {
    publishMicroSite(version: $version) {
      id
      status
      publishedAt
      version
      updatedAt
    }
  }
`)

export const UnpublishMicroSiteMutation = graphql(`
  mutation UnpublishMicroSite($version: Int!) {
    unpublishMicroSite(version: $version) {
      id
      status
      publishedAt
      version
      updatedAt
    }
  }
`)

export const AddMicroSiteNewsItemMutation = graphql(`
  mutation AddMicroSiteNewsItem($input: AddMicroSiteNewsItemInput!) {
    addMicroSiteNewsItem(input: $input) {
      id
      title
      body
      publishedAt
    }
  }
`)

export const UpdateMicroSiteNewsItemMutation = graphql(`
  mutation UpdateMicroSiteNewsItem($input: UpdateMicroSiteNewsItemInput!) {
    updateMicroSiteNewsItem(input: $input) {
      id
      title
      body
      publishedAt
    }
  }
`)

export const DeleteMicroSiteNewsItemMutation = graphql(`
  mutation DeleteMicroSiteNewsItem($id: ID!) {
    deleteMicroSiteNewsItem(id: $id)
  }
`)

export const PublicMicroSiteQuery = graphql(`
  query PublicMicroSite($unitId: ID!) {
    publicMicroSite(unitId: $unitId) {
      unitName
      title
      introduction
      functions
      contacts
      publishedAt
      newsItems {
        id
        title
        body
        publishedAt
      }
      badge {
        badgeNumber
        verificationPath
        imagePath
      }
    }
  }
`)
