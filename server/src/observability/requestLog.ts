// The API's per-request observability, as one yoga plugin (yoga.ts puts it first):
// - the request id: X-Request-Id from the request when well-formed (observability/requestId.ts), else a fresh one;
//   the whole handling runs inside the request's AsyncLocalStorage state (observability/requestContext.ts), so the
//   audit rows written meanwhile carry the id (lib/audit.ts), and the answer returns it as X-Request-Id;
// - one log line per request (method, path, operation name, status, duration in ms, request id, error codes), and
//   one observation of the request histogram (observability/metrics.ts). Nothing per field or per resolver: this
//   is the hot path the benchmarks measure.
// The log line never holds variables, the body, the query string, cookies or headers (passwords, tokens, ID numbers
// travel there). /healthz, /readyz and /metrics are answered but neither logged (except at debug) nor counted: a
// scraper or a load balancer asks every few seconds.
// The duration is to the response's head: a streamed export's body may still be on its way.
import { getOperationAST, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { OBSERVABILITY_PATHS, pathOf } from './health.ts'
import { logFor } from './log.ts'
import { operationLabel, recordRequest } from './metrics.ts'
import { requestStorage, type RequestState } from './requestContext.ts'
import { REQUEST_ID_HEADER, requestIdFrom } from './requestId.ts'

/** The metric label of a request that ran no GraphQL operation: its route (a fixed set), never the raw path. */
function routeLabel(path: string): string {
  if (path === '/graphql') return '(not executed)'
  const first = /^\/([a-z-]+)/.exec(path)?.[1]
  switch (first) {
    case 'exports':
    case 'migration':
    case 'rdap':
    case 'url-forwarding':
      return `/${first}`
    default:
      return '(other)'
  }
}

const MAX_LOGGED_PATH = 200

function errorCodesOf(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[]
  const codes: string[] = []
  for (const one of results) {
    for (const error of one?.errors ?? []) {
      const code = error.extensions?.code
      codes.push(typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : 'UNCODED')
    }
  }
  return codes
}

export function useRequestObservability(): Plugin {
  const log = logFor('http')
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const state: RequestState = {
          requestId: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)),
          startedAt: performance.now(),
          operation: null,
          errorCodes: null,
        }
        return requestStorage.run(state, wrapped)
      },
    },
    onExecute({ args }) {
      const state = requestStorage.getStore()
      // A document that passed validation: its operation's name (for a persisted document, the manifest's).
      if (state) state.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)'
    },
    onResultProcess({ result }) {
      const state = requestStorage.getStore()
      if (!state) return
      const codes = errorCodesOf(result)
      if (codes.length) state.errorCodes = state.errorCodes ? [...state.errorCodes, ...codes] : codes
    },
    onResponse({ request, response }) {
      const state = requestStorage.getStore()
      if (!state) return
      response.headers.set(REQUEST_ID_HEADER, state.requestId)
      const path = pathOf(request.url)
      const ms = performance.now() - state.startedAt
      const line = {
        requestId: state.requestId,
        method: request.method,
        path: path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path,
        operation: state.operation,
        status: response.status,
        ms: Math.round(ms * 10) / 10,
        errors: state.errorCodes ?? undefined,
      }
      if (OBSERVABILITY_PATHS.has(path)) {
        log.debug(line, 'request')
        return
      }
      recordRequest(
        state.operation ? operationLabel(state.operation) : routeLabel(path),
        response.status,
        ms / 1000,
        state.errorCodes,
      )
      log.info(line, 'request')
    },
  }
}
