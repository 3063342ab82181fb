// A tiny typed client for the registry's GraphQL API: POST JSON with a bearer token, typed data back, one error type.
// Depends only on fetch and the generated documents (docs/client/generated), so it can be copied as it is.
import type { TypedDocumentString } from './generated/graphql'

export interface ApiErrorEntry {
  message: string
  path?: (string | number)[]
  extensions?: { code?: string; [key: string]: unknown }
}

/** The per-token rate-limit headers of a response (null where the server did not send one). */
export interface RateLimit {
  limit: number | null
  remaining: number | null
  /** Seconds until the bucket is full again */
  reset: number | null
  /** What this request spent */
  cost: number | null
  /** Retry-After in seconds, sent with 429 RATE_LIMITED */
  retryAfterSeconds: number | null
}

/** Any failed request: HTTP errors (401 INVALID_TOKEN, 413, 429 RATE_LIMITED, ...) and GraphQL errors alike. */
export class ApiError extends Error {
  /** extensions.code of every error, e.g. ['FORBIDDEN'] */
  readonly codes: string[]
  constructor(
    readonly status: number,
    readonly errors: ApiErrorEntry[],
    readonly rateLimit: RateLimit,
    /** What the server answered besides the errors (fields that did resolve), if anything. */
    readonly data: unknown = null,
  ) {
    super(
      errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ') || `HTTP ${status}`,
    )
    this.name = 'ApiError'
    this.codes = errors.map((error) => error.extensions?.code ?? 'UNKNOWN')
  }
}

export interface ClientOptions {
  /** The API's origin or its /graphql address, e.g. http://127.0.0.1:4000 */
  url: string
  token: string
  fetch?: (url: string, init: RequestInit) => Promise<Response>
}

/** Variables are optional exactly when the operation has no required ones. */
type VariablesArg<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables]

const numberHeader = (headers: Headers, name: string) => {
  const value = headers.get(name)
  return value === null || value === '' || Number.isNaN(Number(value)) ? null : Number(value)
}

export function rateLimitOf(headers: Headers): RateLimit {
  return {
    limit: numberHeader(headers, 'x-ratelimit-limit'),
    remaining: numberHeader(headers, 'x-ratelimit-remaining'),
    reset: numberHeader(headers, 'x-ratelimit-reset'),
    cost: numberHeader(headers, 'x-ratelimit-cost'),
    retryAfterSeconds: numberHeader(headers, 'retry-after'),
  }
}

export function createClient({
  url,
  token,
  fetch: send = (input, init) => globalThis.fetch(input, init),
}: ClientOptions) {
  const endpoint = /\/graphql\/?$/.test(url) ? url : `${url.replace(/\/$/, '')}/graphql`
  /** The rate-limit headers of the latest response. */
  let lastRateLimit: RateLimit | null = null

  async function request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: VariablesArg<TVariables>
  ): Promise<TResult> {
    const response = await send(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    })
    lastRateLimit = rateLimitOf(response.headers)
    const text = await response.text()
    let body: { data?: TResult | null; errors?: ApiErrorEntry[] }
    try {
      body = JSON.parse(text) as typeof body
    } catch {
      throw new ApiError(response.status, [{ message: text.slice(0, 200) || response.statusText }], lastRateLimit)
    }
    if (body.errors?.length || !response.ok || !body.data) {
      throw new ApiError(response.status, body.errors ?? [], lastRateLimit, body.data ?? null)
    }
    return body.data
  }

  return { request, rateLimit: () => lastRateLimit }
}

export type Client = ReturnType<typeof createClient>

export interface Connection<TNode> {
  edges: { node: TNode }[]
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}

/**
 * Every node of a relay connection, page after page: `select` picks the connection out of a result, and the
 * generator sends `first` and `after` itself.
 */
export async function* paginate<TResult, TVariables extends { first?: number | null; after?: string | null }, TNode>(
  client: Client,
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, 'first' | 'after'>,
  select: (data: TResult) => Connection<TNode>,
  pageSize = 100,
): AsyncGenerator<TNode> {
  let after: string | null = null
  for (;;) {
    const page = select(
      await client.request(
        document,
        ...([{ ...variables, first: pageSize, after } as TVariables] as VariablesArg<TVariables>),
      ),
    )
    for (const edge of page.edges) yield edge.node
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return
    after = page.pageInfo.endCursor
  }
}
