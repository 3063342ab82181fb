// Where the public reaches the portal: the badge script's links (/badge/<n>.js) and anything else the portal writes
// as an absolute address. Only PUBLIC_PORTAL_URL says so, never the request: Host, X-Forwarded-Host,
// X-Forwarded-Proto and Forwarded are chosen by whoever sends the request, and /badge/<n>.js is publicly cacheable,
// so one forged request could make a cache serve every site's visitors links to another host.
// The API builds its addresses (Badge.snippet, micro-site forwards) from the same variable (server/src/config.ts).

export const PUBLIC_PORTAL_URL = 'PUBLIC_PORTAL_URL'

/** The development default, as the API's: the portal on this machine. */
const developmentDefault = () => `http://localhost:${process.env.WEB_PORT || 3000}`

/** The origin in PUBLIC_PORTAL_URL (http or https, nothing after the host but an optional "/"), or an error sentence. */
function parse(raw: string): { origin: string } | { problem: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { problem: `${PUBLIC_PORTAL_URL} is not a URL: "${raw}"` }
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    url.pathname !== '/'
  ) {
    return {
      problem: `${PUBLIC_PORTAL_URL} must be the portal's origin, http(s)://host[:port] with no path, got "${raw}"`,
    }
  }
  return { origin: url.origin }
}

/** Why the portal may not start with this environment, or null. Production requires PUBLIC_PORTAL_URL. */
export function publicPortalUrlProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.PUBLIC_PORTAL_URL?.trim()
  if (!raw) {
    return env.NODE_ENV === 'production'
      ? `${PUBLIC_PORTAL_URL} must be set in production: the portal's public address, e.g. ${PUBLIC_PORTAL_URL}=https://portal.example.cn ` +
          '(badge scripts link to it; request headers are never used for public addresses). `npm start` sets http://localhost:$WEB_PORT for the demo.'
      : null
  }
  const parsed = parse(raw)
  return 'problem' in parsed ? parsed.problem : null
}

/** Whether PUBLIC_PORTAL_URL is an https origin (false when it is unset or refused). */
export function publicPortalIsHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.PUBLIC_PORTAL_URL?.trim()
  if (!raw) return false
  const parsed = parse(raw)
  return 'origin' in parsed && parsed.origin.startsWith('https:')
}

/** The portal's public origin, without a trailing slash. Throws when the configuration is refused (see above). */
export function publicPortalUrl(): string {
  const problem = publicPortalUrlProblem()
  if (problem) throw new Error(problem)
  const raw = process.env.PUBLIC_PORTAL_URL?.trim()
  return raw ? (parse(raw) as { origin: string }).origin : developmentDefault()
}
