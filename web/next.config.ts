import type { NextConfig } from 'next'

// The browser reaches the GraphQL API same-origin through the proxy route app/graphql/route.ts; server components
// call the API directly (graphql/server.ts). Both read API_URL at run time.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
}

export default nextConfig
