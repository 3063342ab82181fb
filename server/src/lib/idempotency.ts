// Idempotency keys for money mutations: the first response is stored with the key in the same transaction as
// the change, so a retried request replays it and has one effect; the same key with other arguments is refused.
import { createHash } from 'node:crypto'
import type { Context } from '../context.ts'
import { appError, badInput, forbidden } from '../errors.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { actingUserId } from '../viewer.ts'
import type { Tx } from './ledger.ts'

/** JSON with sorted keys (BigInt as a string, dates as ISO strings), so equal arguments hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function requestHash(args: unknown): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex')
}

export function checkIdempotencyKey(key: string): void {
  if (key.length < 8 || key.length > 128)
    throw badInput('幂等键应为 8-128 个字符', { idempotencyKey: '幂等键应为 8-128 个字符' })
}

interface IdempotentRequest {
  key: string
  operation: string
  args: unknown
}

type StoredRecord = { operation: string; requestHash: string; response: Prisma.JsonValue }

function replay<T>(record: StoredRecord, operation: string, hash: string): T {
  if (record.operation !== operation || record.requestHash !== hash) {
    throw appError('CONFLICT', '幂等键已用于另一请求', { reason: 'IDEMPOTENCY_KEY_REUSED' })
  }
  return record.response as T
}

/**
 * Runs `run` once per (user, key) inside one transaction and stores its JSON response. The record is inserted
 * first, so a concurrent request with the same key waits on the unique index and then fails; it then reads the
 * committed record and replays it. A failed run rolls back the record too, so the key can be retried.
 */
export async function withIdempotencyKey<T extends Prisma.InputJsonObject>(
  ctx: Context,
  request: IdempotentRequest,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  checkIdempotencyKey(request.key)
  const userId = actingUserId(ctx.viewer)
  if (userId == null) throw forbidden()
  const hash = requestHash(request.args)
  const where = { userId_key: { userId, key: request.key } }
  const existing = await ctx.prisma.idempotencyRecord.findUnique({ where })
  if (existing) return replay<T>(existing, request.operation, hash)
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const record = await tx.idempotencyRecord.create({
        data: { userId, key: request.key, operation: request.operation, requestHash: hash, response: {} },
      })
      const response = await run(tx)
      await tx.idempotencyRecord.update({ where: { id: record.id }, data: { response } })
      return response
    })
  } catch (error) {
    // Lost a race with the same key: the winner's record is committed now.
    const winner = await ctx.prisma.idempotencyRecord.findUnique({ where })
    if (winner) return replay<T>(winner, request.operation, hash)
    throw error
  }
}
