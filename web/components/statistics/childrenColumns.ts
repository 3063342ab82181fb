// The 下级地区 table's columns. The export (server/src/modules/statistics/exports.ts) writes all of them in this
// order; the screen shows 地区, 地区代码 and one group at a time, so the table fits the page at 1366 px.

/** The columns, exactly as the export writes them. */
export const CHILDREN_COLUMNS = [
  '地区',
  '地区代码',
  '单位数',
  '域名申请数',
  '已注册域名',
  '30天内到期',
  '90天内到期',
  '网站开办申请',
  '标识颁发',
  '标识安装',
  '标识注销',
  '收费金额（元）',
  '上缴金额（元）',
  '扣费金额（元）',
  '发票库存',
  '开具发票（张）',
  '逾期域名申请',
  '逾期网站申请',
] as const

export type ChildrenColumn = (typeof CHILDREN_COLUMNS)[number]

/** The figures after 地区 and 地区代码, in export order. */
export const FIGURE_COLUMNS = CHILDREN_COLUMNS.slice(2) as ChildrenColumn[]

export interface ColumnGroup {
  key: string
  label: string
  columns: ChildrenColumn[]
}

/** What the screen shows at a time beside 地区 and 地区代码; together, every figure column once. */
export const COLUMN_GROUPS: ColumnGroup[] = [
  { key: 'domains', label: '域名', columns: ['单位数', '域名申请数', '已注册域名', '30天内到期', '90天内到期'] },
  { key: 'sites', label: '网站与标识', columns: ['网站开办申请', '标识颁发', '标识安装', '标识注销'] },
  { key: 'fees', label: '收费', columns: ['收费金额（元）', '上缴金额（元）', '扣费金额（元）'] },
  { key: 'invoices', label: '发票', columns: ['发票库存', '开具发票（张）'] },
  { key: 'reviews', label: '逾期审核', columns: ['逾期域名申请', '逾期网站申请'] },
]
