// 新用户注册 (seed 001 附件一) and 变更联系人: a unit registers itself and its first login; its user keeps the contacts current.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden } from '../../errors.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { isValidCreditCode, isValidIdNumber, isValidMobile } from '../../lib/identifiers.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { hashPassword } from '../../lib/password.ts'
import { isPlaceholderRegion } from '../../seed/regions.ts'
import { maskMobile, matchVerificationCode, spendVerifiedCode, withVerifiedCode, type MatchedCode } from '../verification/service.ts'

export interface RegisterUnitInput {
  name: string
  type: UnitType
  systemCategory: SystemCategory
  creditCode: string
  regionCode: string
  superiorUnitName?: string | null
  functions?: string | null
  address: string
  postcode: string
  landline?: string | null
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
  username: string
  password: string
  verificationCode: string
}

export interface UpdateUnitContactsInput {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
  landline?: string | null
  address: string
  postcode: string
  verificationCode?: string | null
  version: number
}

type Fields = Record<string, string>

const LANDLINE = /^(0[0-9]{2,3}-?)?[0-9]{7,8}(-[0-9]{1,6})?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const USERNAME = /^[a-z0-9_-]{3,32}$/
const POSTCODE = /^[0-9]{6}$/

/** Trimmed text, or null for blank optional text. */
function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** The contact fields shared by registration and 变更联系人; problems go into fields. */
function checkContacts(
  input: Pick<UpdateUnitContactsInput, 'handlerName' | 'handlerMobile' | 'handlerEmail' | 'handlerIdNumber' | 'landline' | 'address' | 'postcode'>,
  fields: Fields,
) {
  const contacts = {
    handlerName: input.handlerName.trim(),
    handlerMobile: input.handlerMobile.trim(),
    handlerEmail: input.handlerEmail.trim().toLowerCase(),
    handlerIdNumber: input.handlerIdNumber.trim().toUpperCase(),
    landline: optional(input.landline),
    address: input.address.trim(),
    postcode: input.postcode.trim(),
  }
  if (contacts.handlerName.length < 2 || contacts.handlerName.length > 32) fields.handlerName = '请填写经办人姓名（2-32 个字符）'
  if (!isValidMobile(contacts.handlerMobile)) fields.handlerMobile = '请填写 11 位手机号码'
  if (!EMAIL.test(contacts.handlerEmail) || contacts.handlerEmail.length > 128) fields.handlerEmail = '请填写有效的电子邮箱'
  if (!/^[0-9]{17}[0-9X]$/.test(contacts.handlerIdNumber)) fields.handlerIdNumber = '身份证号应为 18 位（最后一位可为 X）'
  else if (!isValidIdNumber(contacts.handlerIdNumber)) fields.handlerIdNumber = '身份证号校验位或出生日期不正确，请核对'
  if (contacts.landline && (!LANDLINE.test(contacts.landline) || contacts.landline.length > 32)) {
    fields.landline = '固定电话格式如 0393-7221234'
  }
  if (contacts.address.length < 5 || contacts.address.length > 256) fields.address = '请填写单位详细地址（5-256 个字符），发票将寄往此地址'
  if (!POSTCODE.test(contacts.postcode)) fields.postcode = '邮政编码应为 6 位数字'
  return contacts
}

function checkRegistration(input: RegisterUnitInput) {
  const fields: Fields = {}
  const name = input.name.trim()
  const creditCode = input.creditCode.trim().toUpperCase()
  const username = input.username.trim().toLowerCase()
  const superiorUnitName = optional(input.superiorUnitName)
  const functions = optional(input.functions)
  if (name.length < 2 || name.length > 128) fields.name = '请填写单位全称（2-128 个字符）'
  if (creditCode.length !== 18) fields.creditCode = '统一社会信用代码应为 18 位'
  else if (!isValidCreditCode(creditCode)) fields.creditCode = '统一社会信用代码格式或校验位不正确，请核对'
  if (!/^[0-9]{6}$/.test(input.regionCode)) fields.regionCode = '请选择所属区域'
  if (superiorUnitName && superiorUnitName.length > 128) fields.superiorUnitName = '上级主管单位不超过 128 个字符'
  if (functions && functions.length > 2000) fields.functions = '开办主体职能不超过 2000 个字符'
  const contacts = checkContacts(input, fields)
  if (!USERNAME.test(username)) fields.username = '用户名应为 3-32 位小写字母、数字、下划线或连字符'
  // Only a valid user name is compared with the password: an empty one is part of every password.
  if (input.password.length < 8 || input.password.length > 64 || !/[A-Za-z]/.test(input.password) || !/[0-9]/.test(input.password)) {
    fields.password = '密码应为 8-64 位，且同时包含字母和数字'
  } else if (USERNAME.test(username) && input.password.toLowerCase().includes(username)) fields.password = '密码不能包含用户名'
  if (!/^[0-9]{6}$/.test(input.verificationCode.trim())) fields.verificationCode = '请填写 6 位短信验证码'
  return { fields, unit: { name, creditCode, superiorUnitName, functions, ...contacts }, username }
}

/** The Prisma error for a unique index, as the name of the field it guards. */
function uniqueViolationField(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return null
  const text = JSON.stringify(error.meta ?? {}) + error.message
  if (text.includes('creditCode')) return 'creditCode'
  if (text.includes('username')) return 'username'
  if (text.includes('name')) return 'name'
  return 'name'
}

const CONFLICT_MESSAGES: Fields = {
  name: '该单位名称已注册，请勿重复注册；如需找回账号请联系同级编办',
  creditCode: '该统一社会信用代码已注册',
  username: '该用户名已被使用',
}

/**
 * Whether the unit's name, credit code or username is taken. Asked only after a right code, whose guess it has
 * used: one SMS answers at most MAX_CODE_ATTEMPTS such questions, however the answers are probed. The answer stays
 * useful to a real registrant (which field to change, and how many tries the code has left); the unique indexes
 * settle a race with a concurrent registration.
 */
async function refuseTakenNames(prisma: PrismaClient, unit: { name: string; creditCode: string }, username: string, matched: MatchedCode) {
  const [sameName, sameCode, sameUser] = await Promise.all([
    prisma.unit.findUnique({ where: { name: unit.name }, select: { id: true } }),
    prisma.unit.findUnique({ where: { creditCode: unit.creditCode }, select: { id: true } }),
    prisma.user.findUnique({ where: { username }, select: { id: true } }),
  ])
  const conflicts: Fields = {}
  if (sameName) conflicts.name = CONFLICT_MESSAGES.name!
  if (sameCode) conflicts.creditCode = CONFLICT_MESSAGES.creditCode!
  if (sameUser) conflicts.username = CONFLICT_MESSAGES.username!
  if (Object.keys(conflicts).length) {
    throw appError('CONFLICT', '单位或用户名已注册', { fields: conflicts, remainingAttempts: matched.remainingAttempts })
  }
}

export async function registerUnit(ctx: Context, input: RegisterUnitInput) {
  const { prisma } = ctx
  const { fields, unit, username } = checkRegistration(input)
  // The region must be a real division with a staffing office: that office does the unit's first review.
  const region = /^[0-9]{6}$/.test(input.regionCode)
    ? await prisma.region.findUnique({ where: { code: input.regionCode }, include: { office: { select: { id: true } } } })
    : null
  if (!fields.regionCode) {
    if (!region) fields.regionCode = '所属区域不存在'
    else if (region.level === 'NATIONAL' || isPlaceholderRegion(region.name) || !region.office) {
      fields.regionCode = '请选择到具体的省、市或县（区），不能选择“市辖区”等统计分组'
    }
  }
  if (Object.keys(fields).length) throw badInput('注册信息有误，请按提示修改', fields)

  // Anyone may call this without a login: every cheap check (the form, the SMS code, the names) comes before the
  // password hash (argon2id, 19 MiB), so only a right code, at most MAX_CODE_ATTEMPTS times an SMS, costs one.
  const matched = await matchVerificationCode(prisma, { mobile: unit.handlerMobile, purpose: 'UNIT_REGISTRATION', code: input.verificationCode.trim() })
  await refuseTakenNames(prisma, unit, username, matched)
  const passwordHash = await hashPassword(input.password) // slow on purpose: outside the transaction
  const office = region!.office!
  try {
    return await prisma.$transaction(async (tx) => {
      await spendVerifiedCode(tx, matched)
      const row = await tx.unit.create({
        data: { ...unit, type: input.type, systemCategory: input.systemCategory, regionCode: region!.code },
      })
      const user = await tx.user.create({
        data: {
          username,
          displayName: unit.handlerName,
          passwordHash,
          role: 'UNIT_USER',
          unitId: row.id,
          mobile: unit.handlerMobile,
          email: unit.handlerEmail,
        },
      })
      await writeAudit(tx, ctx, {
        action: 'unit.register',
        subjectType: 'Unit',
        subjectId: row.id,
        regionPath: region!.path,
        after: {
          name: row.name,
          type: row.type,
          systemCategory: row.systemCategory,
          creditCode: row.creditCode,
          regionCode: row.regionCode,
          handlerName: row.handlerName,
          handlerMobile: maskMobile(row.handlerMobile),
          username: user.username,
        },
      })
      // The same-level office (同级编办) does the unit's first review, so its staff hear of the new unit.
      const staff = await tx.user.findMany({ where: { officeId: office.id, status: 'ACTIVE' }, select: { id: true } })
      await enqueueNotifications(
        tx,
        staff.map((member) => ({
          channel: 'IN_APP' as const,
          userId: member.id,
          template: 'unit.registered',
          subject: '新单位注册',
          body: `新单位“${row.name}”已在本地区注册（经办人：${row.handlerName}）。`,
          payload: { unitId: row.id },
          dedupeKey: `unit.registered:${row.id}:${member.id}`,
        })),
      )
      return { unitName: row.name, username: user.username }
    })
  } catch (error) {
    // A concurrent registration of the same name, code or username lost the race to the unique index (the code
    // stays unconsumed, like any refusal after the code).
    const field = uniqueViolationField(error)
    if (field) {
      throw appError('CONFLICT', '单位或用户名已注册', { fields: { [field]: CONFLICT_MESSAGES[field]! }, remainingAttempts: matched.remainingAttempts })
    }
    throw error
  }
}

/** The unit user's own unit; office staff and tokens keep units current through their own screens. */
function requireUnitUser(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER' || viewer.unitId == null) throw forbidden('仅限单位用户修改本单位联系人')
  return viewer.unitId
}

const CONTACT_SELECT = {
  id: true,
  name: true,
  handlerName: true,
  handlerMobile: true,
  handlerEmail: true,
  handlerIdNumber: true,
  landline: true,
  address: true,
  postcode: true,
  version: true,
  region: { select: { path: true } },
} as const

function maskIdNumber(id: string | null): string | null {
  return id && id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id
}

export async function unitContacts(ctx: Context) {
  const unitId = requireUnitUser(ctx)
  return ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: CONTACT_SELECT })
}

export async function updateUnitContacts(ctx: Context, input: UpdateUnitContactsInput) {
  const unitId = requireUnitUser(ctx)
  const { prisma } = ctx
  const fields: Fields = {}
  const contacts = checkContacts(input, fields)
  if (!Number.isInteger(input.version) || input.version < 0) fields.version = '版本号无效，请刷新后重试'
  const before = await prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: CONTACT_SELECT })
  const mobileChanged = contacts.handlerMobile !== before.handlerMobile
  const code = input.verificationCode?.trim() ?? ''
  if (mobileChanged && !/^[0-9]{6}$/.test(code)) fields.verificationCode = '更换经办人手机号需填写发送到新号码的 6 位验证码'
  if (Object.keys(fields).length) throw badInput('联系人信息有误，请按提示修改', fields)

  const apply = async (tx: Prisma.TransactionClient) => {
    // Optimistic lock: the form carries the version it was loaded with; someone else's save in between wins.
    const updated = await tx.unit.updateMany({
      where: { id: unitId, version: input.version },
      data: { ...contacts, version: { increment: 1 } },
    })
    if (updated.count !== 1) throw appError('CONFLICT', '单位信息已被他人修改，请刷新后重试')
    const after = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: CONTACT_SELECT })
    const { region, ...beforeRow } = before
    const { region: _region, ...afterRow } = after
    await writeAudit(tx, ctx, {
      action: 'unit.updateContacts',
      subjectType: 'Unit',
      subjectId: unitId,
      regionPath: region.path,
      // The ID number is personal data: the log keeps enough of it to see that it changed.
      before: { ...beforeRow, handlerIdNumber: maskIdNumber(beforeRow.handlerIdNumber) },
      after: { ...afterRow, handlerIdNumber: maskIdNumber(afterRow.handlerIdNumber) },
    })
    return after
  }
  // Only a new mobile number must prove it reaches the handler; other changes need no code.
  return mobileChanged
    ? withVerifiedCode(prisma, { mobile: contacts.handlerMobile, purpose: 'CONTACT_CHANGE', code }, apply)
    : prisma.$transaction(apply)
}
