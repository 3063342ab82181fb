// The client's address as the portal's own server (server.mjs) found it: from the socket (or from a proxy listed in
// PORTAL_TRUSTED_PROXIES), never from a header the client sent. Whatever calls the API for a request tells it this
// address as the one X-Forwarded-For hop, replacing anything the client sent; the API believes that header only
// from the portal (TRUSTED_PROXIES). Outside server.mjs (`next dev`) there is no address and nothing is sent: the
// API then counts every client as the portal itself, which shares limits but never lets a client pick its address.
import type { AsyncLocalStorage } from 'node:async_hooks'

const STORE = Symbol.for('conac.portal.clientAddress')

export function clientAddress(): string | null {
  const storage = (globalThis as unknown as Record<symbol, AsyncLocalStorage<string | null> | undefined>)[STORE]
  return storage?.getStore() ?? null
}

/** Sets X-Forwarded-For to the client's address (or removes it when unknown) on a request to the API. */
export function setClientAddress(headers: Headers): Headers {
  const address = clientAddress()
  if (address) headers.set('x-forwarded-for', address)
  else headers.delete('x-forwarded-for')
  return headers
}
