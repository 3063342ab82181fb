import type { NextConfig } from 'next'

// The GraphQL API. The browser talks to it same-origin through the /graphql rewrite below, so the API's
// httpOnly session cookie (conac_session) is set on, and sent back to, the portal's own origin. Server
// components call it directly (graphql/server.ts) and forward the incoming request's cookie header.
// Rewrites are written into the build output: set API_URL at build time as well as at start.
const apiUrl = (process.env.API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '')

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async rewrites() {
    return [{ source: '/graphql', destination: `${apiUrl}/graphql` }]
  },
}

export default nextConfig
