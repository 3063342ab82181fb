// The new handler's page (/handover?token=…) greets them from the server component with this document, so it lives
// in a module without 'use client' (a server component sees only a client reference of what such a module exports).
import { graphql } from '@/graphql/generated'

export const HandoverLinkDocument = graphql(`
  query HandoverLink($token: String!) {
    handoverLink(token: $token) {
      unitName
      newName
      maskedMobile
      expiresAt
    }
  }
`)
