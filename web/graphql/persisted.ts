// Trusted documents: every urql client of the portal sends only the hash of a persisted document, never the
// operation text. Codegen embeds the hash in each typed document (`__meta__.hash`, "sha256:<hex>") and lists
// hash -> text in graphql/generated/persisted-documents.json, which the API trusts; the API refuses operation text
// from anyone without an API token. Put the exchange right before fetchExchange.
import type { Exchange } from '@urql/core'
import { persistedExchange } from '@urql/exchange-persisted'

/** The hash codegen embedded in a document; undefined for a document not written with graphql() (the API refuses its text). */
export function embeddedHash(document: unknown): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } } | null)?.__meta__?.hash
  return typeof hash === 'string' ? hash : undefined
}

export function persistedDocumentsExchange(): Exchange {
  return persistedExchange({
    // Never fall back to sending the text: the API would refuse it anyway (PERSISTED_QUERY_ONLY).
    enforcePersistedQueries: true,
    enableForMutation: true,
    // POST, like the rest of the portal's requests (no GraphQL in URLs or access logs).
    preferGetForPersistedQueries: false,
    // Sent as extensions.persistedQuery.sha256Hash = "sha256:<hex>"; the API accepts the prefix.
    generateHash: async (_query, document) => embeddedHash(document),
  })
}
