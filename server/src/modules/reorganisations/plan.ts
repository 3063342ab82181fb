// 机构改革 plans: what a reorganisation does to the source units and where each of their objects goes. One plan is
// checked whole before anything is filed (validatePlan, read-only: the dry run shows its problems) and carried out
// whole inside the approval's transaction (carryOutPlan: any problem throws and nothing moves). The batch mode
// (province-wide spreadsheet) builds plans with objectsOf and files them through the same two functions.
//
// The kinds:
//   RENAME  one source; the unit keeps its id, its name changes (the old name stays in unit_successions); nothing
//           needs to move (assignments may be empty; if listed, the usual completeness rules apply).
//   MERGE   ≥2 sources → exactly one target: a new unit (A + B → C) or one of the sources (A absorbs B).
//   SPLIT   one source → ≥2 targets (new or existing units; the source itself may keep a part).
//   ABOLISH ≥1 sources cease; their objects are cancelled, or moved to a named target (0 or more targets).
// Every object a source holds (objectsOf) is listed exactly once, MOVEd to a target or CANCELled. Sources that are
// not themselves a target cease (INACTIVE, their data kept). Domains move with their DNS records, only to a unit
// whose type takes the domain's suffix (.政务 party/government and mass organisations, .公益 the others).
import type { Context } from '../../context.ts'
import { appError, badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainStatus, SiteApplicationStatus, SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { beijingDay } from '../../lib/workdays.ts'
import type { Viewer } from '../../viewer.ts'
import { removeChineseDomainForwards } from '../badges/dnsPointing.ts'
import { suffixForUnitType } from '../domainApplications/names.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { normaliseCreditCode, UNIT_FACT_RULES } from '../registration/factRules.ts'
import { isValidMobile } from '../../lib/identifiers.ts'
import { recordObjectHistory, type ObjectOutcome } from './statistics.ts'

type Db = Prisma.TransactionClient

export type ReorganisationKind = 'RENAME' | 'MERGE' | 'SPLIT' | 'ABOLISH'
export type ReorganisedObjectType = 'DOMAIN' | 'BADGE' | 'SITE_APPLICATION' | 'MICRO_SITE' | 'USER'

export const REORGANISATION_KINDS: readonly ReorganisationKind[] = ['RENAME', 'MERGE', 'SPLIT', 'ABOLISH']
export const OBJECT_TYPES: readonly ReorganisedObjectType[] = [
  'DOMAIN',
  'BADGE',
  'SITE_APPLICATION',
  'MICRO_SITE',
  'USER',
]

export const KIND_TEXT: Record<ReorganisationKind, string> = {
  RENAME: '更名',
  MERGE: '合并',
  SPLIT: '拆分',
  ABOLISH: '撤销',
}

export const OBJECT_TYPE_TEXT: Record<ReorganisedObjectType, string> = {
  DOMAIN: '域名',
  BADGE: '网站标识',
  SITE_APPLICATION: '网站开办申请',
  MICRO_SITE: '微网站',
  USER: '用户',
}

export interface NewUnitFacts {
  name: string
  creditCode: string
  regionCode: string
  type: UnitType
  systemCategory: SystemCategory
  address: string
  postcode: string
  handlerName: string
  handlerMobile: string
  handlerEmail: string
}

export interface ReorganisationTarget {
  /** 'T1', 'T2' …: how assignments name the target. */
  ref: string
  existingUnitId?: number
  newUnit?: NewUnitFacts
}

export interface ReorganisationAssignment {
  objectType: ReorganisedObjectType
  objectId: number
  action: 'MOVE' | 'CANCEL'
  /** The target a MOVE goes to; absent for CANCEL. */
  targetRef?: string
}

export interface ReorganisationPlan {
  kind: ReorganisationKind
  /** YYYY-MM-DD, a Beijing day, not in the future. */
  effectiveDate: string
  sourceUnitIds: number[]
  targets: ReorganisationTarget[]
  /** RENAME: the unit's new name. */
  newName?: string
  assignments: ReorganisationAssignment[]
  note: string
}

export interface PlanProblem {
  /** Where in the plan, e.g. 'assignments[3]', 'targets[0].newUnit.name', 'sourceUnitIds'. */
  path: string
  code: string
  /** Chinese, for people. */
  message: string
}

export interface PlacedObject {
  objectType: ReorganisedObjectType
  objectId: number
  /** What people recognise it by: 清丰县人民政府.政务, 标识 4109…, a user's name (login). */
  label: string
  unitId: number
}

/** Domains past these states hold nothing that can move (a rejected application, a cancelled or released name). */
const CLOSED_DOMAIN: readonly DomainStatus[] = ['CANCELLED', 'RELEASED', 'OFFICE_REJECTED', 'CONAC_REJECTED']
/**
 * Site applications that are open on their own. One that issued a badge moves with its badge (BADGE_ISSUED), and
 * closed ones (withdrawn, badge cancelled) stay with the old unit as history.
 */
const OPEN_SITE_APPLICATION: readonly SiteApplicationStatus[] = [
  'DRAFT',
  'PENDING_OFFICE_REVIEW',
  'OFFICE_REJECTED',
  'PENDING_CONAC_REVIEW',
  'CONAC_REJECTED',
  'AWAITING_PAPER',
  'PAPER_REJECTED',
]

/** Every object the source units hold that a plan must place (for building a complete default plan). */
export async function objectsOf(db: Db, sourceUnitIds: number[]): Promise<PlacedObject[]> {
  const unitId = { in: [...new Set(sourceUnitIds)] }
  const [domains, badges, applications, microSites, users] = await Promise.all([
    db.domain.findMany({
      where: { unitId, status: { notIn: [...CLOSED_DOMAIN] } },
      select: { id: true, name: true, suffix: true, unitId: true },
      orderBy: { id: 'asc' },
    }),
    db.badge.findMany({
      where: { unitId, status: 'ACTIVE' },
      select: { id: true, badgeNumber: true, siteName: true, unitId: true },
      orderBy: { id: 'asc' },
    }),
    db.siteApplication.findMany({
      where: { unitId, status: { in: [...OPEN_SITE_APPLICATION] } },
      select: { id: true, serialNumber: true, siteName: true, unitId: true },
      orderBy: { id: 'asc' },
    }),
    db.microSite.findMany({
      where: { unitId },
      select: { id: true, title: true, unitId: true },
      orderBy: { id: 'asc' },
    }),
    db.user.findMany({
      where: { unitId, status: { not: 'DISABLED' }, disabledAt: null },
      select: { id: true, username: true, displayName: true, unitId: true },
      orderBy: { id: 'asc' },
    }),
  ])
  return [
    ...domains.map((d) => ({
      objectType: 'DOMAIN' as const,
      objectId: d.id,
      label: `${d.name}${SUFFIX_TEXT[d.suffix]}`,
      unitId: d.unitId,
    })),
    ...badges.map((b) => ({
      objectType: 'BADGE' as const,
      objectId: b.id,
      label: `${b.badgeNumber}（${b.siteName}）`,
      unitId: b.unitId,
    })),
    ...applications.map((a) => ({
      objectType: 'SITE_APPLICATION' as const,
      objectId: a.id,
      label: `${a.serialNumber}（${a.siteName}）`,
      unitId: a.unitId,
    })),
    ...microSites.map((m) => ({ objectType: 'MICRO_SITE' as const, objectId: m.id, label: m.title, unitId: m.unitId })),
    ...users.map((u) => ({
      objectType: 'USER' as const,
      objectId: u.id,
      label: `${u.displayName}（${u.username}）`,
      unitId: u.unitId!,
    })),
  ]
}

const objectKey = (type: string, id: number) => `${type}:${id}`
const DATE = /^\d{4}-\d{2}-\d{2}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The units a plan names, read once: sources and existing targets, with their region paths. */
async function unitsOf(db: Db, plan: ReorganisationPlan) {
  const ids = [
    ...(Array.isArray(plan.sourceUnitIds) ? plan.sourceUnitIds : []),
    ...(Array.isArray(plan.targets) ? plan.targets.map((t) => t?.existingUnitId) : []),
  ].filter((id): id is number => Number.isInteger(id))
  const rows = await db.unit.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      regionCode: true,
      region: { select: { path: true } },
      microSite: { select: { id: true } },
      users: { where: { unitRole: 'PRIMARY', status: { not: 'DISABLED' } }, select: { id: true } },
    },
  })
  return new Map(rows.map((row) => [row.id, row]))
}

export interface PlanCheckOptions {
  /**
   * The region path every source unit must lie under (the initiating office's subtree); null: anywhere (CONAC, or
   * a carry-out re-check that no longer asks who filed it).
   */
  area: string | null
}

/** The area a viewer may reorganise: its office's subtree ('' for CONAC, everything); null for anyone else. */
export function areaOf(viewer: Viewer): string | null {
  if (viewer.kind === 'anonymous' || !viewer.office) return null
  return viewer.office.officeLevel === 'CENTRAL' ? '' : viewer.office.regionPath
}

/** All problems of a plan (empty = valid), read-only: shape, kinds' rules, every object of the sources listed exactly once, targets valid, suffix rules, who may (viewer's area). */
export async function validatePlan(db: Db, viewer: Viewer, plan: ReorganisationPlan): Promise<PlanProblem[]> {
  const area = areaOf(viewer)
  if (area == null) return [{ path: '', code: 'NOT_OFFICE', message: '只有编办工作人员可以办理机构改革' }]
  return planProblems(db, plan, { area })
}

/** validatePlan without the viewer: the rules of the plan itself, within the given area. */
export async function planProblems(
  db: Db,
  plan: ReorganisationPlan,
  options: PlanCheckOptions,
): Promise<PlanProblem[]> {
  const problems: PlanProblem[] = []
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message })

  if (!plan || typeof plan !== 'object') return [{ path: '', code: 'SHAPE', message: '方案格式不正确' }]
  if (!REORGANISATION_KINDS.includes(plan.kind)) add('kind', 'KIND', '请选择改革类型（更名、合并、拆分或撤销）')
  checkEffectiveDate(plan.effectiveDate, add)
  if (typeof plan.note !== 'string' || [...plan.note.trim()].length < 2 || [...plan.note].length > 500)
    add('note', 'NOTE', '请填写改革依据或说明（2-500 个字，如批准文件文号）')
  const sources = Array.isArray(plan.sourceUnitIds) ? plan.sourceUnitIds : []
  const targets = Array.isArray(plan.targets) ? plan.targets : []
  const assignments = Array.isArray(plan.assignments) ? plan.assignments : []
  if (!Array.isArray(plan.sourceUnitIds)) add('sourceUnitIds', 'SHAPE', '请选择原单位')
  if (!Array.isArray(plan.targets)) add('targets', 'SHAPE', '目标单位格式不正确')
  if (!Array.isArray(plan.assignments)) add('assignments', 'SHAPE', '去向表格式不正确')
  if (problems.some((p) => p.code === 'SHAPE' || p.code === 'KIND')) return problems

  const units = await unitsOf(db, plan)

  // Sources: distinct active units in the area.
  const seenSources = new Set<number>()
  sources.forEach((id, i) => {
    const path = `sourceUnitIds[${i}]`
    const unit = Number.isInteger(id) ? units.get(id) : undefined
    if (!unit) return add(path, 'UNIT_NOT_FOUND', '原单位不存在')
    if (seenSources.has(id)) add(path, 'SOURCE_TWICE', `原单位「${unit.name}」重复列出`)
    seenSources.add(id)
    if (unit.status !== 'ACTIVE') add(path, 'UNIT_INACTIVE', `原单位「${unit.name}」已停用`)
    if (options.area != null && !unit.region.path.startsWith(options.area))
      add(path, 'OUTSIDE_AREA', `原单位「${unit.name}」不在本编办辖区内，应由其所在地编办办理`)
  })

  // One open reorganisation per unit: a unit another pending request names cannot be planned again (filing only;
  // the carry-out re-check runs for the request that holds them).
  if (options.area != null && sources.length) {
    const open = await db.unitReorganisation.findMany({
      where: { status: 'PENDING', sourceUnitIds: { hasSome: sources.filter((id) => Number.isInteger(id)) } },
      select: { id: true, sourceUnitIds: true },
    })
    sources.forEach((id, i) => {
      const holder = open.find((r) => r.sourceUnitIds.includes(id))
      if (holder)
        add(
          `sourceUnitIds[${i}]`,
          'UNIT_REQUEST_OPEN',
          `原单位「${units.get(id)?.name ?? id}」已有待审核的机构改革申请（编号 ${holder.id}）`,
        )
    })
  }

  // The kinds' counts.
  const kind = plan.kind
  if (kind === 'RENAME' || kind === 'SPLIT') {
    if (sources.length !== 1) add('sourceUnitIds', 'SOURCE_COUNT', `${KIND_TEXT[kind]}应只有一个原单位`)
  } else if (kind === 'MERGE') {
    if (sources.length < 2) add('sourceUnitIds', 'SOURCE_COUNT', '合并至少需要两个原单位')
  } else if (sources.length < 1) add('sourceUnitIds', 'SOURCE_COUNT', '请选择要撤销的单位')
  if (kind === 'MERGE' && targets.length !== 1) add('targets', 'TARGET_COUNT', '合并应有且只有一个目标单位')
  if (kind === 'SPLIT' && targets.length < 2) add('targets', 'TARGET_COUNT', '拆分至少需要两个目标单位')
  if (kind === 'RENAME') {
    if (targets.length > 1 || (targets.length === 1 && targets[0]?.existingUnitId !== sources[0]))
      add('targets', 'TARGET_COUNT', '更名只涉及原单位本身，不能另设目标单位')
    await checkNewName(db, plan, sources[0], add)
  } else if (plan.newName != null && plan.newName !== '') add('newName', 'NOT_RENAME', '只有更名需要填写新名称')

  // Targets.
  const targetUnitId = new Map<string, number | null>()
  const targetType = new Map<string, UnitType>()
  const targetHasMicroSite = new Map<string, boolean>()
  const newNames = new Set<string>()
  const newCodes = new Set<string>()
  for (const [i, target] of targets.entries()) {
    const path = `targets[${i}]`
    if (!target || typeof target !== 'object') {
      add(path, 'SHAPE', '目标单位格式不正确')
      continue
    }
    if (typeof target.ref !== 'string' || !target.ref.trim()) add(`${path}.ref`, 'TARGET_REF', '目标单位缺少编号')
    else if (targetUnitId.has(target.ref)) add(`${path}.ref`, 'TARGET_REF_TWICE', `目标单位编号 ${target.ref} 重复`)
    const hasExisting = target.existingUnitId != null
    if (hasExisting === (target.newUnit != null)) {
      add(path, 'TARGET_SHAPE', '目标单位应为已有单位或新设单位之一')
      continue
    }
    if (hasExisting) {
      const unit = units.get(target.existingUnitId!)
      if (!unit) {
        add(`${path}.existingUnitId`, 'UNIT_NOT_FOUND', '目标单位不存在')
        continue
      }
      if (unit.status !== 'ACTIVE') add(`${path}.existingUnitId`, 'UNIT_INACTIVE', `目标单位「${unit.name}」已停用`)
      if (options.area != null && !unit.region.path.startsWith(options.area))
        add(`${path}.existingUnitId`, 'OUTSIDE_AREA', `目标单位「${unit.name}」不在本编办辖区内`)
      if ([...targetUnitId.values()].includes(unit.id))
        add(`${path}.existingUnitId`, 'TARGET_TWICE', `目标单位「${unit.name}」重复列出`)
      // A source that is not the target of a merge ceases; one that is, absorbs the others.
      targetUnitId.set(target.ref, unit.id)
      targetType.set(target.ref, unit.type)
      targetHasMicroSite.set(target.ref, unit.microSite != null && !seenSources.has(unit.id))
    } else {
      await checkNewUnit(db, target.newUnit!, `${path}.newUnit`, add, newNames, newCodes)
      targetUnitId.set(target.ref, null)
      targetType.set(target.ref, target.newUnit!.type)
      targetHasMicroSite.set(target.ref, false)
    }
  }

  // Assignments: every object of the sources exactly once, to a listed target, by the suffix rules.
  const objects = await objectsOf(
    db,
    sources.filter((id) => units.has(id)),
  )
  const expected = new Map(objects.map((o) => [objectKey(o.objectType, o.objectId), o]))
  const listed = new Map<string, number>()
  const microSitesTo = new Map<string, number>()
  const domainSuffixes = await db.domain.findMany({
    where: { id: { in: objects.filter((o) => o.objectType === 'DOMAIN').map((o) => o.objectId) } },
    select: { id: true, suffix: true },
  })
  const suffixOf = new Map(domainSuffixes.map((d) => [d.id, d.suffix]))
  for (const [i, a] of assignments.entries()) {
    const path = `assignments[${i}]`
    if (!a || !OBJECT_TYPES.includes(a.objectType) || !Number.isInteger(a.objectId)) {
      add(path, 'SHAPE', '去向表中有一行格式不正确')
      continue
    }
    const key = objectKey(a.objectType, a.objectId)
    const object = expected.get(key)
    if (!object) {
      add(path, 'NOT_OF_SOURCES', `${OBJECT_TYPE_TEXT[a.objectType]} #${a.objectId} 不属于原单位，或已注销`)
      continue
    }
    if (listed.has(key)) {
      add(
        path,
        'LISTED_TWICE',
        `${OBJECT_TYPE_TEXT[a.objectType]}「${object.label}」重复列出（另见第 ${listed.get(key)! + 1} 行）`,
      )
      continue
    }
    listed.set(key, i)
    if (a.action === 'CANCEL') {
      if (a.targetRef) add(path, 'CANCEL_WITH_TARGET', `「${object.label}」注销时不应指定目标单位`)
      continue
    }
    if (a.action !== 'MOVE') {
      add(path, 'ACTION', `请为「${object.label}」选择去向`)
      continue
    }
    if (!a.targetRef || !targetType.has(a.targetRef)) {
      add(path, 'TARGET_UNKNOWN', `「${object.label}」的目标单位不在目标单位列表中`)
      continue
    }
    if (a.objectType === 'DOMAIN') {
      const suffix = suffixOf.get(a.objectId)!
      const allowed = suffixForUnitType(targetType.get(a.targetRef)!)
      if (suffix !== allowed)
        add(
          path,
          'SUFFIX',
          `域名「${object.label}」的后缀${SUFFIX_TEXT[suffix]}不适用于目标单位的类型（应为${SUFFIX_TEXT[allowed]}）`,
        )
    }
    if (a.objectType === 'MICRO_SITE') {
      if (targetHasMicroSite.get(a.targetRef))
        add(path, 'MICRO_SITE_TAKEN', `目标单位已有微网站，「${object.label}」请选择注销`)
      else if (microSitesTo.has(a.targetRef))
        add(
          path,
          'MICRO_SITE_TAKEN',
          `一个单位只能有一个微网站，「${object.label}」与第 ${microSitesTo.get(a.targetRef)! + 1} 行去向相同`,
        )
      microSitesTo.set(a.targetRef, i)
    }
  }
  // RENAME may list nothing (nothing moves); otherwise, and whenever anything is listed, all of it must be.
  if (kind !== 'RENAME' || assignments.length) {
    for (const object of objects) {
      if (!listed.has(objectKey(object.objectType, object.objectId)))
        add(
          `objects.${object.objectType}.${object.objectId}`,
          'LEFT_OUT',
          `${OBJECT_TYPE_TEXT[object.objectType]}「${object.label}」未列入去向表`,
        )
    }
  }
  return problems
}

function checkEffectiveDate(raw: unknown, add: (path: string, code: string, message: string) => void) {
  if (
    typeof raw !== 'string' ||
    !DATE.test(raw) ||
    Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) ||
    new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw
  )
    return add('effectiveDate', 'DATE', '请填写生效日期（年-月-日）')
  if (raw > beijingDay(new Date())) add('effectiveDate', 'DATE_FUTURE', '生效日期不能晚于今天（改革生效后再办理）')
  if (raw < '2000-01-01') add('effectiveDate', 'DATE', '生效日期不正确')
}

async function checkNewName(
  db: Db,
  plan: ReorganisationPlan,
  sourceId: number | undefined,
  add: (path: string, code: string, message: string) => void,
) {
  const name = typeof plan.newName === 'string' ? plan.newName.trim() : ''
  const problem = UNIT_FACT_RULES.name(name)
  if (problem) return add('newName', 'NEW_NAME', problem)
  const holder = await db.unit.findFirst({ where: { name }, select: { id: true } })
  if (holder && holder.id === sourceId) add('newName', 'NEW_NAME_SAME', '新名称与原名称相同')
  else if (holder) add('newName', 'NAME_TAKEN', '该单位名称已被其他单位使用')
}

const UNIT_TYPES: readonly UnitType[] = [
  'PARTY_GOVERNMENT',
  'MASS_ORGANIZATION',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
]
const SYSTEM_CATEGORIES: readonly SystemCategory[] = [
  'PARTY_COMMITTEE',
  'PEOPLES_CONGRESS',
  'GOVERNMENT',
  'CPPCC',
  'COURT',
  'PROCURATORATE',
  'DEMOCRATIC_PARTY',
  'MASS_ORGANIZATION',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
  'OTHER',
]

async function checkNewUnit(
  db: Db,
  facts: NewUnitFacts,
  path: string,
  add: (path: string, code: string, message: string) => void,
  names: Set<string>,
  codes: Set<string>,
) {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
  const name = text(facts.name)
  const creditCode = normaliseCreditCode(text(facts.creditCode))
  const checks: [string, string | null][] = [
    ['name', UNIT_FACT_RULES.name(name)],
    ['creditCode', UNIT_FACT_RULES.creditCode(creditCode)],
    ['address', UNIT_FACT_RULES.address(text(facts.address))],
    ['postcode', UNIT_FACT_RULES.postcode(text(facts.postcode))],
    ['type', UNIT_TYPES.includes(facts.type) ? null : '请选择单位类型'],
    ['systemCategory', SYSTEM_CATEGORIES.includes(facts.systemCategory) ? null : '请选择系统类别'],
    [
      'handlerName',
      text(facts.handlerName).length >= 2 && text(facts.handlerName).length <= 32
        ? null
        : '请填写经办人姓名（2-32 个字符）',
    ],
    ['handlerMobile', isValidMobile(text(facts.handlerMobile)) ? null : '请填写 11 位手机号码'],
    [
      'handlerEmail',
      EMAIL.test(text(facts.handlerEmail)) && text(facts.handlerEmail).length <= 128 ? null : '请填写有效的电子邮箱',
    ],
  ]
  for (const [field, problem] of checks) if (problem) add(`${path}.${field}`, 'NEW_UNIT_FACT', problem)
  const region = /^\d{6}$/.test(text(facts.regionCode))
    ? await db.region.findUnique({
        where: { code: facts.regionCode },
        select: { code: true, office: { select: { id: true } } },
      })
    : null
  if (!region || !region.office) add(`${path}.regionCode`, 'REGION', '请选择新设单位所属区域')
  if (name && !checks[0]![1]) {
    if (names.has(name) || (await db.unit.findFirst({ where: { name }, select: { id: true } })))
      add(`${path}.name`, 'NAME_TAKEN', `单位名称「${name}」已被使用`)
    names.add(name)
  }
  if (creditCode && !checks[1]![1]) {
    if (codes.has(creditCode) || (await db.unit.findFirst({ where: { creditCode }, select: { id: true } })))
      add(`${path}.creditCode`, 'CREDIT_CODE_TAKEN', '该统一社会信用代码已被使用')
    codes.add(creditCode)
  }
}

/** BAD_INPUT listing a plan's problems (the first few in the message, all of them in extensions.problems). */
export function planRefused(problems: readonly PlanProblem[]) {
  const shown = problems
    .slice(0, 3)
    .map((p) => p.message)
    .join('；')
  const more = problems.length > 3 ? `等 ${problems.length} 个问题` : ''
  const error = badInput(`机构改革方案有问题：${shown}${more}`)
  ;(error.extensions as Record<string, unknown>).problems = problems
  return error
}

/** Units that a plan names (sources and existing targets), for region and review rules. */
export function unitIdsOf(plan: ReorganisationPlan): number[] {
  return [
    ...new Set([
      ...plan.sourceUnitIds,
      ...plan.targets.flatMap((t) => (t.existingUnitId != null ? [t.existingUnitId] : [])),
    ]),
  ]
}

/** The region codes a plan touches: its sources', its existing targets', its new units'. */
export async function regionCodesOf(db: Db, plan: ReorganisationPlan): Promise<string[]> {
  const units = await db.unit.findMany({ where: { id: { in: unitIdsOf(plan) } }, select: { regionCode: true } })
  return [
    ...new Set([
      ...units.map((u) => u.regionCode),
      ...plan.targets.flatMap((t) => (t.newUnit ? [t.newUnit.regionCode] : [])),
    ]),
  ]
}

export interface CarryOutResult {
  moved: number
  cancelled: number
  unitsCreated: number[]
}

/** Carries out an approved plan inside the caller's transaction: moves/cancels every object, creates/renames/deactivates units, records succession, audit, statistics. Throws (rolls back) on any problem. */
export async function carryOutPlan(
  tx: Db,
  ctx: Pick<Context, 'viewer' | 'ip'>,
  requestId: number,
  plan: ReorganisationPlan,
): Promise<CarryOutResult> {
  // Objects may have changed since the request was filed (a new application, a user added): re-check the whole
  // plan against the units as they are now. Who filed it was checked then.
  const problems = await planProblems(tx, plan, { area: null })
  if (problems.length)
    throw appError('CONFLICT', `单位情况在提交后已发生变化，请撤回后重新办理：${problems[0]!.message}`, {
      reason: 'PLAN_OUTDATED',
      problems,
    })
  // A @db.Date column takes the calendar day as UTC midnight.
  const effectiveDate = new Date(`${plan.effectiveDate}T00:00:00Z`)
  const unitsBefore = await tx.unit.findMany({
    where: { id: { in: unitIdsOf(plan) } },
    select: { id: true, name: true, regionCode: true, region: { select: { path: true } }, version: true, status: true },
  })
  const before = new Map(unitsBefore.map((u) => [u.id, u]))
  const actor = { viewer: ctx.viewer, ip: ctx.ip }

  // 1. Targets: new units are created; existing ones are used as they are.
  const unitOfRef = new Map<string, number>()
  const unitsCreated: number[] = []
  for (const target of plan.targets) {
    if (target.existingUnitId != null) {
      unitOfRef.set(target.ref, target.existingUnitId)
      continue
    }
    const facts = target.newUnit!
    const created = await tx.unit.create({
      data: {
        name: facts.name.trim(),
        creditCode: normaliseCreditCode(facts.creditCode),
        regionCode: facts.regionCode,
        type: facts.type,
        systemCategory: facts.systemCategory,
        address: facts.address.trim(),
        postcode: facts.postcode.trim(),
        handlerName: facts.handlerName.trim(),
        handlerMobile: facts.handlerMobile.trim(),
        handlerEmail: facts.handlerEmail.trim().toLowerCase(),
      },
      select: {
        id: true,
        name: true,
        regionCode: true,
        region: { select: { path: true } },
        version: true,
        status: true,
      },
    })
    unitOfRef.set(target.ref, created.id)
    unitsCreated.push(created.id)
    before.set(created.id, created)
    await writeAudit(tx, actor, {
      action: 'unit.createByReorganisation',
      subjectType: 'Unit',
      subjectId: created.id,
      regionPath: created.region.path,
      after: { ...facts, reorganisationId: requestId },
    })
  }

  // 2. RENAME: the unit keeps its id; the old name goes into its history.
  if (plan.kind === 'RENAME') {
    const unit = before.get(plan.sourceUnitIds[0]!)!
    const newName = plan.newName!.trim()
    await tx.unit.update({ where: { id: unit.id }, data: { name: newName, version: { increment: 1 } } })
    unitOfRef.set('RENAMED', unit.id)
    await tx.unitSuccession.create({
      data: {
        predecessorUnitId: unit.id,
        predecessorName: unit.name,
        predecessorRegionCode: unit.regionCode,
        successorUnitId: unit.id,
        successorName: newName,
        reorganisationId: requestId,
        effectiveDate,
        kind: 'RENAME',
      },
    })
  }

  // 3. Every object as listed.
  let moved = 0
  let cancelled = 0
  const outcomes: ObjectOutcome[] = []
  const labels = new Map(
    (await objectsOf(tx, plan.sourceUnitIds)).map((o) => [objectKey(o.objectType, o.objectId), o.label]),
  )
  const primaryTaken = new Set(
    (
      await tx.user.findMany({
        where: { unitId: { in: [...unitOfRef.values()] }, unitRole: 'PRIMARY', status: { not: 'DISABLED' } },
        select: { unitId: true },
      })
    ).map((u) => u.unitId!),
  )
  for (const a of plan.assignments) {
    const toUnitId = a.action === 'MOVE' ? unitOfRef.get(a.targetRef!)! : null
    const fromUnitId = await applyAssignment(tx, actor, requestId, a, toUnitId, primaryTaken, before)
    const label = labels.get(objectKey(a.objectType, a.objectId)) ?? `#${a.objectId}`
    if (toUnitId == null) cancelled += 1
    else if (toUnitId !== fromUnitId) moved += 1
    if (toUnitId !== fromUnitId)
      outcomes.push({ objectType: a.objectType, objectId: a.objectId, label, fromUnitId, toUnitId })
    // The application that issued a moved badge went with it: its history too (its statistics by submission month).
    if (a.objectType === 'BADGE' && toUnitId != null && toUnitId !== fromUnitId) {
      const { siteApplication } = await tx.badge.findUniqueOrThrow({
        where: { id: a.objectId },
        select: { siteApplication: { select: { id: true, serialNumber: true } } },
      })
      outcomes.push({
        objectType: 'SITE_APPLICATION',
        objectId: siteApplication.id,
        label: `${siteApplication.serialNumber}（随网站标识划转）`,
        fromUnitId,
        toUnitId,
      })
    }
  }

  // 4. Sources that are not a target cease (their data stays); successions say where they went.
  const targetIds = new Set(unitOfRef.values())
  if (plan.kind !== 'RENAME') {
    for (const sourceId of plan.sourceUnitIds) {
      const source = before.get(sourceId)!
      const successors =
        plan.kind === 'SPLIT' || plan.kind === 'MERGE' || plan.kind === 'ABOLISH'
          ? [...new Set(plan.targets.map((t) => unitOfRef.get(t.ref)!))]
          : []
      for (const successorId of successors.filter((id) => id !== sourceId)) {
        const successor = before.get(successorId)!
        await tx.unitSuccession.create({
          data: {
            predecessorUnitId: sourceId,
            predecessorName: source.name,
            predecessorRegionCode: source.regionCode,
            successorUnitId: successorId,
            successorName: successor.name,
            reorganisationId: requestId,
            effectiveDate,
            kind: plan.kind,
          },
        })
      }
      if (!successors.length)
        await tx.unitSuccession.create({
          data: {
            predecessorUnitId: sourceId,
            predecessorName: source.name,
            predecessorRegionCode: source.regionCode,
            reorganisationId: requestId,
            effectiveDate,
            kind: plan.kind,
          },
        })
      if (!targetIds.has(sourceId)) {
        const { count } = await tx.unit.updateMany({
          where: { id: sourceId, status: 'ACTIVE' },
          data: { status: 'INACTIVE', version: { increment: 1 } },
        })
        if (count !== 1) throw appError('CONFLICT', `原单位「${source.name}」已停用`)
      }
    }
  }

  // 5. Statistics: counts dated before the effective date stay with the old units' regions.
  await recordObjectHistory(tx, requestId, outcomes, (id) => before.get(id)!.regionCode, plan.effectiveDate)

  // 6. The event in the audit trail of every unit involved, old and new alike.
  const involved = [...new Set([...plan.sourceUnitIds, ...targetIds])]
  for (const unitId of involved) {
    const unit = before.get(unitId)!
    await writeAudit(tx, actor, {
      action: 'unit.reorganise',
      subjectType: 'Unit',
      subjectId: unitId,
      regionPath: unit.region.path,
      before: { name: unit.name, status: unit.status },
      after: {
        reorganisationId: requestId,
        kind: plan.kind,
        effectiveDate: plan.effectiveDate,
        role: plan.sourceUnitIds.includes(unitId) ? (targetIds.has(unitId) ? 'SOURCE_AND_TARGET' : 'SOURCE') : 'TARGET',
        sources: plan.sourceUnitIds.map((id) => ({ id, name: before.get(id)!.name })),
        targets: [...targetIds].map((id) => ({ id, name: before.get(id)!.name })),
        ...(plan.kind === 'RENAME' ? { newName: plan.newName!.trim() } : {}),
        objects: outcomes.filter((o) => o.fromUnitId === unitId || o.toUnitId === unitId).length,
      },
    })
  }
  return { moved, cancelled, unitsCreated }
}

type Actor = { viewer: Viewer; ip: string | null }
type UnitBefore = { id: number; name: string; region: { path: string } }

/** One row of the plan; returns the unit the object was with. */
async function applyAssignment(
  tx: Db,
  actor: Actor,
  requestId: number,
  a: ReorganisationAssignment,
  toUnitId: number | null,
  primaryTaken: Set<number>,
  units: Map<number, UnitBefore>,
): Promise<number> {
  const stale = () =>
    appError('CONFLICT', `${OBJECT_TYPE_TEXT[a.objectType]} #${a.objectId} 在提交后已发生变化，请撤回后重新办理`)
  const audit = async (subjectType: string, fromUnitId: number, extra: Record<string, unknown> = {}) =>
    writeAudit(tx, actor, {
      action: toUnitId == null ? 'reorganisation.cancelObject' : 'reorganisation.moveObject',
      subjectType,
      subjectId: a.objectId,
      regionPath: units.get(toUnitId ?? fromUnitId)?.region.path ?? null,
      before: { unitId: fromUnitId, unit: units.get(fromUnitId)?.name },
      after:
        toUnitId == null
          ? { cancelled: true, reorganisationId: requestId, ...extra }
          : { unitId: toUnitId, unit: units.get(toUnitId)?.name, reorganisationId: requestId, ...extra },
    })
  const guarded = async (count: Promise<{ count: number }>) => {
    if ((await count).count !== 1) throw stale()
  }

  switch (a.objectType) {
    case 'DOMAIN': {
      const row = await tx.domain.findUnique({
        where: { id: a.objectId },
        select: { unitId: true, version: true, status: true },
      })
      if (!row) throw stale()
      // DNS records belong to the domain and stay with it; only the holder changes.
      await guarded(
        tx.domain.updateMany({
          where: { id: a.objectId, version: row.version },
          data:
            toUnitId == null
              ? { status: 'CANCELLED', version: { increment: 1 } }
              : { unitId: toUnitId, version: { increment: 1 } },
        }),
      )
      await audit('Domain', row.unitId, { status: row.status })
      return row.unitId
    }
    case 'BADGE': {
      const row = await tx.badge.findUnique({
        where: { id: a.objectId },
        select: {
          unitId: true,
          version: true,
          siteApplicationId: true,
          siteApplication: { select: { version: true, status: true } },
        },
      })
      if (!row) throw stale()
      if (toUnitId == null) {
        await guarded(
          tx.badge.updateMany({
            where: { id: a.objectId, version: row.version, status: 'ACTIVE' },
            data: { status: 'CANCELLED', cancelledAt: new Date(), version: { increment: 1 } },
          }),
        )
        if (row.siteApplication.status === 'BADGE_ISSUED')
          await tx.siteApplication.update({
            where: { id: row.siteApplicationId },
            data: { status: 'BADGE_CANCELLED', version: { increment: 1 } },
          })
        // As a badge 注销 does: its Chinese domain stops forwarding to the site (DNS history names this 机构改革).
        await removeChineseDomainForwards(
          tx,
          actor,
          { id: a.objectId, siteApplicationId: row.siteApplicationId },
          { reorganisationId: requestId },
        )
      } else {
        await guarded(
          tx.badge.updateMany({
            where: { id: a.objectId, version: row.version, status: 'ACTIVE' },
            data: { unitId: toUnitId, version: { increment: 1 } },
          }),
        )
        // The application that issued the badge goes with it.
        await tx.siteApplication.update({
          where: { id: row.siteApplicationId },
          data: { unitId: toUnitId, version: { increment: 1 } },
        })
      }
      await audit('Badge', row.unitId)
      return row.unitId
    }
    case 'SITE_APPLICATION': {
      const row = await tx.siteApplication.findUnique({
        where: { id: a.objectId },
        select: { unitId: true, version: true, status: true },
      })
      if (!row) throw stale()
      await guarded(
        tx.siteApplication.updateMany({
          where: { id: a.objectId, version: row.version },
          data:
            toUnitId == null
              ? { status: 'WITHDRAWN', version: { increment: 1 } }
              : { unitId: toUnitId, version: { increment: 1 } },
        }),
      )
      await audit('SiteApplication', row.unitId, { status: row.status })
      return row.unitId
    }
    case 'MICRO_SITE': {
      const row = await tx.microSite.findUnique({ where: { id: a.objectId }, select: { unitId: true, version: true } })
      if (!row) throw stale()
      // A cancelled micro-site is taken off the public pages (back to a draft) and stays with the old unit.
      await guarded(
        tx.microSite.updateMany({
          where: { id: a.objectId, version: row.version },
          data:
            toUnitId == null
              ? { status: 'DRAFT', publishedAt: null, version: { increment: 1 } }
              : { unitId: toUnitId, version: { increment: 1 } },
        }),
      )
      await audit('MicroSite', row.unitId)
      return row.unitId
    }
    case 'USER': {
      const row = await tx.user.findUnique({
        where: { id: a.objectId },
        select: { unitId: true, version: true, unitRole: true, status: true },
      })
      if (!row || row.unitId == null) throw stale()
      if (toUnitId == null) {
        const now = new Date()
        // An account still awaiting activation has no password, so it cannot be DISABLED (users_password_unless_pending):
        // it is marked disabled and its activation links are spent, so it can never be activated.
        const pending = row.status === 'PENDING_ACTIVATION'
        if (pending)
          await tx.accountToken.updateMany({
            where: { userId: a.objectId, consumedAt: null },
            data: { consumedAt: now },
          })
        await guarded(
          tx.user.updateMany({
            where: { id: a.objectId, version: row.version },
            data: {
              ...(pending ? {} : { status: 'DISABLED' as const }),
              disabledAt: now,
              disabledById: actor.viewer.kind === 'anonymous' ? null : actor.viewer.userId,
              disabledReason: '机构改革：账号随原单位撤销',
              version: { increment: 1 },
            },
          }),
        )
        await tx.session.updateMany({
          where: { userId: a.objectId, revokedAt: null },
          data: { revokedAt: now, endedReason: 'DISABLED' },
        })
      } else if (toUnitId !== row.unitId) {
        // A unit has one primary account: the first primary to arrive at a unit without one stays primary, any
        // other becomes one of its other users.
        const unitRole = row.unitRole === 'PRIMARY' && !primaryTaken.has(toUnitId) ? 'PRIMARY' : 'DEPUTY'
        if (unitRole === 'PRIMARY') primaryTaken.add(toUnitId)
        await guarded(
          tx.user.updateMany({
            where: { id: a.objectId, version: row.version },
            data: { unitId: toUnitId, unitRole, version: { increment: 1 } },
          }),
        )
        // Sessions carry the unit they were opened for: the person signs in again under the new unit.
        await tx.session.updateMany({
          where: { userId: a.objectId, revokedAt: null },
          data: { revokedAt: new Date(), endedReason: 'REORGANISED' },
        })
      }
      await audit('User', row.unitId)
      return row.unitId
    }
  }
}
