// Trusted documents (persisted operations). The portal sends only the sha256 hash of an operation that codegen
// wrote into a manifest (web/graphql/generated/persisted-documents.json: "sha256:<hex>" -> operation text); the API
// runs the text it finds there. Operation text sent by the client is accepted only from integrators (a request with
// an Authorization header: the context verifies the API token before anything runs) or with enforcement off.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations'
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga'

export interface TrustedDocumentsOptions {
  /** Refuse operation text from clients without an API token. */
  enforce: boolean
  /** Manifest files (hash -> text), e.g. the portal's and, in the browser suite, the tests' own. */
  manifests: string[]
}

/** Operation text by bare lower-case hex hash (no "sha256:" prefix). */
export type TrustedDocumentStore = ReadonlyMap<string, string>

const SHA256_HEX = /^[0-9a-f]{64}$/

/** "sha256:<hex>" (the manifests, documentId) or "<hex>" (the APQ extension as some clients send it) -> "<hex>". */
export function normaliseHash(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * Reads the manifests into one store. Every entry's hash is recomputed from its text, so a manifest edited by hand
 * (text changed under an old hash) cannot smuggle in an operation. A missing manifest is an error when enforcing
 * (the portal could not work); with enforcement off it is skipped.
 */
export function loadTrustedDocuments({ enforce, manifests }: TrustedDocumentsOptions): TrustedDocumentStore {
  const store = new Map<string, string>()
  for (const file of manifests) {
    if (!existsSync(file)) {
      if (!enforce) continue
      throw new Error(
        `Trusted documents: manifest ${file} not found. Run \`npm run generate\` (codegen writes it), or set TRUSTED_DOCUMENTS=off for local debugging.`,
      )
    }
    let entries: unknown
    try {
      entries = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Error(`Trusted documents: manifest ${file} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      })
    }
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
      throw new Error(`Trusted documents: manifest ${file} must be an object of "sha256:<hex>": "<operation text>"`)
    }
    for (const [key, text] of Object.entries(entries)) {
      const hash = normaliseHash(key)
      if (!SHA256_HEX.test(hash) || typeof text !== 'string' || sha256Hex(text) !== hash) {
        throw new Error(
          `Trusted documents: manifest ${file}: entry "${key}" does not match the sha256 of its text. Run \`npm run generate\` again.`,
        )
      }
      store.set(hash, text)
    }
  }
  return store
}

/** The id a client sent: `documentId` (GraphQL over HTTP) or the APQ extension (what @urql/exchange-persisted sends). */
export function persistedDocumentId(params: GraphQLParams): string | null {
  const documentId = (params as GraphQLParams & { documentId?: unknown }).documentId
  if (typeof documentId === 'string') return documentId
  const persistedQuery = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery
  return typeof persistedQuery?.sha256Hash === 'string' ? persistedQuery.sha256Hash : null
}

export const PERSISTED_QUERY_ONLY = 'PERSISTED_QUERY_ONLY'
export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND'

/**
 * The yoga plugin. Persisted ids are resolved whether or not enforcement is on (the portal always sends them);
 * enforcement decides only whether operation text is accepted without an API token.
 */
export function useTrustedDocuments(options: TrustedDocumentsOptions, store = loadTrustedDocuments(options)): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => store.get(normaliseHash(id)) ?? null,
    extractPersistedOperationId: persistedDocumentId,
    // Any Authorization header lets the text through to the context, which answers 401 INVALID_TOKEN for anything
    // but a valid API token before the operation runs; without one, only the portal's documents run.
    allowArbitraryOperations: (request) => !options.enforce || request.headers.has('authorization'),
    customErrors: {
      notFound: () =>
        createGraphQLError('未找到该持久化操作：门户与接口服务的版本可能不一致，请刷新页面后重试', {
          extensions: { code: PERSISTED_QUERY_NOT_FOUND, http: { status: 400 } },
        }),
      persistedQueryOnly: () =>
        createGraphQLError(
          '未经登记的 GraphQL 操作需要 API 令牌（请求头 Authorization: Bearer <令牌>）；门户只发送已登记的持久化操作',
          {
            extensions: { code: PERSISTED_QUERY_ONLY, http: { status: 403 } },
          },
        ),
      keyNotFound: () =>
        createGraphQLError('请求中缺少 query 或 documentId', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        }),
    },
  }) as Plugin
}
