// The forwarding server's settings. Its own, not server/src/config.ts: that one also demands the API's production
// secrets (PII keys, the portal's URL), which this process neither needs nor should hold.

function whole(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  return value
}

export const forwarderConfig = {
  /** Where the forwarding server listens. Production: the address URL_FORWARD_SERVER_IPV4 names, port 80. */
  host: process.env.URL_FORWARD_HOST?.trim() || '127.0.0.1',
  port: whole('URL_FORWARD_PORT', 8080, 1, 65_535),
  /** Where it asks the API which forward a name has (the same variable the portal reads). */
  apiUrl: process.env.API_URL?.trim() || `http://127.0.0.1:${process.env.API_PORT?.trim() || 4000}`,
  /** How long an answer is reused: a change in the portal takes effect within this many seconds. */
  cacheSeconds: whole('URL_FORWARD_CACHE_SECONDS', 5, 0, 3600),
  /** Sent to the API's lookup as a bearer token; the API answers without it only a caller on its own machine. */
  lookupSecret: process.env.URL_FORWARD_LOOKUP_SECRET?.trim() || null,
  /** Connections one client address may hold open at once (raise it behind a reverse proxy). */
  maxConnectionsPerAddress: whole('URL_FORWARD_MAX_CONNECTIONS_PER_ADDRESS', 64, 1, 100_000),
}
