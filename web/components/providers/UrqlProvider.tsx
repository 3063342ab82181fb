'use client'
// The urql client of client components. In the browser it talks to /graphql on the portal's own origin (the
// proxy route app/graphql/route.ts forwards it to the API), so the httpOnly session cookie goes along by itself.
import { useState, type ReactNode } from 'react'
import { cacheExchange, createClient, fetchExchange, Provider } from 'urql'

export function makeBrowserClient() {
  return createClient({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
  })
}

export function UrqlProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeBrowserClient)
  return <Provider value={client}>{children}</Provider>
}
