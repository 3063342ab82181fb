// Money helpers for tests: ledger consistency checks and rows straight in the database (balances still move only
// through balanced postings).
import { expect } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { accountOf, conacAccountOf, postLedgerTransaction } from '../../server/src/lib/ledger.ts'
import { createDomain } from './fixtures.ts'

/** The whole ledger sums to zero and every account's balance equals the sum of its entries. */
export async function expectLedgerConsistent(prisma: PrismaClient): Promise<void> {
  const total = await prisma.ledgerEntry.aggregate({ _sum: { amountFen: true } })
  expect(total._sum.amountFen ?? 0n).toBe(0n)
  const sums = await prisma.ledgerEntry.groupBy({ by: ['accountId'], _sum: { amountFen: true } })
  const byAccount = new Map(sums.map((row) => [row.accountId, row._sum.amountFen ?? 0n]))
  const accounts = await prisma.account.findMany({ where: { OR: [{ balanceFen: { not: 0n } }, { id: { in: [...byAccount.keys()] } }] } })
  for (const account of accounts) expect({ account: account.id, balance: account.balanceFen }).toEqual({ account: account.id, balance: byAccount.get(account.id) ?? 0n })
}

export async function officeByRegion(prisma: PrismaClient, regionCode: string) {
  return prisma.office.findUniqueOrThrow({ where: { regionCode } })
}

export async function unitByName(prisma: PrismaClient, name: string) {
  return prisma.unit.findFirstOrThrow({ where: { name } })
}

export async function balanceOf(prisma: PrismaClient, officeId: number, kind: 'OFFICE_COLLECTED' | 'OFFICE_IN_TRANSIT' | 'OFFICE_PREPAID') {
  return (await accountOf(prisma, officeId, kind)).balanceFen
}

/** Puts money on an office's prepaid account as if a remittance had been confirmed. */
export async function fundOffice(prisma: PrismaClient, officeId: number, amountFen: bigint): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const unitPayments = await conacAccountOf(tx, 'UNIT_PAYMENTS')
    const prepaid = await accountOf(tx, officeId, 'OFFICE_PREPAID')
    await postLedgerTransaction(tx, {
      kind: 'REMITTANCE_CONFIRMATION',
      memo: 'test funding',
      entries: [
        { accountId: unitPayments.id, amountFen: -amountFen },
        { accountId: prepaid.id, amountFen },
      ],
    })
  })
}

/** `count` FEE_COLLECTED domains of a unit in one collection by the office, each with an uncharged item (named from `domainNames` when given). */
export async function collectedItems(
  prisma: PrismaClient,
  options: { officeId: number; unitId: number; collectedById: number; count: number; feeFen: bigint; domainNames?: string[] },
) {
  const domains = []
  for (let i = 0; i < options.count; i++) domains.push(await createDomain(prisma, { unitId: options.unitId, status: 'FEE_COLLECTED', name: options.domainNames?.[i] }))
  const collection = await prisma.feeCollection.create({
    data: {
      officeId: options.officeId,
      unitId: options.unitId,
      amountFen: options.feeFen * BigInt(options.count),
      invoiceCount: 0,
      collectedById: options.collectedById,
      items: { createMany: { data: domains.map((domain) => ({ domainId: domain.id, kind: 'REGISTRATION' as const, years: 1, amountFen: options.feeFen })) } },
    },
    include: { items: { orderBy: { id: 'asc' } } },
  })
  return { collection, domains }
}

/** A snapshot of everything money touches, to show that a refused request wrote nothing. */
export async function moneySnapshot(prisma: PrismaClient) {
  return {
    collections: await prisma.feeCollection.count(),
    items: await prisma.feeCollectionItem.count(),
    remittances: await prisma.remittance.count(),
    postings: await prisma.ledgerTransaction.count(),
    entries: await prisma.ledgerEntry.count(),
    idempotency: await prisma.idempotencyRecord.count(),
    renewals: await prisma.domainRenewal.count(),
    audit: await prisma.auditLog.count(),
    notifications: await prisma.notification.count(),
  }
}
