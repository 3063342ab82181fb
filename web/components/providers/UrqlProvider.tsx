'use client'
// The urql client of client components. In the browser it talks to /graphql on the portal's own origin (the
// proxy route app/graphql/route.ts forwards it to the API), so the httpOnly session cookie goes along by itself.
// Operations go out as their persisted hash only (trusted documents, graphql/persisted.ts). After every mutation the
// page's queries and its server components are refreshed (graphql/refresh.ts), so no component has to list what an
// action may have changed.
import { useRouter } from 'next/navigation'
import { useState, type ReactNode } from 'react'
import { cacheExchange, createClient, fetchExchange, Provider } from 'urql'
import { persistedDocumentsExchange } from '@/graphql/persisted'
import { refreshAfterMutationsExchange } from '@/graphql/refresh'

export function makeBrowserClient(onMutation: () => void = () => {}) {
  return createClient({
    url: '/graphql',
    exchanges: [refreshAfterMutationsExchange(onMutation), cacheExchange, persistedDocumentsExchange(), fetchExchange],
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
  })
}

export function UrqlProvider({ children }: { children: ReactNode }) {
  // The app router is one object for the life of the page, so the client made once may keep it.
  const router = useRouter()
  const [client] = useState(() => makeBrowserClient(() => router.refresh()))
  return <Provider value={client}>{children}</Provider>
}
