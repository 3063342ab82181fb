// The GraphQL server as a fetch handler, kept apart from any listener: main.ts serves it on a port, and the
// tests call yoga.fetch() directly.
import { useGraphQLMiddleware } from '@envelop/graphql-middleware'
import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type ValueNode,
} from 'graphql'
import { createYoga, type Plugin } from 'graphql-yoga'
import { MAX_PAGE_SIZE } from './builder.ts'
import { config } from './config.ts'
import { badInput } from './errors.ts'
import { buildContext, clientAddressOf, pendingCookies, type Context, type ServerContext } from './context.ts'
import { useTrustedDocuments, type TrustedDocumentsOptions } from './http/trustedDocuments.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import type { OutboundOptions } from './lib/outbound/guardedFetch.ts'
import { announce, onCacheSignal } from './db/crossProcess.ts'
import { VerifiedTokenCache } from './modules/auth/tokenCache.ts'
import { configuredDnsServerAddress } from './modules/dns/publication/configured.ts'
import type { DnsServerAddress } from './modules/dns/publication/probe.ts'
import { useExecutionLimits, useRequestLimits, type OperationLimits, type RateLimitOptions } from './limits/index.ts'
import { handleExportRequest } from './http/exports.ts'
import { handleMigrationRequest } from './http/migration.ts'
import { handleUrlForwardLookup } from './http/urlForwardLookup.ts'
import { createRdapHandler, type RdapRateLimit } from './http/rdap.ts'
import { signInSettings, type SignInSettings } from './modules/secondFactor/settings.ts'
import type { SmsBudget } from './modules/verification/budget.ts'
import { permissions } from './permissions/index.ts'
import { schema } from './schema/index.ts'
import { describeVariableError, withLiteralPath } from './validation/requestErrors.ts'
import { createObservabilityHandler, type ObservabilityOptions } from './observability/health.ts'
import { logFor } from './observability/log.ts'
import { noteErrorCode } from './observability/requestContext.ts'
import { useRequestObservability } from './observability/requestLog.ts'

export interface AppOptions {
  prisma: PrismaClient
  /** GraphiQL at /graphql in a browser. On in development, off in production. */
  graphiql?: boolean
  /**
   * The graphql-shield permission middleware. Always on; `false` exists only for server/scripts/bench-shield.ts,
   * which measures the middleware's overhead against an otherwise identical app.
   */
  permissions?: boolean
  /**
   * Trusted documents: `enforce` refuses operation text without an API token (only persisted documents run);
   * `manifests` are the hash -> text files. Defaults from config (TRUSTED_DOCUMENTS, TRUSTED_DOCUMENTS_MANIFEST,
   * TRUSTED_DOCUMENTS_EXTRA). Throws when enforcing and a manifest is missing.
   */
  trustedDocuments?: { enforce: boolean; manifests?: string[] }
  /** Per-operation limits (depth, aliases, tokens, directives, cost); defaults from config.limits. */
  limits?: Partial<OperationLimits>
  /** API tokens' rate limit (points per window, and the clock for tests); defaults from config.limits. */
  rateLimit?: Partial<RateLimitOptions>
  /** Introspection and field suggestions only for authenticated viewers. Default: config.isProduction. */
  production?: boolean
  /**
   * Tests only: name resolution and the TCP dial of outbound requests (the installation check), so a test site on
   * 127.0.0.1 can stand behind a public test address while every address check still runs. main.ts never sets it;
   * there is no configuration for it.
   */
  outbound?: OutboundOptions
  /**
   * The authoritative DNS server whose answers the DNS page compares with the database (publication status);
   * default: config.dns when DNS_SERVER=powerdns, else none. Tests pass the PowerDNS they started.
   */
  dnsServer?: DnsServerAddress | null
  /** The global budget of SMS verification codes; default config.smsBudget (tests use small ones). */
  smsBudget?: SmsBudget
  /**
   * Second factor and password expiry; default from config (SECOND_FACTOR, DEMO_SKIPS_SECOND_FACTOR,
   * PASSWORD_MAX_AGE_DAYS …). An app built with `production: true` applies production's rules (second factor on,
   * demo accounts not exempt) unless these say otherwise.
   */
  signIn?: Partial<SignInSettings>
  /** RDAP's per-address limit (requests per window, and the clock for tests); default config.rdap. */
  rdapRateLimit?: Partial<RdapRateLimit>
  /** The bearer token GET /url-forwarding/lookup asks for (URL_FORWARD_LOOKUP_SECRET); null: loopback callers only. */
  urlForwardLookupSecret?: string | null
  /**
   * How long a verified API token is used without looking it up again (modules/auth/tokenCache.ts); default
   * config.apiTokenCacheMs (API_TOKEN_CACHE_MS, 60 s); 0: every request looks its token up.
   */
  apiTokenCacheMs?: number
  /** /healthz, /readyz and /metrics (observability/health.ts): who may read /metrics, the readiness timeout. */
  observability?: Omit<ObservabilityOptions, 'prisma'>
}

export function createApp({
  prisma,
  graphiql = !config.isProduction,
  permissions: withPermissions = true,
  trustedDocuments,
  outbound,
  dnsServer = configuredDnsServerAddress(),
  smsBudget,
  signIn,
  rdapRateLimit,
  urlForwardLookupSecret = config.urlForwardLookupSecret,
  apiTokenCacheMs = config.apiTokenCacheMs,
  observability,
  ...limitOptions
}: AppOptions) {
  const observabilityRoutes = createObservabilityHandler({ prisma, ...observability })
  const tokens = new VerifiedTokenCache(apiTokenCacheMs)
  // Dropped when any API process announces a change (db/crossProcess.ts; on PostgreSQL this starts the listener).
  onCacheSignal(prisma, 'tokens', () => tokens.forget())
  const handleRdapRequest = createRdapHandler(prisma, rdapRateLimit)
  const signInRules = signInSettings({ production: limitOptions.production, overrides: signIn })
  const limits = { prisma, ...limitOptions }
  const trusted: TrustedDocumentsOptions = {
    enforce: trustedDocuments?.enforce ?? config.trustedDocuments.enforce,
    manifests: trustedDocuments?.manifests ?? [
      config.trustedDocuments.manifest,
      ...config.trustedDocuments.extraManifests,
    ],
  }
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: config.graphqlPath,
    graphiql: graphiql ? { title: '政务和公益机构域名注册管理系统 API', defaultEditorToolsVisibility: true } : false,
    landingPage: false,
    // No CORS: browsers reach the API only through the portal's same-origin /graphql proxy, and integrators call it
    // from servers. Without CORS headers no other origin's script can read an answer made with someone's cookie.
    cors: false,
    // A persisted document may come as { documentId } (GraphQL over HTTP) besides the APQ extension.
    extraParamNames: ['documentId'],
    // The body limit is useBodyLimit's (MAX_BODY_BYTES, before anything reads the body). Yoga's own (25 MB by
    // default) piped every request body through a TransformStream, which cost a stream pipeline and an
    // AbortError per request (3–5 % of a review-queue request's CPU) to enforce a limit that is never the lower.
    maxRequestBodySize: false,
    // Errors without a code are masked as INTERNAL_SERVER_ERROR "Unexpected error."; no stack traces, ever.
    maskedErrors: { isDev: false },
    context: (initial) =>
      buildContext(prisma, initial, { outbound, smsBudget, signIn: signInRules, dnsServer, tokens }),
    plugins: [
      // First: the request id, the request's log line and its metrics cover everything after it.
      useRequestObservability(),
      // /healthz, /readyz, /metrics (the last to METRICS_ALLOWED only, by the client's address as determined here).
      useRoute((request, server) => observabilityRoutes.handle(request, clientAddressOf(request, server.req))),
      useRoute((request) => handleExportRequest(prisma, request)),
      // 数据迁移's file upload (MBs: before the body limit) and report download.
      useRoute((request, server) => handleMigrationRequest(prisma, request, clientAddressOf(request, server.req))),
      useRoute((request, server) => handleRdapRequest(request, clientAddressOf(request, server.req))),
      useRoute((request, { req }) =>
        handleUrlForwardLookup(prisma, request, { secret: urlForwardLookupSecret, peer: req?.socket.remoteAddress }),
      ),
      useBodyLimit(config.maxBodyBytes),
      useTrustedDocuments(trusted),
      ...useRequestLimits(limits),
      ...(withPermissions ? [useGraphQLMiddleware([permissions])] : []),
      usePageSizeLimit(),
      ...useExecutionLimits(limits),
      useSessionCookies(),
      useErrorCodes(),
      useForgetTokensAfterMutations(prisma),
    ],
  })
}

export type App = ReturnType<typeof createApp>

function errorResponse(status: number, code: string, message: string): Response {
  noteErrorCode(code)
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

/**
 * Serves a plain HTTP route beside /graphql: GET /exports/* (CSV/XLSX of the report lists, http/exports.ts), 数据迁移's
 * upload and report (http/migration.ts), the
 * forwarding server's lookup (http/urlForwardLookup.ts) and RDAP (http/rdap.ts). `handle` answers its own paths and
 * returns null for others.
 */
function useRoute(
  handle: (request: Request, server: ServerContext) => Promise<Response | null>,
): Plugin<Record<string, unknown>, ServerContext> {
  return {
    async onRequest({ request, serverContext, endResponse }) {
      const response = await handle(request, serverContext)
      if (response) endResponse(response)
    },
  }
}

/**
 * Refuses bodies over the limit with 413 PAYLOAD_TOO_LARGE before anything parses them. A declared length is taken
 * as declared (Node's HTTP parser holds the client to it). A body without one (Transfer-Encoding: chunked) is read
 * here, at most maxBytes of it, and handed on as those bytes: the Node adapter's Request cannot be copied (its
 * clone() returns the request itself), so counting the bytes of a "copy" used to consume the body and yoga then
 * parsed an empty one.
 */
function useBodyLimit(maxBytes: number): Plugin {
  // The connection is closed after the refusal, so the rest of an oversized body is not read at all.
  const tooLarge = () => {
    const response = errorResponse(413, 'PAYLOAD_TOO_LARGE', `请求体超过 ${maxBytes} 字节的上限`)
    response.headers.set('connection', 'close')
    return response
  }
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || !request.body) return
      const declared = request.headers.get('content-length')
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge())
        return
      }
      const body = await readAtMost(request.body, maxBytes)
      if (!body) {
        endResponse(tooLarge())
        return
      }
      setRequest(
        new fetchAPI.Request(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: request.signal,
        }),
      )
    },
  }
}

/** The whole stream if it is at most maxBytes long; null (and the stream cancelled) as soon as it is longer. */
async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/**
 * Refuses `first` or `last` above MAX_PAGE_SIZE (or below 0) anywhere in an operation with BAD_USER_INPUT,
 * instead of silently returning fewer rows than asked for.
 */
function usePageSizeLimit(): Plugin {
  // The `first`/`last` arguments of a document, found once: yoga hands every request of a document the same parsed
  // DocumentNode (its parse cache), so only the variables' values are looked at per request.
  const pageArguments = new WeakMap<DocumentNode, { field: string; value: ValueNode }[]>()
  const argumentsOf = (document: DocumentNode) => {
    let found = pageArguments.get(document)
    if (!found) {
      const list: { field: string; value: ValueNode }[] = []
      visit(document, {
        Field(node) {
          for (const argument of node.arguments ?? [])
            if (argument.name.value === 'first' || argument.name.value === 'last')
              list.push({ field: node.name.value, value: argument.value })
        },
      })
      pageArguments.set(document, (found = list))
    }
    return found
  }
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>
      let offending: { field: string; value: unknown } | undefined
      for (const { field, value: node } of argumentsOf(args.document)) {
        const value =
          node.kind === Kind.INT
            ? Number(node.value)
            : node.kind === Kind.VARIABLE
              ? variables[node.name.value]
              : undefined
        if (typeof value === 'number' && (value < 0 || value > MAX_PAGE_SIZE)) {
          offending = { field, value }
          break
        }
      }
      if (offending) {
        setResultAndStopExecution({
          errors: [badInput(`${offending.field} 每页最多 ${MAX_PAGE_SIZE} 条（收到 ${String(offending.value)}）`)],
        })
      }
    },
  }
}

/**
 * Any mutation may change what a token may do (revoked, its creator disabled or given other roles, the office
 * reorganised …): when one finishes, the verified-token caches (modules/auth/tokenCache.ts) of this process start
 * over at once and every other API process's when it hears (db/crossProcess.ts; announcements in a burst share one
 * NOTIFY). The response does not wait for the NOTIFY.
 */
function useForgetTokensAfterMutations(prisma: PrismaClient): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName)
      if (operation?.operation !== OperationTypeNode.MUTATION) return
      return {
        onExecuteDone: () =>
          void announce(prisma, 'tokens').catch((error: unknown) =>
            logFor('caches').error({ err: error }, 'announcing a mutation to the other API processes failed'),
          ),
      }
    },
  }
}

/** Writes the Set-Cookie headers that login and logout queued in the context. */
function useSessionCookies(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const header of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', header)
    },
  }
}

/**
 * Gives every error a code: syntax errors GRAPHQL_PARSE_FAILED, schema validation errors GRAPHQL_VALIDATION_FAILED,
 * variables that do not fit their types BAD_USER_INPUT (in Chinese, naming the field: validation/requestErrors.ts),
 * other request-level execution errors (e.g. a subscription, which this API does not offer) GRAPHQL_VALIDATION_FAILED.
 */
function useErrorCodes(): Plugin {
  // Resolver errors have a path (and a code, or yoga masks them); request-level ones have neither.
  const requestLevel = (error: GraphQLError) => !error.path
  const coded = (error: GraphQLError) =>
    describeVariableError(error) ??
    withCode(error, error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED')
  const addCodes = ({ result, setResult }: { result: unknown; setResult(result: ExecutionResult): void }) => {
    const errors = (result as ExecutionResult).errors
    if (!errors?.some(requestLevel)) return
    setResult({
      ...(result as ExecutionResult),
      errors: errors.map((error) => (requestLevel(error) ? coded(error) : error)),
    })
  }
  return {
    onExecute: () => ({ onExecuteDone: addCodes }),
    onSubscribe: () => ({ onSubscribeResult: addCodes }),
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length)
          setResult(
            result.map((error) => withCode(withLiteralPath(error, params.documentAST), 'GRAPHQL_VALIDATION_FAILED')),
          )
      }
    },
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof Error) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'))
      }
    },
  }
}

function withCode(error: Error, code: string): GraphQLError {
  if (error instanceof GraphQLError) {
    if (error.extensions?.code) return error
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, code },
    })
  }
  return new GraphQLError(error.message, { extensions: { code } })
}
