// What one SMS verification code is worth to someone who does not have it, or has it and probes with it:
// at most 5 guesses however many arrive at once (each is claimed before it is compared, so run this on PostgreSQL
// too: PGlite runs one statement at a time), a right code is used once, a refusal after the code (a taken name)
// costs a guess, so registerUnit answers at most 5 questions about taken names per SMS, and no anonymous request
// hashes a password (argon2id, 19 MiB) without a right code.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { hashPassword } from '../../server/src/lib/password.ts'
import { MAX_CODE_ATTEMPTS } from '../../server/src/modules/verification/codes.ts'
import { createTestApp, type Result, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { ageCodes, latestCode, registrationInput, wrongCode } from '../testkit/registration.ts'
import { siteApplicationForm } from '../testkit/sites.ts'

// The password hash, observed: registerUnit and the seed call it through this module.
vi.mock('../../server/src/lib/password.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../server/src/lib/password.ts')>()
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) }
})
const hashes = () => vi.mocked(hashPassword).mock.calls.length

const SendCode = graphql(`
  mutation TestGuessSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

const SaveDraft = graphql(`
  mutation TestGuessSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
    }
  }
`)

const Submit = graphql(`
  mutation TestGuessSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      status
    }
  }
`)

const Register = graphql(`
  mutation TestGuessRegisterUnit($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      unitName
      username
    }
  }
`)

let t: TestApp
let unitCookie: string
let qfzfUnit: number

beforeAll(async () => {
  t = await createTestApp({ poolSize: 12 })
  unitCookie = await t.login('qfzf')
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
})
afterAll(() => t?.close())

/**
 * What an answer tells the guesser: COMPARED-WRONG (验证码错误, or the fifth wrong one), RIGHT (the request did
 * what it asked), RIGHT-BUT-USED (matched, but another request with the same code consumed it), NOT-COMPARED (the
 * code had no guess left), or the error code and message of anything else.
 */
function answer(result: Result<unknown>): string {
  const error = result.errors?.[0]
  if (!error) return 'RIGHT'
  if (error.message === '验证码错误' || error.message === '验证码错误次数过多，请重新获取') return 'COMPARED-WRONG'
  if (error.message === '验证码尝试次数过多，请重新获取') return 'NOT-COMPARED'
  if (error.message === '验证码已使用，请重新获取') return 'RIGHT-BUT-USED'
  return `${String(error.extensions?.code)}:${error.message}`
}

function tally(results: Result<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const result of results) counts[answer(result)] = (counts[answer(result)] ?? 0) + 1
  return counts
}

const compared = (counts: Record<string, number>) =>
  (counts['COMPARED-WRONG'] ?? 0) + (counts.RIGHT ?? 0) + (counts['RIGHT-BUT-USED'] ?? 0)
const storedCode = (mobile: string) =>
  t.db.prisma.verificationCode.findFirstOrThrow({ where: { mobile }, orderBy: { id: 'desc' } })

/** n different wrong codes (none of them `right`). */
const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'))

/** A draft site application of 清丰县人民政府办公室 and a SITE_APPLICATION code sent to its handler. */
async function draftWithCode() {
  const domain = await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })
  const input = siteApplicationForm(domain.id)
  const handlerMobile = input.handlerMobile!
  const saved = await t.execute(SaveDraft, { input }, { cookie: unitCookie })
  expect(saved.errors).toBeUndefined()
  const draft = saved.data!.saveSiteApplicationDraft
  expect(
    (
      await t.execute(
        SendCode,
        { input: { mobile: handlerMobile, purpose: 'SITE_APPLICATION' } },
        { cookie: unitCookie },
      )
    ).errors,
  ).toBeUndefined()
  const submit = (verificationCode: string) =>
    t.execute(Submit, { input: { id: draft.id, version: draft.version, verificationCode } }, { cookie: unitCookie })
  const status = async () =>
    (await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(draft.id) } })).status
  return { handlerMobile, right: await latestCode(t.db.prisma, handlerMobile), submit, status }
}

/** A registration form with a UNIT_REGISTRATION code sent to its handler (not yet in the form). */
async function registrationWithCode(overrides: Partial<RegisterUnitInput> = {}) {
  const input = registrationInput(overrides)
  expect(
    (await t.execute(SendCode, { input: { mobile: input.handlerMobile, purpose: 'UNIT_REGISTRATION' } })).errors,
  ).toBeUndefined()
  const right = await latestCode(t.db.prisma, input.handlerMobile)
  const register = (verificationCode: string, more: Partial<RegisterUnitInput> = {}) =>
    t.execute(Register, { input: { ...input, ...more, verificationCode } })
  return { input, right, register }
}

describe('one SMS code gives at most 5 guesses, however many arrive at once', () => {
  it('submitSiteApplication: 100 wrong guesses at once are compared at most 5 times; the right code after them is refused', async () => {
    const site = await draftWithCode()
    const results = await Promise.all(wrongCodes(site.right, 100).map((code) => site.submit(code)))
    const counts = tally(results)
    expect(compared(counts)).toBeLessThanOrEqual(MAX_CODE_ATTEMPTS)
    expect(counts).toEqual({ 'COMPARED-WRONG': 5, 'NOT-COMPARED': 95 })
    expect((await storedCode(site.handlerMobile)).attempts).toBe(MAX_CODE_ATTEMPTS)
    expect(answer(await site.submit(site.right))).toBe('NOT-COMPARED')
    expect(await site.status()).toBe('DRAFT')
  }, 180_000)

  it('submitSiteApplication: the right code among 100 concurrent guesses counts only if it was one of the first 5', async () => {
    const site = await draftWithCode()
    const guesses = wrongCodes(site.right, 100)
    guesses[50] = site.right
    const results = await Promise.all(guesses.map((code) => site.submit(code)))
    const counts = tally(results)
    expect(compared(counts)).toBe(MAX_CODE_ATTEMPTS)
    expect(counts['NOT-COMPARED']).toBe(100 - MAX_CODE_ATTEMPTS)
    // Either the right code was one of the five compared (and submitted), or it was refused unseen.
    const rightAnswer = answer(results[50]!)
    expect(['RIGHT', 'NOT-COMPARED']).toContain(rightAnswer)
    expect(await site.status()).toBe(rightAnswer === 'RIGHT' ? 'PENDING_OFFICE_REVIEW' : 'DRAFT')
    expect((await storedCode(site.handlerMobile)).attempts).toBe(MAX_CODE_ATTEMPTS)
  }, 180_000)

  it('submitSiteApplication: the right code sent 10 times at once submits once', async () => {
    const site = await draftWithCode()
    const results = await Promise.all(Array.from({ length: 10 }, () => site.submit(site.right)))
    const counts = tally(results)
    expect(counts.RIGHT).toBe(1)
    expect((counts['RIGHT-BUT-USED'] ?? 0) + (counts['NOT-COMPARED'] ?? 0)).toBe(9)
    expect(await site.status()).toBe('PENDING_OFFICE_REVIEW')
    expect(
      await t.db.prisma.auditLog.count({
        where: {
          action: 'siteApplication.submit',
          subjectId: String(results.find((r) => !r.errors)!.data!.submitSiteApplication.id),
        },
      }),
    ).toBe(1)
    expect((await storedCode(site.handlerMobile)).consumedAt).not.toBeNull()
  }, 120_000)

  it('registerUnit: 100 wrong guesses at once are compared at most 5 times; the right code after them is refused', async () => {
    const form = await registrationWithCode()
    const results = await Promise.all(wrongCodes(form.right, 100).map((code) => form.register(code)))
    expect(tally(results)).toEqual({ 'COMPARED-WRONG': 5, 'NOT-COMPARED': 95 })
    expect(answer(await form.register(form.right))).toBe('NOT-COMPARED')
    expect(await t.db.prisma.unit.count({ where: { name: form.input.name } })).toBe(0)
  }, 180_000)

  it('registerUnit: the right code sent 10 times at once (with 10 different forms) registers one unit', async () => {
    const form = await registrationWithCode()
    const forms = Array.from({ length: 10 }, () => registrationInput({ handlerMobile: form.input.handlerMobile }))
    const results = await Promise.all(forms.map((other) => form.register(form.right, other)))
    const counts = tally(results)
    expect(counts.RIGHT).toBe(1)
    expect((counts['RIGHT-BUT-USED'] ?? 0) + (counts['NOT-COMPARED'] ?? 0)).toBe(9)
    expect(await t.db.prisma.unit.count({ where: { name: { in: forms.map((other) => other.name) } } })).toBe(1)
  }, 120_000)
})

describe('registerUnit tells whether a name is taken only a few times per SMS', () => {
  it('each refusal after a right code costs a guess: 5 answers about taken names, then TOO_MANY_ATTEMPTS naming nothing', async () => {
    const form = await registrationWithCode()
    // Existing login names, unit names and credit codes an attacker would probe for, and one free name.
    const probes: Partial<RegisterUnitInput>[] = [
      { username: 'qfzf' },
      { username: 'conac' },
      { name: '清丰县人民医院' },
      { username: 'henan' },
      { username: 'nanle' },
      { username: 'qingfeng' },
      { username: 'no_such_user_here' },
    ]
    const answers = []
    for (const probe of probes) {
      const result = await form.register(form.right, probe)
      const error = result.errors?.[0]
      answers.push(
        error
          ? `${String(error.extensions?.code)}:${Object.keys((error.extensions?.fields as object | undefined) ?? {}).join(',')}:${String(error.extensions?.remainingAttempts)}`
          : 'REGISTERED',
      )
    }
    expect(answers).toEqual([
      'CONFLICT:username:4',
      'CONFLICT:username:3',
      'CONFLICT:name:2',
      'CONFLICT:username:1',
      'CONFLICT:username:0',
      // The code has no guess left: nothing more is said about any name (not even a free one).
      'TOO_MANY_ATTEMPTS:verificationCode:undefined',
      'TOO_MANY_ATTEMPTS:verificationCode:undefined',
    ])
    expect(await storedCode(form.input.handlerMobile)).toMatchObject({ attempts: MAX_CODE_ATTEMPTS, consumedAt: null })
  })

  it('a real registrant who picked a taken name corrects the form and registers with the same code', async () => {
    const form = await registrationWithCode({ username: 'qfzf' })
    const taken = await form.register(form.right)
    expect(taken.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      fields: { username: '该用户名已被使用' },
      remainingAttempts: 4,
    })
    const registered = await form.register(form.right, { username: `${form.input.username.slice(0, 24)}_2` })
    expect(registered.errors).toBeUndefined()
  })
})

describe('registerUnit hashes a password only for a right code', () => {
  beforeEach(() => {
    vi.mocked(hashPassword).mockClear()
  })

  it('a wrong code, a number without a code, a used, expired or exhausted code, or a bad form: refused without hashing', async () => {
    // No code was ever sent to this number (the flood of the red team: bogus code 000000).
    const never = await t.execute(Register, { input: registrationInput({ verificationCode: '000000' }) })
    expect(never.errors?.[0]?.message).toBe('请先获取短信验证码')
    // A wrong code.
    const form = await registrationWithCode()
    expect(answer(await form.register(wrongCode(form.right)))).toBe('COMPARED-WRONG')
    // A form the cheap checks refuse, with the right code.
    expect((await form.register(form.right, { password: 'short' })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    )
    // An exhausted code.
    for (let i = 0; i < 4; i++) await form.register(wrongCode(form.right))
    expect(answer(await form.register(form.right))).toBe('NOT-COMPARED')
    // An expired code.
    const late = await registrationWithCode()
    await ageCodes(t.db.prisma, late.input.handlerMobile, 301)
    expect((await late.register(late.right)).errors?.[0]?.message).toBe('验证码已过期，请重新获取')
    // A right code with a taken name: refused after the code, still before the hash.
    const taken = await registrationWithCode({ username: 'qfzf' })
    expect((await taken.register(taken.right)).errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(hashes()).toBe(0)

    // The right code for a free name hashes once; the used code again does not.
    const done = await registrationWithCode()
    expect((await done.register(done.right)).errors).toBeUndefined()
    expect(hashes()).toBe(1)
    expect(
      answer(await done.register(done.right, registrationInput({ handlerMobile: done.input.handlerMobile }))),
    ).toBe('RIGHT-BUT-USED')
    expect(hashes()).toBe(1)
  })

  it('50 concurrent registrations with bogus codes hash nothing', async () => {
    const form = await registrationWithCode()
    const results = await Promise.all(wrongCodes(form.right, 50).map((code) => form.register(code)))
    expect(results.every((result) => result.errors?.length)).toBe(true)
    expect(hashes()).toBe(0)
  }, 120_000)
})
