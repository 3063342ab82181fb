// The report pages' own requests against the API (issue 15): 用户缴费查询 sent its filter with the invoice kinds, which
// UnitPaymentFilter does not have, so every request was refused and the page showed the refusal. Here the portal's
// documents go out with the filters its filter builders make (empty, and with every condition set), for the roles
// that open the pages, and the export links of the same filters download. And what the pages say when a request fails
// is Chinese whatever the API answered (web/graphql/errors.ts).
import { CombinedError } from '@urql/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EMPTY_FILTER,
  exportHref,
  invoiceFilterOf,
  paymentFilterOf,
  type ReportFilterForm,
} from '../../web/components/invoiceReports/filters.ts'
import { readableErrorText } from '../../web/graphql/errors.ts'
import { UnitInvoicesReportDocument, UnitPaymentsReportDocument } from '../../web/graphql/generated/graphql.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

const FORMS: [string, ReportFilterForm][] = [
  ['the empty filter', EMPTY_FILTER],
  ['the empty filter with no kind ticked', { ...EMPTY_FILTER, kinds: [] }],
  [
    'every condition',
    {
      regionCode: '410922',
      unitName: '清丰',
      fromDate: '2026-01-01',
      toDate: '2026-12-31',
      kinds: ['NORMAL', 'RED_LETTER'],
    },
  ],
]

// Who opens which page: offices and CONAC their reports, a unit its /unit/invoices.
const VIEWERS = ['qingfeng', 'henan', 'conac', 'qfzf']

describe('the report pages’ requests', () => {
  for (const [name, form] of FORMS) {
    it.each(VIEWERS)(`${name}: 用户缴费查询 and 用户发票管理 answer %s`, async (username) => {
      const cookie = await t.login(username)
      const payments = await t.execute(
        UnitPaymentsReportDocument,
        { first: 20, filter: paymentFilterOf(form) },
        { cookie },
      )
      expect(payments.errors).toBeUndefined()
      expect(payments.data!.unitPayments.totalCount).toBeGreaterThanOrEqual(0)
      const invoices = await t.execute(
        UnitInvoicesReportDocument,
        { first: 20, filter: invoiceFilterOf(form) },
        { cookie },
      )
      expect(invoices.errors).toBeUndefined()
      for (const href of [
        exportHref('unit-payments.csv', paymentFilterOf(form)),
        exportHref('unit-invoices.xlsx', invoiceFilterOf(form)),
      ]) {
        const response = await t.app.fetch(`http://test.local${href}`, { headers: { cookie } })
        expect(response.status, href).toBe(200)
        await response.arrayBuffer()
      }
    })
  }

  it('a payment filter never carries the invoice kinds', () => {
    expect(paymentFilterOf({ ...EMPTY_FILTER, kinds: ['VOID'] })).not.toHaveProperty('kinds')
  })
})

const failed = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] })
const FALLBACK = '缴费记录暂时无法查询，请稍后再试'

describe('what a failed request says', () => {
  it.each([
    [
      'the refusal the page showed',
      failed('filter.kinds 不是该输入类型的字段（Field "kinds" is not defined by type "UnitPaymentFilter".）', {
        code: 'BAD_USER_INPUT',
      }),
      FALLBACK,
    ],
    [
      'graphql-js validation',
      failed('Cannot query field "totalSheets" on type "UnitInvoicesConnection".', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
      FALLBACK,
    ],
    ['a masked error', failed('Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' }), FALLBACK],
    ['no code at all', failed('Something broke', {}), FALLBACK],
    ['a camelCase field name', failed('handlerMobile 必填', { code: 'BAD_USER_INPUT' }), FALLBACK],
    [
      'another build of the portal',
      failed('PersistedQueryNotFound', { code: 'PERSISTED_QUERY_NOT_FOUND' }),
      '系统已更新，请刷新页面后重试',
    ],
    [
      'the API’s Chinese for people',
      failed('开始时间应早于结束时间', { code: 'BAD_USER_INPUT' }),
      '开始时间应早于结束时间',
    ],
    [
      'Chinese with a domain in it',
      failed('英文域名须以 .gov.cn 结尾', { code: 'BAD_USER_INPUT' }),
      '英文域名须以 .gov.cn 结尾',
    ],
    ['a refusal of the viewer’s role', failed('没有权限执行此操作', { code: 'FORBIDDEN' }), '没有权限执行此操作'],
    [
      'an unreachable API',
      new CombinedError({ networkError: new Error('fetch failed') }),
      '无法连接服务器，请检查网络后重试',
    ],
  ] as const)('%s', (_name, error, expected) => {
    expect(readableErrorText(error, FALLBACK)).toBe(expected)
  })
})
