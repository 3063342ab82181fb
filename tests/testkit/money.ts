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
  const accounts = await prisma.account.findMany({
    where: { OR: [{ balanceFen: { not: 0n } }, { id: { in: [...byAccount.keys()] } }] },
  })
  for (const account of accounts)
    expect({ account: account.id, balance: account.balanceFen }).toEqual({
      account: account.id,
      balance: byAccount.get(account.id) ?? 0n,
    })
}

export async function officeByRegion(prisma: PrismaClient, regionCode: string) {
  return prisma.office.findUniqueOrThrow({ where: { regionCode } })
}

export async function unitByName(prisma: PrismaClient, name: string) {
  return prisma.unit.findFirstOrThrow({ where: { name } })
}

export async function balanceOf(
  prisma: PrismaClient,
  officeId: number,
  kind: 'OFFICE_COLLECTED' | 'OFFICE_IN_TRANSIT' | 'OFFICE_PREPAID',
) {
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
  options: {
    officeId: number
    unitId: number
    collectedById: number
    count: number
    feeFen: bigint
    domainNames?: string[]
  },
) {
  const domains = []
  for (let i = 0; i < options.count; i++)
    domains.push(
      await createDomain(prisma, { unitId: options.unitId, status: 'FEE_COLLECTED', name: options.domainNames?.[i] }),
    )
  const collection = await prisma.feeCollection.create({
    data: {
      officeId: options.officeId,
      unitId: options.unitId,
      amountFen: options.feeFen * BigInt(options.count),
      invoiceCount: 0,
      collectedById: options.collectedById,
      items: {
        createMany: {
          data: domains.map((domain) => ({
            domainId: domain.id,
            kind: 'REGISTRATION' as const,
            years: 1,
            amountFen: options.feeFen,
          })),
        },
      },
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

let remittanceWeeks = 0

/**
 * A SUBMITTED 汇款单 of the office holding one collection of `count` FEE_COLLECTED domains (or `items` of given
 * fees), posted as 收费 and 汇款 would post them: the money sits in the office's 在途 account, ready for 认款. Each
 * call takes its own week (one remittance per office and week), counting back from 2001-01-01, a Monday.
 */
export async function submittedRemittance(
  prisma: PrismaClient,
  options: { officeId: number; unitId: number; collectedById: number; feesFen: bigint[]; collectedAt?: Date },
) {
  const domains: Awaited<ReturnType<typeof createDomain>>[] = []
  for (let i = 0; i < options.feesFen.length; i++)
    domains.push(await createDomain(prisma, { unitId: options.unitId, status: 'FEE_COLLECTED' }))
  const amountFen = options.feesFen.reduce((sum, fee) => sum + fee, 0n)
  remittanceWeeks += 1
  const weekStart = new Date(Date.UTC(2001, 0, 1) - remittanceWeeks * 7 * 86_400_000)
  return prisma.$transaction(async (tx) => {
    const collection = await tx.feeCollection.create({
      data: {
        officeId: options.officeId,
        unitId: options.unitId,
        amountFen,
        invoiceCount: 0,
        collectedById: options.collectedById,
        collectedAt: options.collectedAt ?? new Date(),
        items: {
          createMany: {
            data: domains.map((domain, i) => ({
              domainId: domain.id,
              kind: 'REGISTRATION' as const,
              years: 1,
              amountFen: options.feesFen[i]!,
            })),
          },
        },
      },
      include: { items: { orderBy: { id: 'asc' } } },
    })
    const remittance = await tx.remittance.create({
      data: {
        officeId: options.officeId,
        weekStart,
        amountFen,
        submittedById: options.collectedById,
        collections: { connect: { id: collection.id } },
      },
    })
    const unitPayments = await conacAccountOf(tx, 'UNIT_PAYMENTS')
    const collected = await accountOf(tx, options.officeId, 'OFFICE_COLLECTED')
    const inTransit = await accountOf(tx, options.officeId, 'OFFICE_IN_TRANSIT')
    await postLedgerTransaction(tx, {
      kind: 'COLLECTION',
      memo: 'test collection',
      entries: [
        { accountId: unitPayments.id, amountFen: -amountFen },
        { accountId: collected.id, amountFen },
      ],
    })
    await postLedgerTransaction(tx, {
      kind: 'REMITTANCE',
      memo: 'test remittance',
      entries: [
        { accountId: collected.id, amountFen: -amountFen },
        { accountId: inTransit.id, amountFen },
      ],
    })
    return { remittance, collection, domains }
  })
}
