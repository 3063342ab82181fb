// Every action refreshes what it changed. urql's document cache only drops the cached queries whose results share a
// __typename with the mutation's answer, so a list the answer does not mention (收费 answers with a FeeCollection; the
// 域名查询 list holds Domains) came back with its old status and live buttons; and pages rendered on the server kept
// theirs in Next's router cache (the browser's 后退 showed them as before). Rather than listing, per mutation, what
// it may touch, any mutation's answer (success or error: a CONFLICT also means the page is out of date) makes
// - every query the page is showing run again from the network,
// - every other cached query go to the network the next time it is used (never served from the cache first),
// - `onMutation` run: the portal refreshes its server components there (router.refresh(), which also empties the
//   router cache behind the back button).
// Place it first in the exchanges, before the cache.
import { type Exchange, makeOperation, mapExchange, type Operation } from '@urql/core'

export function refreshAfterMutationsExchange(onMutation: () => void): Exchange {
  return (input) => {
    // The last operation of every query asked so far, by key. The client re-runs only those still in use and ignores
    // the rest, so the page's queries need no bookkeeping of their own.
    const asked = new Map<number, Operation>()
    const outdated = new Set<number>()
    const fromNetwork = (operation: Operation) =>
      makeOperation('query', operation, { ...operation.context, requestPolicy: 'network-only' })
    return mapExchange({
      onOperation(operation) {
        if (operation.kind !== 'query') return operation
        asked.set(operation.key, operation)
        const policy = operation.context.requestPolicy
        // Until the network has answered it again: useQuery sends an operation twice when a component mounts (a
        // synchronous first look, then its subscription), and either may be the one that stays.
        if (!outdated.has(operation.key) || (policy !== 'cache-first' && policy !== 'cache-and-network'))
          return operation
        return fromNetwork(operation)
      },
      onResult(result) {
        const { operation } = result
        if (operation.kind === 'query') {
          if (operation.context.meta?.cacheOutcome !== 'hit') outdated.delete(operation.key)
          return
        }
        if (operation.kind !== 'mutation') return
        for (const [key, previous] of asked) {
          outdated.add(key)
          input.client.reexecuteOperation(fromNetwork(previous))
        }
        onMutation()
      },
    })(input)
  }
}
