// A pretend internet for outbound requests (server/src/lib/outbound): names answer what a test says (a public test
// address in front of a local server, or an internal address to be refused), and the TCP dial, which the guard
// calls only with an address and port that passed its checks, is recorded and connected to a server on 127.0.0.1.
// Everything before the dial (resolution's answers classified, ports, redirects) runs as in production.
import { connect, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { OutboundOptions } from '../../server/src/lib/outbound/guardedFetch.ts'

/** Public addresses (not in any special-purpose range) that stand for test sites; nothing real is ever reached. */
export const PUBLIC_TEST_ADDRESS = '93.184.216.34'
export const OTHER_PUBLIC_TEST_ADDRESS = '93.184.216.35'
export const PUBLIC_TEST_ADDRESS_V6 = '2606:2800:220:1:248:1893:25c8:1946'

/**
 * `count` distinct public addresses (93.184.216.100 onwards, none of them the two above), e.g. one per pretend
 * hosting server when a test needs several (the installation check limits its requests per address).
 */
export function publicTestAddresses(count: number): string[] {
  if (!(count >= 1 && count <= 100)) throw new Error('between 1 and 100 public test addresses')
  return Array.from({ length: count }, (_, index) => `93.184.216.${100 + index}`)
}

/** One address of each kind a user-controlled request must never reach (loopback, private, metadata, CGNAT, ...). */
export const INTERNAL_TEST_ADDRESSES: readonly string[] = [
  '127.0.0.1',
  '10.0.0.5',
  '169.254.169.254',
  '100.64.1.1',
  '0.0.0.0',
  '224.0.0.1',
  '::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  'fc00::1',
  'fe80::1',
  '2002:7f00:1::',
  '64:ff9b::7f00:1',
]

export interface FakeNetwork {
  /** Host name -> its answers; a function is asked at each lookup (e.g. a DNS-rebinding name). */
  names: Map<string, string[] | (() => string[])>
  /** `${address}:${port}` -> the local port on 127.0.0.1 that answers for it; anything else is refused. */
  servers: Map<string, number>
  /** Every lookup, in order. */
  lookups: string[]
  /** Every dial, in order: the only way a connection is opened. */
  dials: { address: string; port: number }[]
  options: OutboundOptions
  /** Forgets the recorded lookups and dials. */
  reset(): void
}

const refusedSocket = (): Duplex => {
  const socket = new Socket()
  process.nextTick(() => socket.destroy(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })))
  return socket
}

export function fakeNetwork(): FakeNetwork {
  const network: FakeNetwork = {
    names: new Map(),
    servers: new Map(),
    lookups: [],
    dials: [],
    reset() {
      network.lookups.length = 0
      network.dials.length = 0
    },
    options: {
      resolve: async (hostname) => {
        network.lookups.push(hostname)
        const answers = network.names.get(hostname.toLowerCase())
        if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
        return typeof answers === 'function' ? answers() : answers
      },
      dial: (address, port) => {
        network.dials.push({ address, port })
        const local = network.servers.get(`${address}:${port}`)
        return local === undefined ? refusedSocket() : connect({ host: '127.0.0.1', port: local })
      },
    },
  }
  return network
}
