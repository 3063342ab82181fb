// One HTTP request with exactly the headers given, Host included (fetch may not set Host): for tests that forge
// what a client controls, such as Host, X-Forwarded-Host or Forwarded. And bytes written straight to a socket, for
// what no HTTP client sends: methods that are not tokens, CONNECT, bytes a request line may not hold.
import { request } from 'node:http'
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  /** Every response header, lower-case names, repeated ones joined with ", " (Set-Cookie with "\n") */
  headers: Record<string, string>
  body: string
}

export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        timeout: 120_000,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined)
              headers[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value
          }
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') })
        })
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url}`)))
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

/**
 * Writes `bytes` (a whole request, which should ask for Connection: close) to the server of `url` and reads the
 * answer until the server closes the connection. Fails if it stays open longer than `timeoutMs`.
 */
export function rawSocketExchange(url: string, bytes: string | Buffer, timeoutMs = 60_000): Promise<RawResponse> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => socket.write(bytes))
    const chunks: Buffer[] = []
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`${url}: the connection stayed open`)))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      if (split < 0)
        return reject(new Error(`${url}: no HTTP answer (${JSON.stringify(all.toString('latin1').slice(0, 200))})`))
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        const name = line.slice(0, colon).trim().toLowerCase()
        headers[name] = headers[name]
          ? `${headers[name]}, ${line.slice(colon + 1).trim()}`
          : line.slice(colon + 1).trim()
      }
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0),
        headers,
        body: all.subarray(split + 4).toString('utf8'),
      })
    })
  })
}
