// How the portal's server reaches the API. API_URL is one origin, or several separated by commas: the API
// processes of a production machine (deploy/start-production.mjs starts them and gives every portal process the
// list). Requests go to them in turn; one that is refused (the process is down or restarting: nothing was sent)
// goes to the next, so a stopped API process costs no request. A request that reached a process that then died is
// not sent again (it may have taken effect): the client sees 无法连接业务服务 and retries, mutations with their
// idempotency keys.

const DEFAULT_API_URL = 'http://127.0.0.1:4000'

/** The API origins from API_URL (read at run time: the same build serves any deployment). */
export function apiOrigins(): string[] {
  const origins = (process.env.API_URL ?? DEFAULT_API_URL)
    .split(',')
    .map((item) => item.trim().replace(/\/+$/, ''))
    .filter(Boolean)
  return origins.length ? origins : [DEFAULT_API_URL]
}

let turn = 0

/** A refused connection: nothing reached the API, so trying another process cannot repeat an effect. */
function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause
  return cause?.code === 'ECONNREFUSED' || !!cause?.errors?.every((each) => each.code === 'ECONNREFUSED')
}

/**
 * fetch() of an API URL (built on any origin of API_URL, e.g. from apiGraphqlUrl()) on the next API process in
 * turn, and on the others while they refuse the connection. A streamed body is sent once (it cannot be read twice).
 */
export async function fetchApi(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url)
  const origins = apiOrigins()
  const first = turn++ % origins.length
  const attempts = init.body instanceof ReadableStream ? 1 : origins.length
  let lastError: unknown
  for (let i = 0; i < attempts; i++) {
    const origin = new URL(origins[(first + i) % origins.length]!)
    target.protocol = origin.protocol
    target.host = origin.host
    try {
      return await fetch(target, init)
    } catch (error) {
      if (!refused(error)) throw error
      lastError = error
    }
  }
  throw lastError
}
