// GraphQL for server components: calls the API directly (not through the /graphql rewrite), forwarding the
// incoming request's cookie header so the API sees the viewer's session. Never cached: every call reads the
// session of the request being rendered, and reading headers() makes the calling route dynamic.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type DocumentNode } from 'graphql'
import { headers } from 'next/headers'

/** The API's GraphQL endpoint as seen from the portal's server. */
export function apiGraphqlUrl(): string {
  return `${(process.env.API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '')}/graphql`
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

/** The API could not be reached, or answered with something that is not a GraphQL response. */
export class ApiUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ApiUnavailableError'
  }
}

const printed = new WeakMap<DocumentNode, string>()

function source(document: DocumentNode): string {
  let text = printed.get(document)
  if (text === undefined) {
    text = print(document)
    printed.set(document, text)
  }
  return text
}

/** Runs a typed operation against the API as the viewer of the current request. */
export async function serverQuery<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<ServerResult<TData>> {
  const incoming = await headers()
  const requestHeaders: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  }
  const cookie = incoming.get('cookie')
  if (cookie) requestHeaders.cookie = cookie
  const userAgent = incoming.get('user-agent')
  if (userAgent) requestHeaders['user-agent'] = userAgent

  let response: Response
  try {
    response = await fetch(apiGraphqlUrl(), {
      method: 'POST',
      headers: requestHeaders,
      body: JSON.stringify({ query: source(document), variables: variables ?? {} }),
      cache: 'no-store',
    })
  } catch (error) {
    throw new ApiUnavailableError(`GraphQL API unreachable at ${apiGraphqlUrl()}`, { cause: error })
  }

  let body: { data?: TData | null; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] }
  try {
    body = await response.json()
  } catch (error) {
    throw new ApiUnavailableError(`GraphQL API answered HTTP ${response.status} without a JSON body`, { cause: error })
  }
  const errors = (body.errors ?? []).map((error) => {
    const extensions = error.extensions ?? {}
    return {
      message: typeof error.message === 'string' ? error.message : '未知错误',
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      extensions,
    }
  })
  return { data: body.data ?? null, errors }
}
