// 编办余额 and 发票库存: opening figures brought over from the old system, entered the way money and stock always
// change here, never by editing a balance.
//
// Balances: after the import an office's OFFICE_PREPAID (帐户余额) and OFFICE_COLLECTED (代收未汇款) accounts hold the
// file's figures. The writer posts the difference between the figure and the sum of that account's earlier
// OPENING_BALANCE entries as ONE balanced OPENING_BALANCE posting per office: the office's accounts +x (+y), the
// central office's 期初余额 contra account (MIGRATION_OPENING, created when missing) −(x+y). The ledger triggers keep
// balanceFen and check the posting balances. A second run of the same figures posts nothing; a corrected figure
// posts only the correction; activity since the import (charges, collections) is left as it is.
//
// Invoice stock: likewise one OPENING invoice_stock_movements row with the difference from earlier OPENING rows; the
// trigger invoice_stock_movements_apply keeps offices.invoiceStock, as for every other movement (invoices/stock.ts).
import type { BalanceRecord, InvoiceStockRecord } from '../templates.ts'
import {
  type BatchWriter,
  countsOf,
  lastOfEachKey,
  MigrationWriteError,
  queryRecords,
  refuseUnresolved,
  sqlTime,
  type Tx,
} from './batch.ts'

const OPENING_ACCOUNT_KINDS = { OFFICE_PREPAID: 'prepaidFen', OFFICE_COLLECTED: 'collectedFen' } as const

const yuan = (fen: bigint) => {
  const sign = fen < 0n ? '-' : ''
  const abs = fen < 0n ? -fen : fen
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

async function refuseUnknownOffices(tx: Tx, records: { row: number; regionCode: string }[]) {
  const missing = await queryRecords<{ row: number; regionCode: string }>(
    tx,
    `SELECT r."row", r."regionCode" FROM json_to_recordset($1::json) AS r("row" int, "regionCode" char(6))
      WHERE NOT EXISTS (SELECT 1 FROM "offices" o WHERE o."regionCode" = r."regionCode")`,
    records,
  )
  refuseUnresolved(
    '编办不存在',
    missing.map((m) => ({ row: m.row, detail: m.regionCode })),
  )
}

/** The central office's 期初余额 contra account, created the first time an opening balance is imported. */
async function contraAccountId(tx: Tx): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ id: number }[]>(
    `WITH central AS (SELECT "id" FROM "offices" WHERE "level" = 'CENTRAL' ORDER BY "id" LIMIT 1),
          created AS (
            INSERT INTO "accounts" ("officeId", "kind") SELECT "id", 'MIGRATION_OPENING' FROM central
            ON CONFLICT ("officeId", "kind") DO NOTHING RETURNING "id")
     SELECT "id" FROM created
     UNION ALL
     SELECT a."id" FROM "accounts" a JOIN central c ON c."id" = a."officeId" WHERE a."kind" = 'MIGRATION_OPENING'`,
  )
  if (!row) throw new MigrationWriteError('中央编办不存在，无法记入期初余额')
  return Number(row.id)
}

export const writeBalances: BatchWriter<BalanceRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.regionCode)
  await refuseUnknownOffices(tx, records)
  // Every office has its OFFICE_* accounts from the seed (or from writeOffices); make sure of the two used here.
  await queryRecords(
    tx,
    `INSERT INTO "accounts" ("officeId", "kind")
     SELECT o."id", k."kind"::"AccountKind"
       FROM json_to_recordset($1::json) AS r("regionCode" char(6))
       JOIN "offices" o ON o."regionCode" = r."regionCode"
       CROSS JOIN unnest(ARRAY['OFFICE_PREPAID', 'OFFICE_COLLECTED']) AS k("kind")
     ON CONFLICT ("officeId", "kind") DO NOTHING
     RETURNING "id"`,
    records,
  )
  const accounts = await queryRecords<{
    row: number
    regionCode: string
    accountId: number
    kind: keyof typeof OPENING_ACCOUNT_KINDS
    balanceFen: bigint
    openingFen: bigint
    openingCount: bigint
  }>(
    tx,
    `SELECT r."row", r."regionCode", a."id" AS "accountId", a."kind"::text AS "kind", a."balanceFen",
            COALESCE(opening."sum", 0)::bigint AS "openingFen", COALESCE(opening."count", 0)::bigint AS "openingCount"
       FROM json_to_recordset($1::json) AS r("row" int, "regionCode" char(6))
       JOIN "offices" o ON o."regionCode" = r."regionCode"
       JOIN "accounts" a ON a."officeId" = o."id" AND a."kind" IN ('OFFICE_PREPAID', 'OFFICE_COLLECTED')
       LEFT JOIN LATERAL (
         SELECT SUM(e."amountFen") AS "sum", count(*) AS "count"
           FROM "ledger_entries" e JOIN "ledger_transactions" t ON t."id" = e."transactionId"
          WHERE e."accountId" = a."id" AND t."kind" = 'OPENING_BALANCE') opening ON TRUE
      ORDER BY r."row", a."kind"`,
    records,
  )
  const byRegion = new Map(records.map((r) => [r.regionCode, r]))
  const postings = new Map<
    string,
    { row: number; hadOpening: boolean; entries: { accountId: number; fen: bigint }[] }
  >()
  const negative: { row: number; detail: string }[] = []
  for (const account of accounts) {
    const record = byRegion.get(account.regionCode)!
    const target = BigInt(record[OPENING_ACCOUNT_KINDS[account.kind]])
    const difference = target - BigInt(account.openingFen)
    const posting = postings.get(account.regionCode) ?? { row: account.row, hadOpening: false, entries: [] }
    posting.hadOpening ||= BigInt(account.openingCount) > 0n
    postings.set(account.regionCode, posting)
    if (difference === 0n) continue
    // Spending since the import may leave less than the correction takes back: refuse rather than go negative.
    if (BigInt(account.balanceFen) + difference < 0n)
      negative.push({
        row: account.row,
        detail: `${account.regionCode} 现有余额 ${yuan(BigInt(account.balanceFen))} 元，调整 ${yuan(difference)} 元后为负`,
      })
    posting.entries.push({ accountId: Number(account.accountId), fen: difference })
  }
  refuseUnresolved('编办余额不能为负', negative)
  const due = [...postings.entries()].filter(([, posting]) => posting.entries.length > 0)
  if (due.length === 0) return countsOf(batch.length, 0, 0)

  const contra = await contraAccountId(tx)
  const ids = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"ledger_transactions"', 'id'))::int AS "id" FROM generate_series(1, $1::int)`,
    due.length,
  )
  const transactions = due.map(([regionCode], i) => ({
    id: Number(ids[i]!.id),
    memo: `期初余额（数据迁移）${regionCode}`,
  }))
  const entries = due.flatMap(([, posting], i) => {
    const id = transactions[i]!.id
    const total = posting.entries.reduce((sum, entry) => sum + entry.fen, 0n)
    const lines = posting.entries.map((entry) => ({
      transactionId: id,
      accountId: entry.accountId,
      amountFen: entry.fen,
    }))
    return total === 0n ? lines : [...lines, { transactionId: id, accountId: contra, amountFen: -total }]
  })
  const now = sqlTime(context.now)
  await queryRecords(
    tx,
    `INSERT INTO "ledger_transactions" ("id", "kind", "memo", "createdById", "createdAt")
     SELECT r."id", 'OPENING_BALANCE', r."memo", $2::int, $3::timestamp(3)
       FROM json_to_recordset($1::json) AS r("id" int, "memo" text)
     RETURNING "id"`,
    transactions,
    context.createdById,
    now,
  )
  // All entries in one statement: ledger_entries_balanced checks each posting sums to zero at its end.
  await queryRecords(
    tx,
    `INSERT INTO "ledger_entries" ("transactionId", "accountId", "amountFen", "createdAt")
     SELECT r."transactionId", r."accountId", r."amountFen"::bigint, $2::timestamp(3)
       FROM json_to_recordset($1::json) AS r("transactionId" int, "accountId" int, "amountFen" text)
     RETURNING "id"`,
    entries.map((entry) => ({ ...entry, amountFen: entry.amountFen.toString() })),
    now,
  )
  const inserted = due.filter(([, posting]) => !posting.hadOpening).length
  return countsOf(batch.length, inserted, due.length - inserted)
}

export const writeInvoiceStock: BatchWriter<InvoiceStockRecord> = async (tx, batch, context) => {
  const records = lastOfEachKey(batch, (r) => r.regionCode)
  await refuseUnknownOffices(tx, records)
  const offices = await queryRecords<{
    row: number
    regionCode: string
    officeId: number
    quantity: number
    stock: number
    opening: bigint
    openingCount: bigint
  }>(
    tx,
    `SELECT r."row", r."regionCode", o."id" AS "officeId", r."quantity", o."invoiceStock" AS "stock",
            COALESCE(m."sum", 0)::bigint AS "opening", COALESCE(m."count", 0)::bigint AS "openingCount"
       FROM json_to_recordset($1::json) AS r("row" int, "regionCode" char(6), "quantity" int)
       JOIN "offices" o ON o."regionCode" = r."regionCode"
       LEFT JOIN LATERAL (
         SELECT SUM(x."quantity") AS "sum", count(*) AS "count" FROM "invoice_stock_movements" x
          WHERE x."officeId" = o."id" AND x."reason" = 'OPENING') m ON TRUE`,
    records,
  )
  const movements: { officeId: number; quantity: number; first: boolean }[] = []
  const negative: { row: number; detail: string }[] = []
  for (const office of offices) {
    const difference = Number(office.quantity) - Number(office.opening)
    if (difference === 0) continue
    if (Number(office.stock) + difference < 0)
      negative.push({
        row: office.row,
        detail: `${office.regionCode} 现有 ${office.stock} 张，调整 ${difference} 张后为负`,
      })
    movements.push({
      officeId: Number(office.officeId),
      quantity: difference,
      first: BigInt(office.openingCount) === 0n,
    })
  }
  refuseUnresolved('发票余量不能为负', negative)
  if (movements.length > 0)
    await queryRecords(
      tx,
      `INSERT INTO "invoice_stock_movements" ("officeId", "quantity", "reason", "createdById", "createdAt")
       SELECT r."officeId", r."quantity", 'OPENING', $2::int, $3::timestamp(3)
         FROM json_to_recordset($1::json) AS r("officeId" int, "quantity" int)
       RETURNING "id"`,
      movements,
      context.createdById,
      sqlTime(context.now),
    )
  const inserted = movements.filter((m) => m.first).length
  return countsOf(batch.length, inserted, movements.length - inserted)
}
