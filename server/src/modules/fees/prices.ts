// 价格表: a fee per year for each suffix, dated. Money is integer fen (BigInt) everywhere; yuan() only formats it.
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import type { Tx } from '../../lib/ledger.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { conflict } from './checks.ts'

/** 1234567n fen → "12345.67" (the one formatter, shared with the exports). */
export { yuan } from '../../lib/exports/format.ts'

/** The fee in fen for `years` of a suffix; CONFLICT (NO_PRICE) when the price list has no price for it. */
export type Price = (suffix: DomainSuffix, years: number) => bigint

/** The prices in force on `date` (each suffix's newest entry effective then), read once for a whole act. */
export async function pricesOn(tx: Tx, date: Date): Promise<Price> {
  const entries = await tx.priceListEntry.findMany({
    where: { effectiveFrom: { lte: date } },
    orderBy: { effectiveFrom: 'desc' },
  })
  return (suffix, years) => {
    const entry = entries.find((candidate) => candidate.suffix === suffix)
    if (!entry) throw conflict(`价格表中没有${SUFFIX_TEXT[suffix]}在该日期有效的价格`, 'NO_PRICE')
    return entry.feePerYearFen * BigInt(years)
  }
}
