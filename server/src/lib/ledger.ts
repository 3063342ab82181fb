// Postings to the double-entry ledger. Balances are kept by the database (a trigger per entry) and a posting
// whose entries do not sum to zero is refused by a statement-level trigger, so the entries of one posting must
// be inserted in ONE statement: the nested createMany below.
import type { Prisma } from '../generated/prisma/client.ts'
import type { AccountKind, LedgerTransactionKind } from '../generated/prisma/enums.ts'

export type Tx = Prisma.TransactionClient

export interface PostingEntry {
  accountId: number
  amountFen: bigint
}

export interface Posting {
  kind: LedgerTransactionKind
  memo: string
  createdById?: number | null
  entries: PostingEntry[]
}

/** Writes one balanced posting. A balance that would break its sign rule makes the database refuse it. */
export async function postLedgerTransaction(tx: Tx, posting: Posting) {
  const total = posting.entries.reduce((sum, entry) => sum + entry.amountFen, 0n)
  // Fail early with a readable error; the trigger would refuse it anyway.
  if (posting.entries.length < 2 || total !== 0n) throw new Error(`unbalanced posting (${posting.kind}, sum ${total})`)
  return tx.ledgerTransaction.create({
    data: {
      kind: posting.kind,
      memo: posting.memo.slice(0, 256),
      createdById: posting.createdById ?? null,
      entries: {
        createMany: {
          data: posting.entries.map((entry) => ({ accountId: entry.accountId, amountFen: entry.amountFen })),
        },
      },
    },
  })
}

/** The account of one kind of an office. Every office has its three OFFICE_* accounts from the seed. */
export function accountOf(tx: Tx, officeId: number, kind: AccountKind) {
  return tx.account.findUniqueOrThrow({ where: { officeId_kind: { officeId, kind } } })
}

/** One of the central office's (CONAC's) system-wide accounts: UNIT_PAYMENTS or CONAC_REVENUE. */
export async function conacAccountOf(tx: Tx, kind: 'UNIT_PAYMENTS' | 'CONAC_REVENUE') {
  return tx.account.findFirstOrThrow({ where: { kind, office: { level: 'CENTRAL' } } })
}

/** True when the database refused a posting because a balance would break its sign (CHECK accounts_balance_sign). */
export function isBalanceRefusal(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`
  return text.includes('accounts_balance_sign')
}
