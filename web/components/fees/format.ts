// What the fee screens share: the week a remittance covers, idempotency keys and status names. Money and dates are
// written by ../ui/format.ts, failed requests described by web/graphql/errors.ts.

/** The Monday (as UTC midnight) of the China-time week containing `date`: what createRemittance expects. */
export function mondayOf(date = new Date()): Date {
  const local = new Date(date.getTime() + 8 * 3_600_000)
  const day = local.getUTCDay() || 7
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1)))
}

/** One key per attempt of a money mutation, so a retry after a lost answer has one effect. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // randomUUID needs a secure context (HTTPS or localhost); getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

export const COLLECTION_MODE_LABELS = {
  COUNTER: '现场缴费',
  BANK_TRANSFER: '银行转账',
  COUNTER_OR_TRANSFER: '现场缴费或银行转账',
} as const
export const REMITTANCE_STATUS_LABELS = { SUBMITTED: '已汇款，待认款', CONFIRMED: '已认款' } as const
export const FEE_ITEM_KIND_LABELS = { REGISTRATION: '注册', RENEWAL: '续费' } as const
export const RENEWAL_STATUS_LABELS = {
  REQUESTED: '待缴费',
  FEE_COLLECTED: '已收费，待扣费',
  CHARGED: '已续费',
  CANCELLED: '已撤销',
} as const
