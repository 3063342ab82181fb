// Who edits a 网络红页 and what its text may be. Only the unit's own users edit it (and add 工作动态, publish and
// unpublish); offices and CONAC, and API tokens, only read it (queries/micro-site.ts).
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden } from '../../errors.ts'

const EDIT_REFUSAL = '只有注册单位可以编辑本单位的网络红页，编办和 CONAC 只能查看'

/** The policy of every command of this module: the unit's own users, on its own ACTIVE unit. */
export const UNIT_EDITORS: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, on its own ACTIVE unit’s micro-site',
  refusal: EDIT_REFUSAL,
}

/** The viewer's own unit (the policy admitted a unit user; an account without a unit is refused the same way). */
export function ownUnitId(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER' || viewer.unitId == null) throw forbidden(EDIT_REFUSAL)
  return viewer.unitId
}

export const staleMicroSite = () => appError('CONFLICT', '网络红页已被修改，请刷新后重试')

/** Column lengths of MicroSite and MicroSiteNewsItem (prisma/schema/sites.prisma), in characters. */
export const MICRO_SITE_LIMITS = { title: 128, introduction: 2000, functions: 2000, contacts: 500 } as const
export const NEWS_ITEM_LIMITS = { title: 128, body: 10000 } as const

/** Text that PostgreSQL or a reader cannot take: control characters other than tab and line breaks. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

type Problems = Record<string, string>

/** Trimmed text; '' when missing. Adds a problem when it is required and empty, too long, or has control characters. */
function text(
  problems: Problems,
  name: string,
  raw: string | null | undefined,
  limit: number,
  label: string,
  required: boolean,
): string {
  const value = (raw ?? '').replace(/\r\n?/g, '\n').trim()
  if (!value) {
    if (required) problems[name] = `请填写${label}`
  } else if ([...value].length > limit) problems[name] = `${label}不能超过 ${limit} 个字`
  else if (CONTROL.test(value)) problems[name] = `${label}含有不可见的控制字符，请删除后重试`
  return value
}

export interface MicroSiteContent {
  version?: number | null
  title: string
  introduction: string
  functions?: string | null
  contacts?: string | null
}

/** The micro-site's own text, checked all at once (BAD_USER_INPUT per field). */
export function microSiteFields(input: MicroSiteContent) {
  const problems: Problems = {}
  if (input.version != null && (!Number.isInteger(input.version) || input.version < 0))
    problems.version = '版本号无效，请刷新后重试'
  const L = MICRO_SITE_LIMITS
  const fields = {
    title: text(problems, 'title', input.title, L.title, '红页标题', true),
    introduction: text(problems, 'introduction', input.introduction, L.introduction, '单位简介', true),
    functions: text(problems, 'functions', input.functions, L.functions, '主要职能', false) || null,
    contacts: text(problems, 'contacts', input.contacts, L.contacts, '联系方式', false) || null,
  }
  if (Object.keys(problems).length) throw badInput('网络红页信息有误', problems)
  return fields
}

/** A news item's title and body (BAD_USER_INPUT per field). */
export function newsFields(input: { title: string; body: string }) {
  const problems: Problems = {}
  const fields = {
    title: text(problems, 'title', input.title, NEWS_ITEM_LIMITS.title, '动态标题', true),
    body: text(problems, 'body', input.body, NEWS_ITEM_LIMITS.body, '动态正文', true),
  }
  if (Object.keys(problems).length) throw badInput('工作动态信息有误', problems)
  return fields
}
