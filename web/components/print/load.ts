// Loading a site application for its print pages (申请函, 申请表). Any logged-in role may print what the API lets it
// see (the unit itself, the offices above it, CONAC): nobody logged in goes to the login page, an application
// outside the viewer's scope (NOT_FOUND) is the 404 page, anything else reaches error.tsx.
import { notFound, redirect } from 'next/navigation'
import { graphql } from '@/graphql/generated'
import type {
  PrintSiteApplicationQuery as PrintSiteApplicationData,
  SiteApplicationStatus,
} from '@/graphql/generated/graphql'
import { serverQuery } from '@/graphql/server'
import { getViewer, loginPathFor, redirectOnSessionErrors } from '@/graphql/viewer'

export const PrintSiteApplicationQuery = graphql(`
  query PrintSiteApplication($id: ID!) {
    siteApplication(id: $id) {
      id
      serialNumber
      kind
      status
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
        aLabelName
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
      submittedAt
      paperSubmission {
        id
        copiesRequired
      }
      unit {
        id
        type
        region {
          code
          name
          level
          parent {
            code
            name
          }
        }
      }
    }
  }
`)

export type PrintableApplication = PrintSiteApplicationData['siteApplication']

/** The statuses from which the letter and the form may be printed: approved by the office and CONAC, and later. */
export const PRINTABLE_STATUSES: readonly SiteApplicationStatus[] = [
  'AWAITING_PAPER',
  'PAPER_REJECTED',
  'BADGE_ISSUED',
  'BADGE_CANCELLED',
]

export function isPrintable(status: SiteApplicationStatus): boolean {
  return PRINTABLE_STATUSES.includes(status)
}

export async function loadPrintableApplication(id: string): Promise<PrintableApplication> {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  if (!/^\d{1,12}$/.test(id)) notFound()
  const { data, errors } = await serverQuery(PrintSiteApplicationQuery, { id })
  redirectOnSessionErrors(errors)
  if (errors.some((error) => error.code === 'NOT_FOUND')) notFound()
  if (errors.length || !data) {
    throw new Error(`page query failed: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`)
  }
  return data.siteApplication
}
