// Helpers for the registration and verification tests: fresh mobiles and forms, and reading a sent code back
// from the outbox (as a person would read the SMS).
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { makeCreditCode, makeIdNumber } from './fixtures.ts'

let sequence = 0
const unique = () => `${Date.now() % 1_000_000}${++sequence}${Math.floor(Math.random() * 1000)}`

/** A mobile number no other test uses (so cooldowns and daily limits do not leak between tests). */
export function freshMobile(): string {
  return `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`
}

/** The code in the newest verification SMS sent to the mobile. */
export async function latestCode(prisma: PrismaClient, mobile: string): Promise<string> {
  const sms = await prisma.notification.findFirstOrThrow({
    where: { channel: 'SMS', address: mobile, template: 'verification.code' },
    orderBy: { id: 'desc' },
  })
  const match = /([0-9]{6})/.exec(sms.body)
  if (!match) throw new Error(`no code in SMS body: ${sms.body}`)
  return match[1]!
}

/** A code that is not the given one. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0')
}

/** Moves every code of the mobile back in time (past the cooldown, or past its expiry). */
export async function ageCodes(prisma: PrismaClient, mobile: string, seconds: number): Promise<void> {
  const codes = await prisma.verificationCode.findMany({ where: { mobile } })
  for (const code of codes) {
    await prisma.verificationCode.update({
      where: { id: code.id },
      data: {
        createdAt: new Date(code.createdAt.getTime() - seconds * 1000),
        expiresAt: new Date(code.expiresAt.getTime() - seconds * 1000),
      },
    })
  }
}

/** A valid registration form for a county unit in 清丰县 (verificationCode still to be filled in). */
export function registrationInput(overrides: Partial<RegisterUnitInput> = {}): RegisterUnitInput {
  const id = unique()
  return {
    name: `清丰县测试注册单位${id}`,
    type: 'PARTY_GOVERNMENT',
    systemCategory: 'GOVERNMENT',
    creditCode: makeCreditCode('410922'),
    regionCode: '410922',
    superiorUnitName: '清丰县人民政府',
    functions: '负责测试工作',
    address: '河南省濮阳市清丰县测试路1号',
    postcode: '457300',
    landline: '0393-7221234',
    handlerName: '张经办',
    handlerMobile: freshMobile(),
    handlerEmail: 'handler@example.com',
    handlerIdNumber: makeIdNumber('410922'),
    username: `reg_${id}`.slice(0, 32),
    password: 'Register2026',
    verificationCode: '000000',
    ...overrides,
  }
}
