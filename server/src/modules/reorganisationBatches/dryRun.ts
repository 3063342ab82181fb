// 试运行 of a 批量机构改革 spreadsheet: every row becomes a ReorganisationPlan (modules/reorganisations/plan.ts),
// checked by validatePlan as a single request would be, plus what only the whole file shows: a unit or an object
// named in two rows, one new unit created twice. Read-only: nothing is written, whatever the file holds.
// A row's problems name its 行号 (sheet row), 列 (header) and the reason in Chinese; the report is what the portal
// shows and offers as an XLSX download, and what submitReorganisationBatch refuses to submit unless it is clean.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { isValidCreditCode } from '../../lib/identifiers.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { unitScope } from '../../lib/scope.ts'
import type { Viewer } from '../../viewer.ts'
import { openRequestsOn } from '../domains/openRequests.ts'
import {
  objectsOf,
  validatePlan,
  type NewUnitFacts,
  type ReorganisationAssignment,
  type ReorganisationKind,
  type ReorganisationPlan,
  type ReorganisationTarget,
  type ReorganisedObjectType,
} from '../reorganisations/plan.ts'
import {
  CANCEL_WORDS,
  ITEM_COLUMNS as C,
  KIND_OF,
  normaliseCode,
  normaliseDate,
  OBJECT_COLUMNS as O,
  OBJECT_TYPE_OF,
  OBJECT_TYPE_TEXT,
  splitList,
  SYSTEM_CATEGORY_OF,
  UNIT_TYPE_OF,
} from './columns.ts'
import { ITEMS_SHEET, OBJECTS_SHEET, readSpreadsheet, type SheetProblem, type SheetRow } from './sheet.ts'

type Db = PrismaClient | Prisma.TransactionClient

export type BatchProblem = SheetProblem

export interface DryRunRow {
  sequence: number
  sheetRow: number
  kind: ReorganisationKind | null
  /** 合并：甲单位、乙单位 → 丙单位 (what the row does, for the report table). */
  summary: string
  /** Objects the row places (moved or cancelled). */
  objectCount: number
  problemCount: number
}

export interface DryRunReport {
  fileName: string
  rowCount: number
  /** Rows without a problem. */
  cleanCount: number
  problems: BatchProblem[]
  rows: DryRunRow[]
  /** The plans of the rows, in 序号 order (for submission; the API does not expose them). */
  plans: { sequence: number; sheetRow: number; kind: ReorganisationKind; plan: ReorganisationPlan }[]
}

/** Reads, plans and validates the file as the viewer; writes nothing. */
export async function dryRunSpreadsheet(
  db: Db,
  viewer: Viewer,
  fileName: string,
  bytes: Uint8Array,
): Promise<DryRunReport> {
  const read = await readSpreadsheet(fileName, bytes)
  const problems: BatchProblem[] = [...read.problems]
  const items = read.sheets[ITEMS_SHEET] ?? []
  const objectRows = read.sheets[OBJECTS_SHEET] ?? []
  if (read.sheets[ITEMS_SHEET] && !items.length)
    problems.push({ sheet: ITEMS_SHEET, row: 0, column: '', message: '「改革事项」表中没有数据行' })

  const units = await unitsByCode(db, viewer, [...items, ...objectRows])
  const drafts = items.map((row) => draftOf(row, units, fileName))
  const bySequence = new Map<number, Draft>()
  for (const draft of drafts) {
    if (draft.sequence == null) continue
    const earlier = bySequence.get(draft.sequence)
    if (earlier) draft.problems.push(at(draft.row, C.sequence, `序号 ${draft.sequence} 与第 ${earlier.row.row} 行重复`))
    else bySequence.set(draft.sequence, draft)
  }
  await placeObjects(db, objectRows, bySequence, units, problems)

  const rows: DryRunRow[] = []
  const plans: DryRunReport['plans'] = []
  for (const draft of drafts) {
    const plan = draft.problems.length ? null : await planOf(db, draft)
    if (plan) {
      const planProblems = await validatePlan(db, viewer, plan)
      for (const problem of planProblems)
        draft.problems.push(at(draft.row, columnOfPath(draft, problem.path), problem.message))
      // One open request per domain: a domain with a renewal or 注销 waiting cannot be reorganised meanwhile.
      const domainIds = plan.assignments.filter((a) => a.objectType === 'DOMAIN').map((a) => a.objectId)
      const open = await openRequestsOn(db, domainIds)
      for (const [index, assignment] of plan.assignments.entries()) {
        const found = assignment.objectType === 'DOMAIN' ? open.get(assignment.objectId) : undefined
        if (found)
          draft.problems.push(
            at(
              draft.row,
              columnOfPath(draft, `assignments[${index}]`),
              `域名「${draft.labels.get(`DOMAIN:${assignment.objectId}`) ?? assignment.objectId}」已有${found.label}，请待其办结后再上传`,
            ),
          )
      }
    }
    if (plan && !draft.problems.length)
      plans.push({ sequence: draft.sequence!, sheetRow: draft.row.row, kind: plan.kind, plan })
    draft.objectCount = plan?.assignments.length ?? 0
  }
  crossRowChecks(drafts)
  for (const draft of drafts) {
    problems.push(...draft.problems)
    rows.push({
      sequence: draft.sequence ?? 0,
      sheetRow: draft.row.row,
      kind: draft.kind,
      summary: summaryOf(draft, units),
      objectCount: draft.objectCount,
      problemCount: draft.problems.length,
    })
  }
  problems.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row)
  const cleanPlans = plans.filter((each) => !bySequence.get(each.sequence)?.problems.length)
  return {
    fileName,
    rowCount: items.length,
    cleanCount: rows.filter((row) => !row.problemCount).length,
    problems,
    rows,
    plans: cleanPlans.sort((a, b) => a.sequence - b.sequence),
  }
}

const sheetOrder = (sheet: string) => (sheet === '' ? 0 : sheet === ITEMS_SHEET ? 1 : 2)

const at = (row: SheetRow, column: string, message: string, sheet = ITEMS_SHEET): BatchProblem => ({
  sheet,
  row: row.row,
  column,
  message,
})

interface UnitRef {
  id: number
  name: string
  creditCode: string
}

interface TargetDraft {
  creditCode: string
  existing: UnitRef | null
  newUnit: NewUnitFacts | null
}

interface Draft {
  row: SheetRow
  sequence: number | null
  kind: ReorganisationKind | null
  effectiveDate: string | null
  sources: UnitRef[]
  targets: TargetDraft[]
  newName: string | null
  note: string
  /** Sheet-2 assignments by object key (type:id), with their sheet row for the report. */
  listed: Map<string, { assignment: ReorganisationAssignment; row: SheetRow }>
  /** Assignments in plan order: where each came from (sheet-2 row or the row's default). */
  origins: ({ sheet: string; row: SheetRow } | null)[]
  problems: BatchProblem[]
  objectCount: number
  /** What people recognise each object of the sources by (type:id → label). */
  labels: Map<string, string>
}

/** Every unit the file names by credit code that the viewer may see (one query for the whole file). */
async function unitsByCode(db: Db, viewer: Viewer, rows: SheetRow[]): Promise<Map<string, UnitRef>> {
  const codes = new Set<string>()
  for (const row of rows)
    for (const column of [C.sources, C.targetCodes, C.absorbingCode, O.destination])
      for (const code of splitList(row.cells[column] ?? '')) codes.add(normaliseCode(code))
  const found = await db.unit.findMany({
    where: { AND: [unitScope(viewer), { creditCode: { in: [...codes] } }] },
    select: { id: true, name: true, creditCode: true },
  })
  return new Map(found.map((unit) => [unit.creditCode, unit]))
}

const NOT_FOUND_UNIT = (code: string) => `未找到统一社会信用代码为 ${code} 的单位，或该单位不在本办辖区`

function draftOf(row: SheetRow, units: Map<string, UnitRef>, fileName: string): Draft {
  const cell = (column: string) => row.cells[column] ?? ''
  const draft: Draft = {
    row,
    sequence: null,
    kind: null,
    effectiveDate: null,
    sources: [],
    targets: [],
    newName: null,
    // The plan needs its basis (2-500 characters); a row without 备注 names the file and row it came from.
    note: cell(C.note) || `批量机构改革：${fileName} 序号 ${cell(C.sequence)}`,
    listed: new Map(),
    origins: [],
    problems: [],
    objectCount: 0,
    labels: new Map(),
  }
  const problem = (column: string, message: string) => draft.problems.push(at(row, column, message))

  const sequence = normaliseCode(cell(C.sequence))
  if (!/^\d{1,6}$/.test(sequence) || Number(sequence) < 1) problem(C.sequence, '序号须为正整数')
  else draft.sequence = Number(sequence)

  const kindText = cell(C.kind).replace(/\s+/g, '')
  draft.kind = KIND_OF[kindText] ?? null
  if (!draft.kind)
    problem(C.kind, kindText ? `类型「${kindText}」无法识别，应为 更名、合并、拆分 或 撤销` : '请填写类型')

  const dateText = cell(C.effectiveDate)
  draft.effectiveDate = dateText ? normaliseDate(dateText) : null
  if (!dateText) problem(C.effectiveDate, '请填写生效日期')
  else if (!draft.effectiveDate) problem(C.effectiveDate, `生效日期「${dateText}」不是有效日期，请写作 2018-03-01`)
  else if (draft.effectiveDate > beijingDay(new Date())) problem(C.effectiveDate, '生效日期不能晚于今天')

  const sourceCodes = splitList(cell(C.sources)).map(normaliseCode)
  if (!sourceCodes.length) problem(C.sources, '请填写原单位统一社会信用代码')
  for (const code of sourceCodes) {
    const unit = unitOf(code, units, (message) => problem(C.sources, message))
    if (unit && draft.sources.some((each) => each.id === unit.id)) problem(C.sources, `原单位 ${code} 填写了两次`)
    else if (unit) draft.sources.push(unit)
  }

  const newName = cell(C.newName)
  draft.newName = newName || null
  const absorbing = normaliseCode(cell(C.absorbingCode))
  const targetCodes = splitList(cell(C.targetCodes)).map(normaliseCode)
  if (absorbing) {
    const unit = unitOf(absorbing, units, (message) => problem(C.absorbingCode, message))
    if (unit) draft.targets.push({ creditCode: absorbing, existing: unit, newUnit: null })
  }
  draft.targets.push(...newTargets(row, targetCodes, units, problem))

  // A absorbs B: the absorbing unit is one of the merged units (a source that stays, holding the others' objects).
  const absorbingUnit = absorbing ? draft.targets[0]?.existing : undefined
  if (draft.kind === 'MERGE' && absorbingUnit && !draft.sources.some((unit) => unit.id === absorbingUnit.id))
    draft.sources.push(absorbingUnit)
  switch (draft.kind) {
    case 'RENAME':
      if (sourceCodes.length !== 1) problem(C.sources, '更名只能填写一个原单位')
      if (!draft.newName) problem(C.newName, '更名须填写新名称')
      if (draft.targets.length) problem(C.targetCodes, '更名不填写新单位或并入单位，请只填写新名称')
      break
    case 'MERGE':
      if (draft.targets.length !== 1)
        problem(C.targetCodes, '合并须填写一个新单位（新单位各列）或一个并入单位（并入单位统一社会信用代码）')
      else if (draft.sources.length < 2) problem(C.sources, '合并至少涉及两个单位')
      break
    case 'SPLIT':
      if (sourceCodes.length !== 1) problem(C.sources, '拆分只能填写一个原单位')
      if (draft.targets.length < 2) problem(C.targetCodes, '拆分须填写至少两个新单位，以「、」分隔')
      break
    case 'ABOLISH':
      if (targetCodes.length) problem(C.targetCodes, '撤销不设新单位；对象如需转入其他单位，请填写并入单位')
      break
  }
  return draft
}

function unitOf(code: string, units: Map<string, UnitRef>, problem: (message: string) => void): UnitRef | null {
  if (!isValidCreditCode(code)) {
    problem(`统一社会信用代码「${code}」格式或校验位不正确`)
    return null
  }
  const unit = units.get(code)
  if (!unit) problem(NOT_FOUND_UNIT(code))
  return unit ?? null
}

/** The targets named in the 新单位 columns: a code of an existing unit is that unit; any other needs its facts. */
function newTargets(
  row: SheetRow,
  codes: string[],
  units: Map<string, UnitRef>,
  problem: (column: string, message: string) => void,
): TargetDraft[] {
  if (!codes.length) return []
  const list = (column: string) => splitList(row.cells[column] ?? '')
  const facts = {
    names: list(C.targetNames),
    regions: list(C.targetRegions).map(normaliseCode),
    types: list(C.targetTypes),
    categories: list(C.targetCategories),
    addresses: list(C.targetAddresses),
    postcodes: list(C.targetPostcodes).map(normaliseCode),
    handlers: list(C.targetHandlers),
    mobiles: list(C.targetMobiles).map(normaliseCode),
    emails: list(C.targetEmails).map((email) => normaliseCode(email).toLowerCase()),
  }
  const needFacts = codes.some((code) => !units.has(code))
  const columns: [keyof typeof facts, string][] = [
    ['names', C.targetNames],
    ['regions', C.targetRegions],
    ['types', C.targetTypes],
    ['categories', C.targetCategories],
    ['addresses', C.targetAddresses],
    ['postcodes', C.targetPostcodes],
    ['handlers', C.targetHandlers],
    ['mobiles', C.targetMobiles],
    ['emails', C.targetEmails],
  ]
  let aligned = true
  if (needFacts)
    for (const [key, column] of columns)
      if (facts[key].length !== codes.length) {
        aligned = false
        problem(
          column,
          facts[key].length
            ? `${column}的个数（${facts[key].length}）与新单位统一社会信用代码的个数（${codes.length}）不一致`
            : `请填写${column}`,
        )
      }
  const targets: TargetDraft[] = []
  codes.forEach((code, index) => {
    if (!isValidCreditCode(code)) {
      problem(C.targetCodes, `统一社会信用代码「${code}」格式或校验位不正确`)
      return
    }
    if (targets.some((each) => each.creditCode === code)) {
      problem(C.targetCodes, `新单位 ${code} 填写了两次`)
      return
    }
    const existing = units.get(code)
    if (existing) {
      targets.push({ creditCode: code, existing, newUnit: null })
      return
    }
    if (!aligned) return
    const type = UNIT_TYPE_OF[facts.types[index]!]
    const category = SYSTEM_CATEGORY_OF[facts.categories[index]!]
    if (!type)
      problem(C.targetTypes, `单位类型「${facts.types[index]}」无法识别，应为 党政机关、群团机关、事业单位 或 社会组织`)
    if (!category) problem(C.targetCategories, `系统类别「${facts.categories[index]}」无法识别`)
    if (!type || !category) return
    targets.push({
      creditCode: code,
      existing: null,
      newUnit: {
        name: facts.names[index]!,
        creditCode: code,
        regionCode: facts.regions[index]!,
        type,
        systemCategory: category,
        address: facts.addresses[index]!,
        postcode: facts.postcodes[index]!,
        handlerName: facts.handlers[index]!,
        handlerMobile: facts.mobiles[index]!,
        handlerEmail: facts.emails[index]!,
      },
    })
  })
  return targets
}

/** Sheet 2: resolves each object by its public identifier among the row's source units, and its 去向. */
async function placeObjects(
  db: Db,
  rows: SheetRow[],
  bySequence: Map<number, Draft>,
  units: Map<string, UnitRef>,
  problems: BatchProblem[],
) {
  const seen = new Map<string, SheetRow>()
  for (const row of rows) {
    const sequence = normaliseCode(row.cells[O.sequence] ?? '')
    const draft = /^\d+$/.test(sequence) ? bySequence.get(Number(sequence)) : undefined
    if (!draft) {
      const message = sequence ? `「改革事项」表中没有序号 ${sequence}` : '请填写序号'
      problems.push(at(row, O.sequence, message, OBJECTS_SHEET))
      continue
    }
    // A problem of an object's row is a problem of its reorganisation: that row is not clean either.
    const problem = (column: string, message: string) => draft.problems.push(at(row, column, message, OBJECTS_SHEET))
    const typeText = (row.cells[O.objectType] ?? '').replace(/\s+/g, '')
    const objectType = OBJECT_TYPE_OF[typeText]
    if (!objectType) {
      problem(O.objectType, `对象类型「${typeText}」无法识别，应为 域名、网站标识、网站开办申请、网络红页 或 用户`)
      continue
    }
    const label = row.cells[O.object] ?? ''
    const sourceIds = draft.sources.map((unit) => unit.id)
    const objectId = label ? await objectIdOf(db, objectType, label, sourceIds) : null
    if (objectId == null) {
      problem(O.object, label ? `原单位名下没有${OBJECT_TYPE_TEXT[objectType]}「${label}」` : '请填写对象')
      continue
    }
    const key = `${objectType}:${objectId}`
    const earlier = seen.get(key)
    if (earlier) {
      problem(
        O.object,
        `${OBJECT_TYPE_TEXT[objectType]}「${label}」已在第 ${earlier.row} 行列出，一个对象只能有一个去向`,
      )
      continue
    }
    seen.set(key, row)
    const destination = row.cells[O.destination] ?? ''
    let assignment: ReorganisationAssignment | null = null
    if (CANCEL_WORDS.has(destination.replace(/\s+/g, ''))) assignment = { objectType, objectId, action: 'CANCEL' }
    else {
      const code = normaliseCode(destination)
      const index = draft.targets.findIndex((target) => target.creditCode === code)
      if (index >= 0) assignment = { objectType, objectId, action: 'MOVE', targetRef: `T${index + 1}` }
      else
        problem(
          O.destination,
          destination
            ? units.has(code) || /^[0-9A-Z]{18}$/.test(code)
              ? `去向 ${code} 不是本行的新单位或并入单位`
              : `去向「${destination}」应为本行新单位的统一社会信用代码或「注销」`
            : '请填写去向',
        )
    }
    if (assignment) draft.listed.set(key, { assignment, row })
  }
}

/** The id of the object a sheet names, among the objects the source units hold (null: none of theirs). */
async function objectIdOf(
  db: Db,
  type: ReorganisedObjectType,
  label: string,
  unitIds: number[],
): Promise<number | null> {
  const unitId = { in: unitIds }
  const text = label.trim()
  switch (type) {
    case 'DOMAIN': {
      const name = text.replace(/\.(政务|公益)$/, '')
      return (await db.domain.findFirst({ where: { unitId, name }, select: { id: true } }))?.id ?? null
    }
    case 'BADGE':
      return (
        (await db.badge.findFirst({ where: { unitId, badgeNumber: normaliseCode(text) }, select: { id: true } }))?.id ??
        null
      )
    case 'SITE_APPLICATION':
      return (
        (
          await db.siteApplication.findFirst({
            where: { unitId, serialNumber: normaliseCode(text) },
            select: { id: true },
          })
        )?.id ?? null
      )
    case 'MICRO_SITE': {
      // A unit has at most one 网络红页: the sheet names it by its unit's credit code (or name).
      const code = normaliseCode(text)
      return (
        (
          await db.microSite.findFirst({
            where: { unitId, unit: { OR: [{ creditCode: code }, { name: text }] } },
            select: { id: true },
          })
        )?.id ?? null
      )
    }
    case 'USER':
      return (
        (await db.user.findFirst({ where: { unitId, username: text.toLowerCase() }, select: { id: true } }))?.id ?? null
      )
  }
}

/** The row's plan: its listed objects as listed, every other object of the sources by the kind's default. */
async function planOf(db: Db, draft: Draft): Promise<ReorganisationPlan | null> {
  const kind = draft.kind!
  const targets: ReorganisationTarget[] = draft.targets.map((target, index) => ({
    ref: `T${index + 1}`,
    ...(target.existing ? { existingUnitId: target.existing.id } : { newUnit: target.newUnit! }),
  }))
  const objects = await objectsOf(
    db,
    draft.sources.map((unit) => unit.id),
  )
  const assignments: ReorganisationAssignment[] = []
  draft.origins = []
  const placed = new Set<string>()
  for (const [key, { assignment, row }] of draft.listed) {
    placed.add(key)
    assignments.push(assignment)
    draft.origins.push({ sheet: OBJECTS_SHEET, row })
  }
  for (const object of objects) draft.labels.set(`${object.objectType}:${object.objectId}`, object.label)
  for (const object of objects) {
    const key = `${object.objectType}:${object.objectId}`
    if (placed.has(key)) continue
    placed.add(key)
    const base = { objectType: object.objectType, objectId: object.objectId }
    let assignment: ReorganisationAssignment
    if (kind === 'MERGE') assignment = { ...base, action: 'MOVE', targetRef: 'T1' }
    else if (kind === 'ABOLISH')
      assignment = targets.length ? { ...base, action: 'MOVE', targetRef: 'T1' } : { ...base, action: 'CANCEL' }
    else if (kind === 'RENAME')
      continue // the unit keeps its id: its objects stay where they are
    else {
      draft.problems.push(
        at(
          draft.row,
          '对象去向',
          `拆分须在「对象去向」表中写明${OBJECT_TYPE_TEXT[object.objectType]}「${object.label}」的去向`,
        ),
      )
      continue
    }
    assignments.push(assignment)
    draft.origins.push(null)
  }
  if (draft.problems.length) return null
  return {
    kind,
    effectiveDate: draft.effectiveDate!,
    sourceUnitIds: draft.sources.map((unit) => unit.id),
    targets,
    ...(kind === 'RENAME' ? { newName: draft.newName! } : {}),
    assignments,
    note: draft.note,
  }
}

const NEW_UNIT_COLUMN: Record<string, string> = {
  name: C.targetNames,
  creditCode: C.targetCodes,
  regionCode: C.targetRegions,
  type: C.targetTypes,
  systemCategory: C.targetCategories,
  address: C.targetAddresses,
  postcode: C.targetPostcodes,
  handlerName: C.targetHandlers,
  handlerMobile: C.targetMobiles,
  handlerEmail: C.targetEmails,
}

/** The column (or sheet-2 row) a validatePlan problem path points at. */
function columnOfPath(draft: Draft, path: string): string {
  const assignment = /^assignments\[(\d+)\]/.exec(path)
  if (assignment) {
    const origin = draft.origins[Number(assignment[1])]
    return origin ? `对象去向第 ${origin.row.row} 行` : '对象去向'
  }
  if (path.startsWith('objects.')) return '对象去向'
  const fact = /^targets\[\d+\]\.newUnit\.(\w+)/.exec(path)?.[1]
  if (fact) return NEW_UNIT_COLUMN[fact] ?? C.targetCodes
  if (path.startsWith('targets')) return C.targetCodes
  if (path.startsWith('sourceUnitIds')) return C.sources
  if (path.startsWith('effectiveDate')) return C.effectiveDate
  if (path.startsWith('newName')) return C.newName
  if (path.startsWith('note')) return C.note
  return C.kind
}

/** What only the whole file shows: a unit in two rows, one new unit (code or name) created twice. */
function crossRowChecks(drafts: Draft[]) {
  const unitRows = new Map<number, Draft>()
  const newCodes = new Map<string, Draft>()
  const newNames = new Map<string, Draft>()
  for (const draft of drafts) {
    const involved = [
      ...draft.sources.map((unit) => ({ unit, column: C.sources })),
      ...draft.targets
        .filter((t) => t.existing)
        .map((t) => ({
          unit: t.existing!,
          column:
            t.creditCode === normaliseCode(draft.row.cells[C.absorbingCode] ?? '') ? C.absorbingCode : C.targetCodes,
        })),
    ]
    const own = new Set<number>()
    for (const { unit, column } of involved) {
      if (own.has(unit.id)) continue
      own.add(unit.id)
      const earlier = unitRows.get(unit.id)
      if (earlier && earlier !== draft)
        draft.problems.push(
          at(
            draft.row,
            column,
            `单位「${unit.name}」已在第 ${earlier.row.row} 行的改革事项中，一个单位在一批中只能出现一次`,
          ),
        )
      else unitRows.set(unit.id, draft)
    }
    for (const target of draft.targets) {
      if (!target.newUnit) continue
      const byCode = newCodes.get(target.creditCode)
      if (byCode && byCode !== draft)
        draft.problems.push(
          at(draft.row, C.targetCodes, `新单位 ${target.creditCode} 已在第 ${byCode.row.row} 行设立，不能重复设立`),
        )
      else newCodes.set(target.creditCode, draft)
      const byName = newNames.get(target.newUnit.name)
      if (byName && byName !== draft)
        draft.problems.push(
          at(draft.row, C.targetNames, `新单位「${target.newUnit.name}」已在第 ${byName.row.row} 行设立，不能重复设立`),
        )
      else newNames.set(target.newUnit.name, draft)
    }
    if (draft.kind === 'RENAME' && draft.newName) {
      const byName = newNames.get(draft.newName)
      if (byName && byName !== draft)
        draft.problems.push(at(draft.row, C.newName, `名称「${draft.newName}」已在第 ${byName.row.row} 行使用`))
      else newNames.set(draft.newName, draft)
    }
  }
}

function summaryOf(draft: Draft, _units: Map<string, UnitRef>): string {
  const sources = draft.sources.map((unit) => unit.name).join('、') || '（原单位有误）'
  const targets = draft.targets.map((t) => t.existing?.name ?? t.newUnit?.name ?? t.creditCode).join('、')
  switch (draft.kind) {
    case 'RENAME':
      return `更名：${sources} → ${draft.newName ?? ''}`
    case 'MERGE':
      return `合并：${sources} → ${targets}`
    case 'SPLIT':
      return `拆分：${sources} → ${targets}`
    case 'ABOLISH':
      return `撤销：${sources}${targets ? `（对象转入 ${targets}）` : ''}`
    default:
      return sources
  }
}
