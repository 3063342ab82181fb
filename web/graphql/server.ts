// GraphQL for server components: an urql client per request that calls the API directly (not through the
// /graphql proxy route) and forwards the incoming request's cookie header, so the API sees the viewer's session.
// Never cached: every call reads the session of the request being rendered, and reading headers() makes the
// calling route dynamic. Operations go out as their persisted hash only (trusted documents, ./persisted.ts).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { Client, fetchExchange } from '@urql/core'
import { headers } from 'next/headers'
import { apiOrigins, fetchApi } from './apiFetch'
import { setClientAddress } from './clientAddress'
import { requestId } from './requestId'
import { embeddedHash, persistedDocumentsExchange } from './persisted'

/**
 * The API's GraphQL endpoint as seen from the portal's server (read at request time, not at build time), on the
 * first origin of API_URL: requests go through fetchApi, which takes each to an API process in turn.
 */
export function apiGraphqlUrl(): string {
  return `${apiOrigins()[0]}/graphql`
}

/** One error of a GraphQL response, with the API's machine-readable extensions.code. */
export interface ApiError {
  message: string
  code: string | undefined
  extensions: Record<string, unknown>
}

export interface ServerResult<TData> {
  data: TData | null
  errors: ApiError[]
}

/**
 * An urql client that calls the API directly from the portal's server, sending persisted hashes only. Without
 * `headers` it is anonymous (public pages that look the same for everybody). Either way it passes on the request's
 * X-Request-Id (graphql/requestId.ts), so the API's log line of the call carries the page request's id.
 */
export function apiClient(headers: Record<string, string> = {}): Client {
  const id = requestId()
  return new Client({
    url: apiGraphqlUrl(),
    exchanges: [persistedDocumentsExchange(), fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    // urql passes the URL as a string (never a Request).
    fetch: (input, init) => fetchApi(input instanceof Request ? input.url : input, init),
    fetchOptions: { headers: id ? { ...headers, 'x-request-id': id } : headers, cache: 'no-store' },
  })
}

/** The API could not be reached, or answered with something that is not a GraphQL response. */
export class ApiUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ApiUnavailableError'
  }
}

async function requestClient(): Promise<Client> {
  const incoming = await headers()
  const forwarded = new Headers()
  for (const name of ['cookie', 'user-agent']) {
    const value = incoming.get(name)
    if (value) forwarded.set(name, value)
  }
  // The client's address as the portal's server saw it (never the client's own X-Forwarded-For).
  return apiClient(Object.fromEntries(setClientAddress(forwarded)))
}

/** Runs a typed operation against the API as the viewer of the current request. */
export async function serverQuery<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<ServerResult<TData>> {
  // What a server component imports from a 'use client' module is a client reference, not the document: urql
  // would fail on it inside its pipeline, where the error is lost and the render waits for ever. Say so instead.
  if (!embeddedHash(document)) {
    throw new Error(
      "serverQuery: not a typed document with an embedded hash (was it imported from a 'use client' module? Move it to a module without the directive).",
    )
  }
  const client = await requestClient()
  const result = await client.query(document, (variables ?? {}) as TVariables).toPromise()
  if (result.error?.networkError) {
    throw new ApiUnavailableError(
      `GraphQL API unreachable at ${apiGraphqlUrl()}: ${result.error.networkError.message}`,
      {
        cause: result.error.networkError,
      },
    )
  }
  const errors = (result.error?.graphQLErrors ?? []).map((error) => {
    const extensions = (error.extensions ?? {}) as Record<string, unknown>
    return {
      message: error.message || '未知错误',
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      extensions,
    }
  })
  return { data: (result.data as TData | undefined) ?? null, errors }
}
