// Prisma's PGlite driver adapter (pglite-prisma-adapter 0.6) loses errors raised at COMMIT: it resolves the
// transaction whether or not PGlite's commit succeeded, so a deferred constraint (our ledger must balance)
// would fail silently while Prisma reports success. This wrapper hands the adapter's transaction the raw
// result of PGlite's transaction(), so a failed commit rejects as it does on a real PostgreSQL.
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'

type TransactionRunner = { transaction<T>(fn: (tx: PGliteTransaction) => Promise<T>): Promise<T> }
type AdapterInternals = {
  startTransactionInner(conn: TransactionRunner, options: unknown): Promise<{ txResultPromise: Promise<unknown> }>
}

export class PGliteAdapterFactory {
  readonly provider = 'postgres'
  readonly adapterName: string
  private readonly inner: PrismaPGlite

  constructor(client: PGlite) {
    this.inner = new PrismaPGlite(client)
    this.adapterName = this.inner.adapterName
  }

  async connect() {
    const adapter = await this.inner.connect()
    const internals = adapter as unknown as AdapterInternals
    const startTransactionInner = internals.startTransactionInner.bind(adapter)
    internals.startTransactionInner = async (conn, options) => {
      let raw: Promise<unknown> | undefined
      const spy: TransactionRunner = { transaction: (fn) => (raw = conn.transaction(fn)) as never }
      const transaction = await startTransactionInner(spy, options)
      // The adapter attached its own catch to `raw`, so no rejection goes unhandled.
      transaction.txResultPromise = raw!
      return transaction
    }
    return adapter
  }
}
