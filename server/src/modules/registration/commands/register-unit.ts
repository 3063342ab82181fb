// 新用户注册 (seed 001 附件一): a unit registers itself and its first login, proving the handler's mobile with a
// UNIT_REGISTRATION code. Public: anyone may call it, so every cheap check comes before the expensive one.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { appError, badInput } from '../../../errors.ts'
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { sealIdNumber } from '../../../lib/idNumberColumns.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { hashPassword } from '../../../lib/password.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { isPlaceholderRegion } from '../../../seed/regions.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import { matchVerificationCode, spendVerifiedCode, type MatchedCode } from '../../verification/codes.ts'
import { checkRegistration, type Fields, type RegisterUnitInput } from '../forms.ts'

export const registerUnit = defineCommand({
  name: 'registerUnit',
  policy: {
    who: EVERYONE,
    tokens: true,
    rule: 'none: public (新用户注册); the UNIT_REGISTRATION code sent to the handler’s mobile proves it',
  },
  scope: 'none (creates a unit in a region with a staffing office)',
  effects: ['the unit and its unit user', 'the verification code is consumed'],
  notices: ['unit.registered'],

  async run(ctx, input: RegisterUnitInput) {
    const { prisma } = ctx
    const { fields, unit, username } = checkRegistration(input)
    // The region must be a real division with a staffing office: that office does the unit's first review.
    const region = /^[0-9]{6}$/.test(input.regionCode)
      ? await prisma.region.findUnique({
          where: { code: input.regionCode },
          include: { office: { select: { id: true } } },
        })
      : null
    if (!fields.regionCode) {
      if (!region) fields.regionCode = '所属区域不存在'
      else if (region.level === 'NATIONAL' || isPlaceholderRegion(region.name) || !region.office) {
        fields.regionCode = '请选择到具体的省、市或县（区），不能选择“市辖区”等统计分组'
      }
    }
    if (Object.keys(fields).length || !region) throw badInput('注册信息有误，请按提示修改', fields)

    // Every cheap check (the form, the SMS code, the names) comes before the password hash (argon2id, 19 MiB), so
    // only a right code, at most MAX_CODE_ATTEMPTS times an SMS, costs one.
    const code = {
      mobile: unit.handlerMobile,
      purpose: 'UNIT_REGISTRATION' as const,
      code: input.verificationCode.trim(),
    }
    const matched = await matchVerificationCode(prisma, code)
    await refuseTakenNames(prisma, unit, username, matched)
    const passwordHash = await hashPassword(input.password) // slow on purpose: outside the transaction
    const { handlerIdNumber: _plain, ...unitColumns } = unit // the number is stored encrypted, never as typed
    try {
      return await prisma.$transaction(async (tx) => {
        await spendVerifiedCode(tx, matched)
        const row = await tx.unit.create({
          data: {
            ...unitColumns,
            ...sealIdNumber('unit', unit.handlerIdNumber),
            type: input.type,
            systemCategory: input.systemCategory,
            regionCode: region.code,
          },
        })
        const user = await tx.user.create({
          data: {
            username,
            displayName: unit.handlerName,
            passwordHash,
            passwordChangedAt: new Date(),
            role: 'UNIT_USER',
            unitRole: 'PRIMARY',
            unitId: row.id,
            mobile: unit.handlerMobile,
            email: unit.handlerEmail,
          },
        })
        await writeAudit(tx, ctx, {
          action: 'unit.register',
          subjectType: 'Unit',
          subjectId: row.id,
          regionPath: region.path,
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
        const params = { unit: row.name, handler: row.handlerName }
        await enqueueNotifications(
          tx,
          await staffNotices(tx, { sameLevelOfficeOf: region.code }, 'unit.registered', params, {
            key: `unit.registered:${row.id}`,
            payload: { unitId: row.id },
          }),
        )
        return { unitName: row.name, username: user.username }
      })
    } catch (error) {
      // A concurrent registration of the same name, code or username lost the race to the unique index (the code
      // stays unconsumed, like any refusal after the code).
      if (!isUniqueViolation(error)) throw error
      const field = takenField(error)
      throw appError('CONFLICT', '单位或用户名已注册', {
        fields: { [field]: CONFLICT_MESSAGES[field] },
        remainingAttempts: matched.remainingAttempts,
      })
    }
  },
})

const CONFLICT_MESSAGES = {
  name: '该单位名称已注册，请勿重复注册；如需找回账号请联系同级编办',
  creditCode: '该统一社会信用代码已注册',
  username: '该用户名已被使用',
} as const

/** The field a unique index guards, from the error's text (the unit name when it does not say). */
function takenField(error: unknown): keyof typeof CONFLICT_MESSAGES {
  const { meta, message } = error as { meta?: unknown; message?: string }
  const text = JSON.stringify(meta ?? {}) + (message ?? '')
  if (text.includes('creditCode')) return 'creditCode'
  if (text.includes('username')) return 'username'
  return 'name'
}

/**
 * Whether the unit's name, credit code or username is taken. Asked only after a right code, whose guess it has
 * used: one SMS answers at most MAX_CODE_ATTEMPTS such questions, however the answers are probed. The answer stays
 * useful to a real registrant (which field to change, and how many tries the code has left); the unique indexes
 * settle a race with a concurrent registration.
 */
async function refuseTakenNames(
  prisma: PrismaClient,
  unit: { name: string; creditCode: string },
  username: string,
  matched: MatchedCode,
) {
  const [sameName, sameCode, sameUser] = await Promise.all([
    prisma.unit.findUnique({ where: { name: unit.name }, select: { id: true } }),
    prisma.unit.findUnique({ where: { creditCode: unit.creditCode }, select: { id: true } }),
    prisma.user.findUnique({ where: { username }, select: { id: true } }),
  ])
  const conflicts: Fields = {}
  if (sameName) conflicts.name = CONFLICT_MESSAGES.name
  if (sameCode) conflicts.creditCode = CONFLICT_MESSAGES.creditCode
  if (sameUser) conflicts.username = CONFLICT_MESSAGES.username
  if (Object.keys(conflicts).length) {
    throw appError('CONFLICT', '单位或用户名已注册', {
      fields: conflicts,
      remainingAttempts: matched.remainingAttempts,
    })
  }
}
