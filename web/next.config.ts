import type { NextConfig } from 'next'

// The browser reaches the GraphQL API same-origin through the proxy route app/graphql/route.ts; server components
// call the API directly (graphql/server.ts). Both read API_URL at run time.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // proxy.ts runs before every request and Next buffers the body for it up to this size (10 MB by default, and
    // cuts the rest off): 数据迁移's uploads (app/migration/runs/[id]/[file]) go up to the API's 50 MB.
    proxyClientMaxBodySize: '52mb',
  },
}

export default nextConfig
