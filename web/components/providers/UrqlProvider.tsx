'use client'
// The urql client of client components. In the browser it talks to /graphql on the portal's own origin (the
// proxy route app/graphql/route.ts forwards it to the API), so the httpOnly session cookie goes along by itself.
// Operations go out as their persisted hash only (trusted documents, graphql/persisted.ts).
import { useState, type ReactNode } from 'react'
import { cacheExchange, createClient, fetchExchange, Provider } from 'urql'
import { persistedDocumentsExchange } from '@/graphql/persisted'

export function makeBrowserClient() {
  return createClient({
    url: '/graphql',
    exchanges: [cacheExchange, persistedDocumentsExchange(), fetchExchange],
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
  })
}

export function UrqlProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeBrowserClient)
  return <Provider value={client}>{children}</Provider>
}
