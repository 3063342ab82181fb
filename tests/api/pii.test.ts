// Personal data at rest (issue 17, design doc accounts.md §1.8): the field cipher, PII_ENCRYPTION_KEYS, ID numbers
// masked in every answer and every row written for people (audit, review snapshots, notifications), the reveal
// command's who-may matrix with its audit row, and key rotation.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import type { SaveSiteApplicationDraftInput } from '../graphql/generated/graphql.ts'
import { createFieldCipher, fieldCipher } from '../../server/src/lib/fieldCipher.ts'
import { ID_NUMBER_AAD, openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { isValidIdNumber } from '../../server/src/lib/identifiers.ts'
import { maskIdNumber, maskMobile } from '../../server/src/lib/masking.ts'
import { DEV_PII_KEYS, parsePiiKeys } from '../../server/src/lib/piiKeys.ts'
import { reencryptSealedColumns } from '../../server/src/modules/pii/reencrypt.ts'
import { HANDOVER_ID_NUMBER_AAD } from '../../server/src/modules/registration/handover/idNumber.ts'
import { acceptTotpCode, currentTotpCode } from '../../server/src/modules/secondFactor/totp.ts'
import { totpSecretAad } from '../../server/src/modules/secondFactor/totpSecret.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { migrationsDir } from '../testkit/paths.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain, makeIdNumber } from '../testkit/fixtures.ts'
import { ageCodes, latestCode, registrationInput } from '../testkit/registration.ts'
import { siteApplicationForm } from '../testkit/sites.ts'

const SendCode = graphql(`
  mutation TestPiiSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)

const Register = graphql(`
  mutation TestPiiRegister($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      username
    }
  }
`)

const SaveDraft = graphql(`
  mutation TestPiiSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
      handlerIdNumber
    }
  }
`)

const Submit = graphql(`
  mutation TestPiiSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      version
    }
  }
`)

const Resubmit = graphql(`
  mutation TestPiiResubmit($input: ResubmitSiteApplicationInput!) {
    resubmitSiteApplication(input: $input) {
      id
      version
    }
  }
`)

const Review = graphql(`
  mutation TestPiiReview($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      status
      version
    }
  }
`)

const Application = graphql(`
  query TestPiiApplication($id: ID!) {
    siteApplication(id: $id) {
      id
      handlerIdNumber
      changesSinceLastReview {
        field
        before
        after
      }
    }
  }
`)

const Contacts = graphql(`
  query TestPiiContacts {
    myUnitContacts {
      unitId
      handlerIdNumber
      handlerMobile
      version
    }
  }
`)

const UpdateContacts = graphql(`
  mutation TestPiiUpdateContacts($input: UpdateUnitContactsInput!) {
    updateUnitContacts(input: $input) {
      handlerIdNumber
      version
    }
  }
`)

const Reveal = graphql(`
  mutation TestPiiReveal($input: RevealIdNumberInput!) {
    revealIdNumber(input: $input)
  }
`)

const MASKED = /^[0-9]{6}\*{8}[0-9]{3}[0-9X]$/
const ID_LIKE = /\d{17}[\dXx]/g

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
})
afterAll(() => t?.close())

async function code(user: string | null, mobile: string, purpose: 'SITE_APPLICATION' | 'UNIT_REGISTRATION') {
  await ageCodes(t.db.prisma, mobile, 61)
  const credentials = user ? { cookie: await t.login(user) } : undefined
  const sent = await t.execute(SendCode, { input: { mobile, purpose } }, credentials)
  expect(sent.errors).toBeUndefined()
  return latestCode(t.db.prisma, mobile)
}

async function review(user: string, id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  const { version } = await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(id) } })
  const result = await t.execute(Review, { input: { id, version, decision, reason } }, { cookie: await t.login(user) })
  expect(result.errors).toBeUndefined()
  return result.data!.reviewSiteApplication
}

/** A submitted application of 清丰县人民政府办公室 (in 初审). */
async function submittedApplication(input: SaveSiteApplicationDraftInput) {
  const cookie = await t.login('qfzf')
  const draft = await t.execute(SaveDraft, { input }, { cookie })
  expect(draft.errors).toBeUndefined()
  const { id, version } = draft.data!.saveSiteApplicationDraft
  const verificationCode = await code('qfzf', input.handlerMobile!, 'SITE_APPLICATION')
  const submitted = await t.execute(Submit, { input: { id, version, verificationCode } }, { cookie })
  expect(submitted.errors).toBeUndefined()
  return submitted.data!.submitSiteApplication
}

async function reveal(user: string, subject: 'UNIT' | 'SITE_APPLICATION', id: string | number, reason = '核对材料') {
  return t.execute(Reveal, { input: { subject, id: String(id), reason } }, { cookie: await t.login(user) })
}

describe('fieldCipher', () => {
  const cipher = createFieldCipher(parsePiiKeys('k1:' + Buffer.alloc(32, 7).toString('base64'), true).keys)

  it('round-trips, in the v1.<keyId>.<iv>.<ciphertext‖tag> format, with a new IV every time', () => {
    const stored = cipher.encrypt('410922198503151234', 'units.handlerIdNumber')
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
    expect(cipher.decrypt(stored, 'units.handlerIdNumber')).toBe('410922198503151234')
    expect(cipher.encrypt('410922198503151234', 'units.handlerIdNumber')).not.toBe(stored)
  })

  it('refuses a ciphertext read with another column’s AAD, a changed tag or body, or an unknown key', () => {
    const stored = cipher.encrypt('410922198503151234', 'units.handlerIdNumber')
    expect(() => cipher.decrypt(stored, 'site_applications.handlerIdNumber')).toThrow()
    const parts = stored.split('.')
    const body = Buffer.from(parts[3]!, 'base64url')
    body.writeUInt8(body.readUInt8(body.length - 1) ^ 1, body.length - 1) // the last byte of the tag
    expect(() =>
      cipher.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'units.handlerIdNumber'),
    ).toThrow()
    const changedBody = Buffer.from(parts[3]!, 'base64url')
    changedBody.writeUInt8(changedBody.readUInt8(0) ^ 1, 0)
    expect(() =>
      cipher.decrypt([...parts.slice(0, 3), changedBody.toString('base64url')].join('.'), 'units.handlerIdNumber'),
    ).toThrow()
    expect(() => fieldCipher.decrypt(stored, 'units.handlerIdNumber')).toThrow(/unknown key id "k1"/)
  })

  it('masks ID numbers and mobiles in one place', () => {
    expect(maskIdNumber('410902198503151233')).toBe('410902********1233')
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
})

describe('PII_ENCRYPTION_KEYS', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64')

  it('defaults to the published dev key outside production, and production refuses no key or the dev key', () => {
    expect(parsePiiKeys(undefined, false)).toMatchObject({ isDevKey: true, keys: [{ id: 'dev' }] })
    expect(() => parsePiiKeys(undefined, true)).toThrow(/PII_ENCRYPTION_KEYS must be set in production/)
    expect(() => parsePiiKeys('', true)).toThrow(/PII_ENCRYPTION_KEYS/)
    expect(() => parsePiiKeys(DEV_PII_KEYS, true)).toThrow(/development key/)
    expect(() => parsePiiKeys(`k2:${key(1)},${DEV_PII_KEYS}`, true)).toThrow(/development key/)
  })

  it('takes id:base64(32 bytes) pairs, the first current, and refuses anything else', () => {
    const parsed = parsePiiKeys(`k2:${key(2)}, k1:${key(1)}`, true)
    expect(parsed.keys.map((k) => k.id)).toEqual(['k2', 'k1'])
    expect(parsed.isDevKey).toBe(false)
    for (const bad of [
      key(1),
      `k1:${Buffer.alloc(16).toString('base64')}`,
      'k1:not-base64!',
      `k1:${key(1)},k1:${key(2)}`,
      `bad id:${key(1)}`,
    ])
      expect(() => parsePiiKeys(bad, true), bad).toThrow(/PII_ENCRYPTION_KEYS/)
  })
})

describe('ID numbers are stored encrypted and answered masked', () => {
  it('registration, a site application with a rejection, resubmission and approvals leave no ID number in any row written or answer given', async () => {
    const startedAt = new Date()
    // 新用户注册
    const registration = registrationInput()
    registration.verificationCode = await code(null, registration.handlerMobile, 'UNIT_REGISTRATION')
    expect((await t.execute(Register, { input: registration })).errors).toBeUndefined()
    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { name: registration.name } })
    expect(unit.handlerIdNumberMasked).toBe(maskIdNumber(registration.handlerIdNumber))
    expect(openIdNumber('unit', unit.handlerIdNumberEnc)).toBe(registration.handlerIdNumber)

    // 网站开办: draft, submit, 初审 rejects, resubmit with a new number, 初审 and 复审 approve.
    const domain = await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })
    const input = siteApplicationForm(domain.id)
    const app = await submittedApplication(input)
    await review('qingfeng', app.id, 'REJECT', '请补充网站介绍')
    const cookie = await t.login('qfzf')
    const newNumber = makeIdNumber('410922')
    const resubmitted = await t.execute(
      Resubmit,
      {
        input: {
          id: app.id,
          version: (await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(app.id) } })).version,
          handlerIdNumber: newNumber,
          verificationCode: await code('qfzf', input.handlerMobile!, 'SITE_APPLICATION'),
        },
      },
      { cookie },
    )
    expect(resubmitted.errors).toBeUndefined()

    // The reviewer sees the change masked on both sides.
    const seen = await t.execute(Application, { id: app.id }, { cookie: await t.login('qingfeng') })
    expect(seen.data!.siteApplication.handlerIdNumber).toBe(maskIdNumber(newNumber))
    expect(seen.data!.siteApplication.changesSinceLastReview).toContainEqual({
      field: 'handlerIdNumber',
      before: maskIdNumber(input.handlerIdNumber!),
      after: maskIdNumber(newNumber),
    })
    await review('qingfeng', app.id, 'APPROVE')
    await review('conac', app.id, 'APPROVE')

    const stored = await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(app.id) } })
    expect(stored.handlerIdNumberMasked).toBe(maskIdNumber(newNumber))
    expect(openIdNumber('siteApplication', stored.handlerIdNumberEnc)).toBe(newNumber)

    // Every row written for people since the start: audit, review snapshots (ReviewDecision.snapshot), notifications.
    const written = await t.db.sql.query<{ text: string }>(
      `SELECT row_to_json(a)::text AS text FROM audit_logs a WHERE "at" >= $1
       UNION ALL SELECT row_to_json(r)::text FROM review_decisions r WHERE "decidedAt" >= $1
       UNION ALL SELECT row_to_json(n)::text FROM notifications n WHERE "createdAt" >= $1`,
      [startedAt],
    )
    expect(written.length).toBeGreaterThan(5)
    const text = written.map((row) => row.text).join('\n')
    for (const plain of [registration.handlerIdNumber, input.handlerIdNumber!, newNumber])
      expect(text).not.toContain(plain)
    // Any 18-character run that is a valid ID number (credit codes and serials are not).
    expect((text.match(ID_LIKE) ?? []).filter((match) => isValidIdNumber(match.toUpperCase()))).toEqual([])
    // Nor do the tables themselves hold one in plaintext.
    const rows = await t.db.sql.query<{ text: string }>(
      `SELECT row_to_json(u)::text AS text FROM units u UNION ALL SELECT row_to_json(s)::text FROM site_applications s`,
    )
    const tables = rows.map((row) => row.text).join('\n')
    expect((tables.match(ID_LIKE) ?? []).filter((match) => isValidIdNumber(match.toUpperCase()))).toEqual([])
  })

  it('myUnitContacts answers the masked number; sent back unchanged it keeps the stored number, a new one replaces it', async () => {
    const cookie = await t.login('qfzf')
    const before = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnit } })
    const loaded = (await t.execute(Contacts, undefined, { cookie })).data!.myUnitContacts
    expect(loaded.handlerIdNumber).toMatch(MASKED)
    const base = {
      handlerName: before.handlerName,
      handlerMobile: before.handlerMobile,
      handlerEmail: before.handlerEmail,
      landline: before.landline,
      address: before.address,
      postcode: before.postcode,
    }
    const kept = await t.execute(
      UpdateContacts,
      { input: { ...base, handlerIdNumber: loaded.handlerIdNumber!, version: loaded.version } },
      { cookie },
    )
    expect(kept.errors).toBeUndefined()
    const afterKeep = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnit } })
    expect(openIdNumber('unit', afterKeep.handlerIdNumberEnc)).toBe(openIdNumber('unit', before.handlerIdNumberEnc))

    const newNumber = makeIdNumber('410922')
    const changed = await t.execute(
      UpdateContacts,
      { input: { ...base, handlerIdNumber: newNumber, version: kept.data!.updateUnitContacts.version } },
      { cookie },
    )
    expect(changed.errors).toBeUndefined()
    expect(changed.data!.updateUnitContacts.handlerIdNumber).toBe(maskIdNumber(newNumber))
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unit.updateContacts', subjectId: String(qfzfUnit) },
      orderBy: { id: 'desc' },
    })
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(newNumber)
    expect(audit.after).toMatchObject({ handlerIdNumber: maskIdNumber(newNumber) })

    // A masked value that is not the stored one is not a number.
    const wrongMask = await t.execute(
      UpdateContacts,
      { input: { ...base, handlerIdNumber: '410922********0000', version: changed.data!.updateUnitContacts.version } },
      { cookie },
    )
    expect(errorCodes(wrongMask)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('revealIdNumber', () => {
  let appId: string
  let draftId: string
  let unitNumber: string
  let appNumber: string

  beforeAll(async () => {
    const domain = await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })
    const input = siteApplicationForm(domain.id)
    appId = (await submittedApplication(input)).id
    appNumber = input.handlerIdNumber!
    const other = await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })
    const draft = await t.execute(
      SaveDraft,
      { input: siteApplicationForm(other.id) },
      { cookie: await t.login('qfzf') },
    )
    draftId = draft.data!.saveSiteApplicationDraft.id
    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnit } })
    unitNumber = openIdNumber('unit', unit.handlerIdNumberEnc)!
  })

  // who, subject, which id, outcome: the unit itself, the offices above it, CONAC; a sibling county, another
  // province and another unit see nothing (NOT_FOUND, as for a missing id); an office never sees a unit's draft.
  const cases: [string, 'UNIT' | 'SITE_APPLICATION', () => string | number, 'plain' | string][] = [
    ['qfzf', 'UNIT', () => qfzfUnit, 'plain'],
    ['qfzf', 'SITE_APPLICATION', () => appId, 'plain'],
    ['qfzf', 'SITE_APPLICATION', () => draftId, 'plain'],
    ['qfzf', 'UNIT', () => qfyyUnit, 'NOT_FOUND'],
    ['qfyy', 'UNIT', () => qfzfUnit, 'NOT_FOUND'],
    ['qfyy', 'SITE_APPLICATION', () => appId, 'NOT_FOUND'],
    ['qingfeng', 'UNIT', () => qfzfUnit, 'plain'],
    ['qingfeng', 'SITE_APPLICATION', () => appId, 'plain'],
    ['qingfeng', 'SITE_APPLICATION', () => draftId, 'NOT_FOUND'],
    ['puyang', 'SITE_APPLICATION', () => appId, 'plain'],
    ['henan', 'UNIT', () => qfzfUnit, 'plain'],
    ['nanle', 'UNIT', () => qfzfUnit, 'NOT_FOUND'],
    ['nanle', 'SITE_APPLICATION', () => appId, 'NOT_FOUND'],
    ['hebei', 'UNIT', () => qfzfUnit, 'NOT_FOUND'],
    ['conac', 'UNIT', () => qfzfUnit, 'plain'],
    ['conac', 'SITE_APPLICATION', () => appId, 'plain'],
    ['conac', 'UNIT', () => 99_999_999, 'NOT_FOUND'],
    ['conac', 'SITE_APPLICATION', () => 'x1', 'NOT_FOUND'],
  ]

  it.each(cases)('%s reveals %s → %s', async (user, subject, id, outcome) => {
    const result = await reveal(user, subject, id())
    if (outcome === 'plain') {
      expect(result.errors).toBeUndefined()
      const expected = subject === 'UNIT' ? unitNumber : id() === draftId ? result.data!.revealIdNumber : appNumber
      expect(result.data!.revealIdNumber).toBe(expected)
      expect(result.data!.revealIdNumber).toMatch(/^[0-9]{17}[0-9X]$/)
    } else expect(errorCodes(result)).toEqual([outcome])
  })

  it('anonymous callers are refused', async () => {
    const result = await t.execute(Reveal, { input: { subject: 'UNIT', id: String(qfzfUnit), reason: '核对材料' } })
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED'])
  })

  it('writes audit pii.reveal with the subject and the reason, never the number', async () => {
    const result = await reveal('qingfeng', 'SITE_APPLICATION', appId, '核对书面材料上的身份证复印件')
    expect(result.errors).toBeUndefined()
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'pii.reveal' },
      orderBy: { id: 'desc' },
    })
    expect(audit).toMatchObject({ subjectType: 'SiteApplication', subjectId: appId })
    expect(audit.after).toEqual({ field: 'handlerIdNumber', reason: '核对书面材料上的身份证复印件' })
    expect(audit.regionPath).toBeTruthy()
    expect(JSON.stringify(audit)).not.toContain(appNumber)
  })

  it('refuses a missing, too short or too long reason with BAD_USER_INPUT and writes nothing', async () => {
    const count = () => t.db.prisma.auditLog.count({ where: { action: 'pii.reveal' } })
    const before = await count()
    for (const reason of ['', ' ', '查', '查'.repeat(201)]) {
      const result = await reveal('conac', 'UNIT', qfzfUnit, reason)
      expect(errorCodes(result), JSON.stringify(reason)).toEqual(['BAD_USER_INPUT'])
      expect(result.errors![0]!.extensions?.fields).toHaveProperty('reason')
      expect(result.data?.revealIdNumber ?? null).toBeNull()
    }
    expect(await count()).toBe(before)
  })
})

describe('key rotation', () => {
  it('pii:reencrypt moves every stored number to the current key, readably, and a second run finds nothing', async () => {
    const [devKey] = parsePiiKeys(undefined, false).keys
    const newKey = { id: 'k2027', key: Buffer.alloc(32, 9) }
    const before = await t.db.prisma.unit.findMany({
      where: { handlerIdNumberEnc: { not: null } },
      orderBy: { id: 'asc' },
    })
    const plainBefore = before.map((u) => fieldCipher.decrypt(u.handlerIdNumberEnc!, ID_NUMBER_AAD.unit))

    const rotated = createFieldCipher([newKey, devKey!])
    const counts = await reencryptSealedColumns(t.db.prisma, rotated)
    expect(counts.unit).toBe(before.length)
    expect(counts.siteApplication).toBeGreaterThan(0)
    const after = await t.db.prisma.unit.findMany({
      where: { handlerIdNumberEnc: { not: null } },
      orderBy: { id: 'asc' },
    })
    expect(after.every((u) => u.handlerIdNumberEnc!.startsWith('v1.k2027.'))).toBe(true)
    expect(after.map((u) => rotated.decrypt(u.handlerIdNumberEnc!, ID_NUMBER_AAD.unit))).toEqual(plainBefore)
    const apps = await t.db.prisma.siteApplication.findMany({ select: { handlerIdNumberEnc: true } })
    expect(apps.every((a) => a.handlerIdNumberEnc!.startsWith('v1.k2027.'))).toBe(true)
    // Without the new key the rows do not decrypt: the old key alone is not enough any more.
    expect(() => fieldCipher.decrypt(after[0]!.handlerIdNumberEnc!, ID_NUMBER_AAD.unit)).toThrow()
    expect(await reencryptSealedColumns(t.db.prisma, rotated)).toEqual({
      unit: 0,
      siteApplication: 0,
      handover: 0,
      totpSecret: 0,
    })

    // Back to the dev key, so the rest of the suite's app (which has only it) reads them again.
    await reencryptSealedColumns(t.db.prisma, createFieldCipher([devKey!, newKey]))
    const back = await t.db.prisma.unit.findFirstOrThrow({ where: { id: qfzfUnit } })
    expect(back.handlerIdNumberEnc!.startsWith('v1.dev.')).toBe(true)
  })

  it('also moves TOTP secrets and handover ID numbers: the old key can be dropped and the authenticator still works', async () => {
    const prisma = t.db.prisma
    const [devKey] = parsePiiKeys(undefined, false).keys
    const oldKey = { id: 'k2025', key: Buffer.alloc(32, 7) }
    const old = createFieldCipher([oldKey])
    // A staff member whose authenticator was bound, and a handover started, while k2025 was the current key.
    const puyang = await prisma.user.findUniqueOrThrow({ where: { username: 'puyang' } })
    const staff = await prisma.user.create({
      data: {
        username: `pii-totp-${Date.now() % 100_000}`,
        displayName: '轮换测试',
        passwordHash: puyang.passwordHash,
        role: puyang.role,
        officeId: puyang.officeId,
        officeRoles: puyang.officeRoles,
      },
    })
    const secret = 'JBSWY3DPEHPK3PXP'
    await prisma.user.update({
      where: { id: staff.id },
      data: { totpSecretEnc: old.encrypt(secret, totpSecretAad(staff.id)), totpEnabledAt: new Date() },
    })
    const idNumber = makeIdNumber('410922')
    const handover = await prisma.unitHandover.create({
      data: {
        unitId: qfzfUnit,
        status: 'CANCELLED',
        cancelledAt: new Date(),
        cancelledById: puyang.id,
        startedById: puyang.id,
        oldName: '旧经办人',
        oldMobile: '13900000000',
        newName: '新经办人',
        newMobile: '13900000001',
        newEmail: 'rotation@example.com',
        newIdNumberEnc: old.encrypt(idNumber, HANDOVER_ID_NUMBER_AAD),
        newIdNumberMasked: maskIdNumber(idNumber),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })

    // Rotation: the app's key first, k2025 after it; then k2025 is dropped (the app's cipher has only the dev key).
    const counts = await reencryptSealedColumns(prisma, createFieldCipher([devKey!, oldKey]))
    const user = await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })
    expect(await acceptTotpCode(prisma, user, currentTotpCode(secret))).toBe(true)
    expect(user.totpSecretEnc!.startsWith('v1.dev.')).toBe(true)
    const stored = await prisma.unitHandover.findUniqueOrThrow({ where: { id: handover.id } })
    expect(fieldCipher.decrypt(stored.newIdNumberEnc!, HANDOVER_ID_NUMBER_AAD)).toBe(idNumber)
    expect(counts.totpSecret).toBeGreaterThanOrEqual(1)
    expect(counts.handover).toBeGreaterThanOrEqual(1)
  })
})

describe('plaintext ID numbers in history written before field encryption (known data gap)', () => {
  const MIGRATION = '20261206200000_pii_mask_id_numbers_in_history'
  /** The migration again, as the migrator runs it (one transaction): it is written to be re-runnable. */
  const runMigration = () =>
    t.db.sql.exec(`BEGIN;\n${readFileSync(path.join(migrationsDir, MIGRATION, 'migration.sql'), 'utf8')}\nCOMMIT;`)

  it('masks them in audit rows and review decisions, keeps everything else, and the tables stay append-only', async () => {
    const prisma = t.db.prisma
    const plain = makeIdNumber('410922')
    const other = makeIdNumber('410923')
    // Not ID numbers: a wrong check character, a longer run of digits, a credit code.
    const wrongCheck = `${plain.slice(0, 17)}${plain[17] === '0' ? '1' : '0'}`
    const longer = `9${plain}`
    const creditCode = '12410922MB1234567X'
    // Rows as the application wrote them before the PII change: the number in the clear.
    const oldAudit = await prisma.auditLog.create({
      data: {
        action: 'unit.updateContacts',
        subjectType: 'Unit',
        subjectId: String(qfzfUnit),
        before: { handlerIdNumber: other, handlerName: '张三' },
        after: { handlerIdNumber: plain, note: `经办人身份证号${plain}已核对`, wrongCheck, longer, creditCode },
      },
    })
    const puyang = await prisma.user.findUniqueOrThrow({ where: { username: 'puyang' } })
    const domain = await createDomain(prisma, { unitId: qfzfUnit })
    const oldDecision = await prisma.reviewDecision.create({
      data: {
        subject: 'DOMAIN',
        domainId: domain.id,
        level: 'OFFICE',
        officeId: puyang.officeId!,
        reviewerId: puyang.id,
        result: 'REJECTED',
        reason: `身份证号 ${plain} 与复印件不符`,
        snapshot: { fields: { handlerIdNumber: plain, years: 2 } },
      },
    })
    const untouched = await prisma.auditLog.findMany({ where: { id: { not: oldAudit.id } }, orderBy: { id: 'asc' } })

    await runMigration()

    const masked = (id: string) => maskIdNumber(id)
    const audit = await prisma.auditLog.findUniqueOrThrow({ where: { id: oldAudit.id } })
    expect(audit.before).toEqual({ handlerIdNumber: masked(other), handlerName: '张三' })
    expect(audit.after).toEqual({
      handlerIdNumber: masked(plain),
      note: `经办人身份证号${masked(plain)}已核对`,
      wrongCheck,
      longer,
      creditCode,
    })
    expect({ ...audit, before: null, after: null }).toEqual({ ...oldAudit, before: null, after: null })
    const decision = await prisma.reviewDecision.findUniqueOrThrow({ where: { id: oldDecision.id } })
    expect(decision.reason).toBe(`身份证号 ${masked(plain)} 与复印件不符`)
    expect(decision.snapshot).toEqual({ fields: { handlerIdNumber: masked(plain), years: 2 } })
    // Every other audit row is as it was.
    expect(await prisma.auditLog.findMany({ where: { id: { not: oldAudit.id } }, orderBy: { id: 'asc' } })).toEqual(
      untouched,
    )

    // The triggers are back: history refuses UPDATE and DELETE again.
    await expect(prisma.auditLog.update({ where: { id: oldAudit.id }, data: { action: 'x' } })).rejects.toThrow(
      /append-only/,
    )
    await expect(prisma.auditLog.delete({ where: { id: oldAudit.id } })).rejects.toThrow(/append-only/)
    await expect(
      prisma.reviewDecision.update({ where: { id: oldDecision.id }, data: { reason: 'x' } }),
    ).rejects.toThrow(/append-only/)

    // A second run finds nothing left to do.
    await runMigration()
    expect((await prisma.auditLog.findUniqueOrThrow({ where: { id: oldAudit.id } })).after).toEqual(audit.after)
  })
})
