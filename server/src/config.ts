// Settings read from the environment once, with the defaults a fresh clone runs on.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (server/src/config.ts -> ../..). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function integer(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`)
  return value
}

export const config = {
  isProduction: process.env.NODE_ENV === 'production',
  /** Show sent SMS and email in the portal (developmentOutbox): there is no real SMS gateway in development. */
  devOutbox: process.env.DEV_OUTBOX === 'true' || process.env.NODE_ENV !== 'production',
  /** A PostgreSQL connection string. Unset: the embedded PGlite database in pgliteDir. */
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgliteDir: process.env.PGLITE_DIR || path.join(repositoryRoot, 'data/pglite'),
  migrationsDir: path.join(repositoryRoot, 'prisma/migrations'),
  apiHost: process.env.API_HOST || '127.0.0.1',
  apiPort: integer('API_PORT', 4000),
  graphqlPath: '/graphql',
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: integer('MAX_BODY_BYTES', 100_000),
  /** The registry's URL-forwarding server: the A record a URL转发 adds points here. The default is a documentation address (RFC 5737 TEST-NET-3). */
  urlForwardServerIpv4: process.env.URL_FORWARD_SERVER_IPV4 || '203.0.113.80',
  /** Where the public reaches the portal: badge snippets, the verification page and micro-sites link here. */
  publicPortalUrl: (process.env.PUBLIC_PORTAL_URL || `http://localhost:${process.env.WEB_PORT || 3000}`).replace(/\/+$/, ''),
  session: {
    cookieName: 'conac_session',
    /** A session ends this long after it was last used... */
    idleMinutes: integer('SESSION_IDLE_MINUTES', 120),
    /** ...and in any case this long after login. */
    absoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12),
    /** Set the Secure flag on the cookie (behind HTTPS). */
    secureCookie: process.env.SECURE_COOKIES === 'true',
  },
  login: {
    /** Consecutive wrong passwords that lock an account... */
    maxConsecutiveFailures: integer('LOGIN_MAX_FAILURES', 5),
    /** ...for this long. */
    lockMinutes: integer('LOGIN_LOCK_MINUTES', 15),
    /** Failed attempts from one address within the window before it is throttled. */
    maxFailuresPerAddress: integer('LOGIN_MAX_FAILURES_PER_ADDRESS', 20),
    windowMinutes: integer('LOGIN_WINDOW_MINUTES', 15),
  },
} as const
