// Settings read from the environment once, with the defaults a fresh clone runs on.
import { isIPv4 } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_TRUSTED_PROXIES, parseTrustedProxies } from './lib/clientAddress.ts'
import { OPERATION_LIMITS, TOKEN_RATE_LIMIT } from './limits/settings.ts'
import { parsePiiKeys } from './lib/piiKeys.ts'

/** The repository root (server/src/config.ts -> ../..). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function integer(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`)
  return value
}

function positive(name: string, fallback: number): number {
  const value = integer(name, fallback)
  if (value < 1) throw new Error(`${name} must be at least 1, got ${value}`)
  return value
}

/** A whole percentage, 1-100. */
function percent(name: string, fallback: number): number {
  const value = positive(name, fallback)
  if (value > 100) throw new Error(`${name} must be at most 100, got ${value}`)
  return value
}

/** "on" or "off" (a typo is an error rather than silently the default). */
function onOff(name: string, fallback: boolean): boolean {
  const raw = (process.env[name] ?? '').trim().toLowerCase()
  if (raw === '') return fallback
  if (raw !== 'on' && raw !== 'off') throw new Error(`${name} must be "on" or "off", got "${raw}"`)
  return raw === 'on'
}

/** "true" or "false" (a typo is an error rather than silently the default). */
function trueFalse(name: string, fallback: boolean): boolean {
  const raw = (process.env[name] ?? '').trim().toLowerCase()
  if (raw === '') return fallback
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be "true" or "false", got "${raw}"`)
  return raw === 'true'
}

/** A list of file paths, comma-separated; relative ones are taken from the repository root. */
function paths(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => path.resolve(repositoryRoot, item))
}

/** The legal floor of audit log retention: 网络安全法 art. 21 — network logs kept no less than six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180

/** AUDIT_RETENTION_DAYS: how long audit rows are kept before `npm run audit:purge` may delete them; at least 180. */
function auditRetentionDays(): number {
  const days = integer('AUDIT_RETENTION_DAYS', MIN_AUDIT_RETENTION_DAYS)
  if (days < MIN_AUDIT_RETENTION_DAYS)
    throw new Error(
      `AUDIT_RETENTION_DAYS must be at least ${MIN_AUDIT_RETENTION_DAYS} (网络安全法: logs are kept no less than six months), got ${days}`,
    )
  return days
}

/** A TCP port setting that may be left out (unset or empty: null, the service is off). */
function optionalPort(name: string): number | null {
  if (!process.env[name]) return null
  const port = integer(name, 0)
  if (port < 1 || port > 65535) throw new Error(`${name} must be a TCP port (1-65535), got ${port}`)
  return port
}

/**
 * PUBLIC_PORTAL_URL: where the public reaches the portal (badge codes, the verification page, micro-site forwards).
 * Public addresses come only from here, never from a request's Host or X-Forwarded-* headers, which the sender
 * chooses. Production refuses to start without it (every process that loads this config: the API, the job and
 * delivery runners); elsewhere the demo portal on this machine is the default. The portal checks the same variable
 * at its own start (web/config/publicPortal.ts).
 */
function publicPortalUrl(): string {
  const raw = process.env.PUBLIC_PORTAL_URL?.trim()
  if (!raw) {
    if (process.env.NODE_ENV !== 'production') return `http://localhost:${process.env.WEB_PORT || 3000}`
    throw new Error(
      "PUBLIC_PORTAL_URL must be set in production: the portal's public address, e.g. PUBLIC_PORTAL_URL=https://portal.example.cn " +
        '(badge codes, verification links and micro-site forwards are built from it; request headers are never used).',
    )
  }
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {}
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    url.pathname !== '/'
  ) {
    throw new Error(`PUBLIC_PORTAL_URL must be the portal's origin, http(s)://host[:port] with no path, got "${raw}"`)
  }
  return url.origin
}

/**
 * RDAP_BASE_URL: where the public reaches the RDAP service (the links of every answer are built from it, never from
 * the request's headers). By default the portal's /rdap, which passes the requests on to the API (web/app/rdap).
 */
function rdapBaseUrl(portal: string): string {
  const raw = process.env.RDAP_BASE_URL?.trim()
  if (!raw) return `${portal}/rdap`
  let url: URL | null = null
  try {
    url = new URL(raw)
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username)
    throw new Error(
      `RDAP_BASE_URL must be an http(s) URL without query, e.g. https://rdap.example.cn/rdap, got "${raw}"`,
    )
  return url.href.replace(/\/$/, '')
}

/** A comma-separated list of host names (name servers), lower-cased, without the root dot. */
function hostNames(name: string, fallback: string[]): string[] {
  const raw = (process.env[name] ?? '').trim()
  if (raw === '') return fallback
  const names = raw
    .split(',')
    .map((item) => item.trim().toLowerCase().replace(/\.$/, ''))
    .filter(Boolean)
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
  for (const host of names)
    if (host.length > 253 || !host.split('.').every((part) => label.test(part)))
      throw new Error(`${name} must list host names (A-labels), got "${host}"`)
  return names
}

/**
 * DNS_SERVER: `none` (the default: records are stored, checked and exported, but nothing answers DNS on this
 * machine), `powerdns` (the API starts PowerDNS Authoritative on DNS_SERVER_ADDRESS:DNS_SERVER_PORT, reading the
 * database through the views of the `pdns` schema; it needs DATABASE_URL, since PowerDNS cannot open PGlite) or
 * `external` (PowerDNS runs as its own service there; the API only asks it for the zones' serials).
 */
function dnsServerSettings() {
  const kind = (process.env.DNS_SERVER ?? '').trim().toLowerCase() || 'none'
  if (kind !== 'none' && kind !== 'powerdns' && kind !== 'external')
    throw new Error(`DNS_SERVER must be "none", "powerdns" or "external", got "${kind}"`)
  const nameServers = hostNames('DNS_NAME_SERVERS', ['ns1.conac.cn', 'ns2.conac.cn'])
  const [hostmaster] = hostNames('DNS_HOSTMASTER', ['hostmaster.conac.cn'])
  return {
    kind: kind as 'none' | 'powerdns' | 'external',
    address: process.env.DNS_SERVER_ADDRESS || '127.0.0.1',
    port: integer('DNS_SERVER_PORT', 5300),
    /** The pdns_server binary (Debian's package puts it in /usr/sbin). */
    binary: process.env.POWERDNS_BINARY || '/usr/sbin/pdns_server',
    /** The apex NS records; the first is the SOA's primary. */
    nameServers,
    hostmaster: hostmaster!,
  }
}

/**
 * URL_FORWARD_SERVER_IPV4: the public IPv4 address of the URL转发 server (server/src/forwarder/), which the A record
 * of every URL forward points at. Outside production the forwarder on this machine; production refuses to start
 * without it, since a loopback address in the public zone would forward nothing.
 */
function urlForwardServerIpv4(): string {
  const raw = process.env.URL_FORWARD_SERVER_IPV4?.trim()
  if (!raw) {
    if (process.env.NODE_ENV !== 'production') return '127.0.0.1'
    throw new Error(
      'URL_FORWARD_SERVER_IPV4 must be set in production: the public IPv4 address of the URL转发 server (npm start runs it; see URL_FORWARD_HOST/URL_FORWARD_PORT)',
    )
  }
  if (!isIPv4(raw)) throw new Error(`URL_FORWARD_SERVER_IPV4 must be an IPv4 address, got "${raw}"`)
  return raw
}

/**
 * DATABASE_URL: the PostgreSQL server (postgres:// or postgresql://). Unset: the embedded PGlite database, the
 * zero-setup demo. Production refuses to start on PGlite unless EMBEDDED_DATABASE_IN_PRODUCTION=true (the browser
 * suite runs a production build on it): PGlite is one process's file, so a second API process, the scheduler or
 * the delivery worker could not share it, and nothing backs it up.
 */
function databaseUrl(): string | undefined {
  const raw = process.env.DATABASE_URL?.trim()
  if (!raw) {
    if (process.env.NODE_ENV !== 'production' || process.env.EMBEDDED_DATABASE_IN_PRODUCTION === 'true')
      return undefined
    throw new Error(
      'DATABASE_URL must be set in production: the PostgreSQL server, e.g. DATABASE_URL=postgresql://conac@db.example.cn:5432/conac ' +
        '(the embedded PGlite database is for the demo: one process, no backups).',
    )
  }
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(raw))
    throw new Error('DATABASE_URL must be a PostgreSQL connection string, postgresql://user@host:port/database')
  return raw
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** One of a fixed set of words (a typo is an error rather than silently the default). */
function oneOf<const T extends string>(name: string, values: readonly T[], fallback: T): T {
  const raw = (process.env[name] ?? '').trim().toLowerCase()
  if (raw === '') return fallback
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`)
  return raw as T
}

/** Logs, health and metrics (observability/). */
function observabilitySettings() {
  return {
    /** LOG_LEVEL: the least severe level written. */
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    /** LOG_FORMAT: `json` (one object a line, for the log collector; production's default) or `text` (for people). */
    logFormat: oneOf('LOG_FORMAT', ['json', 'text'] as const, process.env.NODE_ENV === 'production' ? 'json' : 'text'),
    /**
     * METRICS_ALLOWED: who may read /metrics (addresses or CIDR ranges; "none": nobody). By default this machine only;
     * the address is the client's as the API determines it (TRUSTED_PROXIES), so nothing forwarded by the portal is
     * ever this machine.
     */
    metricsAllowed: parseTrustedProxies(process.env.METRICS_ALLOWED || '127.0.0.0/8,::1', 'METRICS_ALLOWED'),
    /** METRICS_TOKEN: when set, /metrics also asks for `Authorization: Bearer <token>` (from the allowed addresses). */
    metricsToken: process.env.METRICS_TOKEN?.trim() || null,
    /** How long /readyz waits for the database before it answers 503. */
    readyTimeoutMs: positive('READY_TIMEOUT_MS', 2000),
    /**
     * HEALTH_PORT: where the scheduler and the delivery worker (processes/, which serve nothing else) answer /healthz,
     * /readyz and /metrics on 127.0.0.1; unset: they listen nowhere. The API serves them on API_PORT.
     */
    healthPort: optionalPort('HEALTH_PORT'),
  }
}

export const config = {
  isProduction: process.env.NODE_ENV === 'production',
  /** Show sent SMS and email in the portal (developmentOutbox): there is no real SMS gateway in development. */
  devOutbox: process.env.DEV_OUTBOX === 'true' || process.env.NODE_ENV !== 'production',
  /** A PostgreSQL connection string. Unset: the embedded PGlite database in pgliteDir. */
  databaseUrl: databaseUrl(),
  pgliteDir: process.env.PGLITE_DIR || path.join(repositoryRoot, 'data/pglite'),
  migrationsDir: path.join(repositoryRoot, 'prisma/migrations'),
  apiHost: process.env.API_HOST || '127.0.0.1',
  apiPort: integer('API_PORT', 4000),
  graphqlPath: '/graphql',
  /**
   * Proxies whose X-Forwarded-For the API believes (addresses or CIDR ranges, "none" for nobody): by default the
   * portal on this machine. Every other peer is the client itself, whatever header it sends.
   */
  trustedProxies: parseTrustedProxies(process.env.TRUSTED_PROXIES || DEFAULT_TRUSTED_PROXIES),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: integer('MAX_BODY_BYTES', 100_000),
  /**
   * How long a verified API token is trusted without looking it up again (modules/auth/tokenCache.ts): the bound on
   * a revocation or a role change written by another process. 0 turns the cache off.
   */
  apiTokenCacheMs: integer('API_TOKEN_CACHE_MS', 60_000),
  /** Trusted documents (server/src/http/trustedDocuments.ts): without an API token only the portal's persisted operations run. */
  trustedDocuments: {
    /** On unless TRUSTED_DOCUMENTS=off (local debugging only: then any operation runs, e.g. from GraphiQL). */
    enforce: onOff('TRUSTED_DOCUMENTS', true),
    /** The portal's manifest (hash -> operation text) that codegen writes. */
    manifest: process.env.TRUSTED_DOCUMENTS_MANIFEST
      ? path.resolve(repositoryRoot, process.env.TRUSTED_DOCUMENTS_MANIFEST)
      : path.join(repositoryRoot, 'web/graphql/generated/persisted-documents.json'),
    /** More manifests, comma-separated (the browser suite adds the tests' own set-up documents). */
    extraManifests: paths('TRUSTED_DOCUMENTS_EXTRA'),
  },
  /** The registry's URL-forwarding server: the A record a URL转发 adds points here. The default is a documentation address (RFC 5737 TEST-NET-3). */
  /** The authoritative DNS server that publishes the .政务/.公益 zones (modules/dns/publication/). */
  dns: dnsServerSettings(),
  /** The registry's URL-forwarding server: the A record a URL转发 adds points here (and existing ones move here at start). */
  urlForwardServerIpv4: urlForwardServerIpv4(),
  /** The forwarding server's bearer token for GET /url-forwarding/lookup; unset: only callers on this machine. */
  urlForwardLookupSecret: process.env.URL_FORWARD_LOOKUP_SECRET?.trim() || null,
  /** Where the public reaches the portal: badge snippets, the verification page and micro-sites link here. */
  publicPortalUrl: publicPortalUrl(),
  /** Public lookup by RDAP (http/rdap.ts, modules/rdap/). */
  rdap: {
    /** The public address of /rdap: the self links of the answers. */
    baseUrl: rdapBaseUrl(publicPortalUrl()),
    /** Requests one client address (IPv6: its /64) may make per window: a bucket refilled evenly. */
    rateLimitRequests: positive('RDAP_RATE_LIMIT_REQUESTS', 60),
    rateLimitWindowSeconds: positive('RDAP_RATE_LIMIT_WINDOW_SECONDS', 60),
  },
  /** WHOIS (RFC 3912, whois/server.ts): off unless WHOIS_PORT is set; limited per address by RDAP's rules. */
  whois: {
    /** WHOIS_PORT: unset or empty: no WHOIS service; 43 is the standard port (binding it needs privileges). */
    port: optionalPort('WHOIS_PORT'),
    host: process.env.WHOIS_HOST || process.env.API_HOST || '127.0.0.1',
    /** Seconds a client has from connecting to sending its whole query line. */
    timeoutSeconds: positive('WHOIS_TIMEOUT_SECONDS', 10),
  },
  /**
   * PII_ENCRYPTION_KEYS (lib/piiKeys.ts): the keys of lib/fieldCipher.ts, the first current. Outside production the
   * published dev key is the default (isDevKey: the API warns at start); production refuses to start without keys.
   */
  piiEncryption: parsePiiKeys(process.env.PII_ENCRYPTION_KEYS, process.env.NODE_ENV === 'production'),
  /** 操作日志 (modules/audit/chain.ts): rows older than this may be purged (never younger than 180 days). */
  audit: { retentionDays: auditRetentionDays() },
  jobs: {
    /** Run the scheduler (定时任务) in the API process; SCHEDULER=false turns it off (e.g. when another process runs it). */
    scheduler: process.env.SCHEDULER !== 'false',
    /** 审核超时提醒: working days a domain application may wait for its same-level office before the office above is told. */
    reviewEscalationWorkingDays: integer('REVIEW_ESCALATION_WORKING_DAYS', 5),
  },
  /** 标识安装检测 (modules/installChecks/runs.ts): the daily run over every self-built site. */
  installChecks: {
    /** Time for one site, redirects included. */
    timeoutMs: positive('INSTALL_CHECK_TIMEOUT_MS', 10_000),
    /** Requests open at once over the whole run. */
    concurrency: positive('INSTALL_CHECK_CONCURRENCY', 256),
    /** Requests open at once to one IP address (a hosting server carries many sites). */
    perAddress: positive('INSTALL_CHECK_PER_ADDRESS', 2),
    /** Sites started per second at most (0: no limit), so a run spreads its load instead of taking the machine. */
    maxSitesPerSecond: integer('INSTALL_CHECK_MAX_SITES_PER_SECOND', 100),
    /** A badge found installed is checked again after this many days; one missing or failing, every day. */
    recheckInstalledDays: integer('INSTALL_CHECK_RECHECK_INSTALLED_DAYS', 7),
  },
  session: {
    cookieName: 'conac_session',
    /** A session ends this long after it was last used... */
    idleMinutes: integer('SESSION_IDLE_MINUTES', 120),
    /** ...and in any case this long after login. */
    absoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12),
    /**
     * The Secure flag on the session cookie: on by default in production (the portal is served over HTTPS there);
     * SECURE_COOKIES=false turns it off for a production build on plain http, =true turns it on anywhere.
     */
    secureCookie: trueFalse('SECURE_COOKIES', process.env.NODE_ENV === 'production'),
  },
  /** Delivery of the notification outbox (modules/notifications/worker.ts). */
  notifications: {
    /** Run the delivery worker inside the API process (NOTIFICATION_WORKER=false: run it elsewhere). */
    workerEnabled: process.env.NOTIFICATION_WORKER !== 'false',
    /** Seconds between polls when nothing is due. */
    pollSeconds: integer('NOTIFICATION_POLL_SECONDS', 5),
    /** Notifications claimed per batch. */
    batchSize: integer('NOTIFICATION_BATCH_SIZE', 20),
    /** Messages of a batch sent at once: the most that a dying worker can leave delivered but not marked (sent again). */
    concurrency: integer('NOTIFICATION_CONCURRENCY', 4),
    /** A claim (and each send) holds its rows this long; a worker that died is taken over after it runs out. */
    leaseSeconds: integer('NOTIFICATION_LEASE_SECONDS', 120),
    /** Tries before a notification is FAILED; retries wait 30 s x 2^(tries-1), at most an hour. */
    maxAttempts: integer('NOTIFICATION_MAX_ATTEMPTS', 8),
  },
  /** Outgoing mail. Unset SMTP_HOST: email is only recorded (development outbox) or, without it, left PENDING. */
  smtp: {
    host: process.env.SMTP_HOST || undefined,
    port: integer('SMTP_PORT', process.env.SMTP_SECURE === 'true' ? 465 : 587),
    /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
    secure: process.env.SMTP_SECURE === 'true',
    user: process.env.SMTP_USER || undefined,
    pass: process.env.SMTP_PASS || undefined,
    from: process.env.SMTP_FROM || '域名注册管理平台 <noreply@localhost>',
  },
  /** The SMS gateway (HTTP). Unset SMS_HTTP_URL: SMS is only recorded (development outbox) or, without it, left PENDING. */
  sms: {
    httpUrl: process.env.SMS_HTTP_URL || undefined,
    httpToken: process.env.SMS_HTTP_TOKEN || undefined,
  },
  /**
   * SMS verification codes: a budget for the whole system on top of the per-number and per-address limits
   * (modules/verification/budget.ts), so many numbers from many addresses cannot run up the SMS bill unseen.
   */
  smsBudget: {
    /** Codes per clock hour. */
    perHour: positive('SMS_BUDGET_PER_HOUR', 500),
    /** Codes per Beijing day. */
    perDay: positive('SMS_BUDGET_PER_DAY', 5000),
    /**
     * Percent of each budget that codes anyone may ask for without a login (UNIT_REGISTRATION) may use, so an
     * anonymous flood leaves the rest to logged-in units (site applications, contact changes).
     */
    anonymousShare: percent('SMS_BUDGET_ANONYMOUS_SHARE', 50),
  },
  /** Login throttling (modules/auth/throttle.ts). There is no lock of a whole account: anyone could set it off. */
  login: {
    /** Wrong passwords for one account from one address that lock that address out of that account... */
    maxFailuresPerAccountAndAddress: positive('LOGIN_MAX_FAILURES', 5),
    /** ...for this long. */
    lockMinutes: positive('LOGIN_LOCK_MINUTES', 15),
    /** Wrong passwords from one address (IPv6: its /64), whatever names it tries, within the window before it waits. */
    maxFailuresPerAddress: positive('LOGIN_MAX_FAILURES_PER_ADDRESS', 20),
    /** How long failures count: the per-address throttle counts those within it; a count per (account, address) or
     *  per account starts afresh once its last failure is older. */
    windowMinutes: positive('LOGIN_WINDOW_MINUTES', 15),
    /** Wrong passwords for one account from addresses it does not know before each such address must wait... */
    accountFreeFailures: positive('LOGIN_ACCOUNT_FREE_FAILURES', 10),
    /** ...1, 2, 4 ... seconds, at most this many, after its own previous attempt at the account. */
    accountMaxDelaySeconds: positive('LOGIN_ACCOUNT_MAX_DELAY_SECONDS', 30),
    /** An address the account logged in from within this many days is known to it and skips that delay. */
    knownAddressDays: positive('LOGIN_KNOWN_ADDRESS_DAYS', 30),
  },
  /** Accounts (issue 17): links, password history and expiry. */
  accounts: {
    /** How long an activation link or code sent to a new account stays valid. */
    activationHours: positive('ACTIVATION_HOURS', 72),
    /** How long a password-reset link sent by email stays valid (the SMS code keeps its own 5 minutes). */
    passwordResetMinutes: positive('PASSWORD_RESET_MINUTES', 30),
    /** How many of their previous passwords staff may not reuse (0: no history). */
    passwordHistory: integer('PASSWORD_HISTORY', 5),
    /** Staff must change a password older than this many days; 0 turns expiry off (the default). */
    passwordMaxAgeDays: integer('PASSWORD_MAX_AGE_DAYS', 0),
    /** How many accounts a unit may have (its primary account and deputies). */
    unitMaxUsers: positive('UNIT_MAX_USERS', 5),
    /** How long a 经办人交接 (its emailed link) waits for the new handler before it lapses. */
    handoverHours: positive('HANDOVER_HOURS', 72),
  },
  /**
   * 账号认领 (modules/migration/claim): the accounts imported from the old system are invited a few at a time, so the
   * invitations stay inside the SMS budget and leave most of it to everyone else.
   */
  migrationClaim: {
    /** Imported accounts the invitation job (迁移账号认领通知) invites per run, oldest import first. */
    invitesPerRun: positive('MIGRATION_CLAIM_INVITES_PER_RUN', 200),
    /** Minutes between runs of the invitation job (a divisor of a day: 1, 2, 5, 10, 15, 30, 60 …). */
    everyMinutes: positive('MIGRATION_CLAIM_EVERY_MINUTES', 10),
    /** An office may re-send one account's invitation at most once in this many minutes. */
    resendMinutes: positive('MIGRATION_CLAIM_RESEND_MINUTES', 10),
  },
  /** 简繁变体补留 (modules/domainNames/backfill.ts): imported domains get their variants a chunk at a time. */
  variantBackfill: {
    /** Minutes between runs (a divisor of a day). */
    everyMinutes: positive('VARIANT_BACKFILL_EVERY_MINUTES', 5),
    /** Domains looked at per run (about 1 ms of work each, most of it Node's variant conversion). */
    domainsPerRun: positive('VARIANT_BACKFILL_DOMAINS_PER_RUN', 50000),
  },
  /**
   * The second factor of staff logins (modules/secondFactor): 短信验证码 or 身份验证器 after the password, and
   * 记住此设备. Unit users never need it.
   */
  secondFactor: {
    /** SECOND_FACTOR=on|off: on by default in production, off elsewhere. */
    enabled: onOff('SECOND_FACTOR', process.env.NODE_ENV === 'production'),
    /**
     * Seeded demo accounts (users.demo) sign in without it: by default everywhere but production. The browser suite
     * runs a production build with SECOND_FACTOR=on and sets this, so its demo logins stay one step.
     */
    demoExempt: trueFalse('DEMO_SKIPS_SECOND_FACTOR', process.env.NODE_ENV !== 'production'),
    /** 记住此设备: days a remembered browser skips the second factor (0: the option is not offered). */
    rememberDays: integer('SECOND_FACTOR_REMEMBER_DAYS', 30),
    /** How long the step between password and second factor stays open. */
    challengeMinutes: positive('LOGIN_CHALLENGE_MINUTES', 5),
    deviceCookieName: process.env.DEVICE_COOKIE_NAME || 'conac_device',
    /** The issuer the authenticator app shows next to the account. */
    totpIssuer: process.env.TOTP_ISSUER || '政务和公益机构域名注册管理平台',
  },
  observability: observabilitySettings(),
  /** Abuse limits at the API edge (limits/); defaults and how they were chosen in limits/settings.ts. */
  limits: {
    maxDepth: integer('MAX_QUERY_DEPTH', OPERATION_LIMITS.maxDepth),
    maxAliases: integer('MAX_QUERY_ALIASES', OPERATION_LIMITS.maxAliases),
    maxTokens: integer('MAX_QUERY_TOKENS', OPERATION_LIMITS.maxTokens),
    maxDirectives: integer('MAX_QUERY_DIRECTIVES', OPERATION_LIMITS.maxDirectives),
    maxCost: integer('MAX_QUERY_COST', OPERATION_LIMITS.maxCost),
    /** Cost points an API token may spend per window (token bucket, refilled evenly). */
    tokenRatePoints: integer('API_TOKEN_RATE_POINTS', TOKEN_RATE_LIMIT.points),
    tokenRateWindowSeconds: integer('API_TOKEN_RATE_WINDOW_SECONDS', TOKEN_RATE_LIMIT.windowSeconds),
  },
} as const
