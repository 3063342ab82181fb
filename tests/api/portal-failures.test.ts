// What the portal makes of a failed request (web/graphql/errors.ts describeFailure, issue 15's UI kit): one function
// for every form and list, where each feature used to keep its own copy. The message is readableErrorText's (the
// API's Chinese for people, else the page's fallback); the code, reason, field texts and retry delay come through
// for the forms that act on them. And the one date helper the lists share (web/components/ui/format.ts daysSince).
import { CombinedError } from '@urql/core'
import { describe, expect, it } from 'vitest'
import { daysSince } from '../../web/components/ui/format.ts'
import { BUSY_TEXT, describeFailure, NETWORK_ERROR_TEXT } from '../../web/graphql/errors.ts'

const failed = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] })

describe('describeFailure', () => {
  it('keeps the API’s message, code and per-field texts of a refused input', () => {
    const error = failed('域名申请信息有误', {
      code: 'BAD_USER_INPUT',
      fields: { name: '域名已被注册', years: 3, suffix: null },
    })
    expect(describeFailure(error)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '域名申请信息有误',
      fields: { name: '域名已被注册' },
    })
  })

  it('passes the reason of a conflict and the wait of a throttle', () => {
    expect(
      describeFailure(failed('发票余额不足（现有 7 张）', { code: 'CONFLICT', reason: 'INSUFFICIENT_INVOICE_STOCK' })),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'INSUFFICIENT_INVOICE_STOCK',
      message: '发票余额不足（现有 7 张）',
    })
    expect(
      describeFailure(
        failed('验证码发送过于频繁，请 42 秒后再试', { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 42 }),
      ).retryAfterSeconds,
    ).toBe(42)
  })

  it.each([
    ['a masked error', failed('Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' }), 'INTERNAL_SERVER_ERROR'],
    [
      'graphql-js’s English',
      failed('Variable "$input" got invalid value', { code: 'BAD_USER_INPUT' }),
      'BAD_USER_INPUT',
    ],
    ['no code at all', failed('Something broke', {}), 'UNKNOWN'],
  ] as const)('never shows %s: the fallback instead', (_name, error, code) => {
    expect(describeFailure(error)).toMatchObject({ code, message: BUSY_TEXT })
    expect(describeFailure(error, '保存失败，请稍后再试').message).toBe('保存失败，请稍后再试')
  })

  it('an unreachable API, or no error object at all, reads as a network failure', () => {
    expect(describeFailure(new CombinedError({ networkError: new Error('fetch failed') }))).toEqual({
      code: 'NETWORK_ERROR',
      message: NETWORK_ERROR_TEXT,
      fields: {},
    })
    expect(describeFailure(undefined, '注册失败').code).toBe('NETWORK_ERROR')
  })
})

describe('daysSince', () => {
  const now = Date.parse('2026-12-06T12:00:00Z')
  it.each([
    ['2026-12-06T11:00:00Z', 0],
    ['2026-12-05T12:00:00Z', 1],
    ['2026-11-26T13:00:00Z', 9],
    // A clock a little ahead of the viewer's: not negative.
    ['2026-12-06T12:05:00Z', 0],
  ])('%s → %i', (iso, days) => {
    expect(daysSince(iso, now)).toBe(days)
  })

  it('a missing instant has no age', () => {
    expect(daysSince(null, now)).toBeNull()
    expect(daysSince(undefined, now)).toBeNull()
  })
})
