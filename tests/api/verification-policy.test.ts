// sendVerificationCode's policy (modules/verification/commands/send-verification-code.ts) beyond what the matrix
// probes: a UNIT_REGISTRATION code needs no login, so staff logged in to the portal may ask for one too (as before
// issue 16); every other purpose is a unit user's. API tokens may not ask at all: the policy table gives tokens one
// answer per command, and a read-only token must not send SMS (before issue 16 any token could ask for a
// UNIT_REGISTRATION code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { freshMobile } from '../testkit/registration.ts'

const SendCode = graphql(`
  mutation TestPolicySendVerificationCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
      purpose
    }
  }
`)

const CreateToken = graphql(`
  mutation TestPolicyCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

describe('who may ask for a verification code', () => {
  it('lets staff ask for a registration code, and only unit users for the other purposes', async () => {
    const cookie = await t.login('qingfeng')
    const registration = await t.execute(
      SendCode,
      { input: { mobile: freshMobile(), purpose: 'UNIT_REGISTRATION' } },
      { cookie },
    )
    expect(registration.errors).toBeUndefined()
    const contactChange = await t.execute(
      SendCode,
      { input: { mobile: freshMobile(), purpose: 'CONTACT_CHANGE' } },
      { cookie },
    )
    expect(errorCodes(contactChange)).toEqual(['FORBIDDEN'])
    expect(contactChange.errors![0]!.message).toBe('仅限单位用户获取此类验证码')
  })

  it('refuses API tokens, read-write ones included, whatever the purpose', async () => {
    const cookie = await t.login('qingfeng')
    const codesBefore = await t.db.prisma.verificationCode.count()
    for (const access of ['READ_ONLY', 'READ_WRITE'] as const) {
      const created = await t.execute(CreateToken, { input: { name: `验证码令牌 ${access}`, access } }, { cookie })
      expect(created.errors).toBeUndefined()
      const token = created.data!.createApiToken.token
      for (const purpose of ['UNIT_REGISTRATION', 'CONTACT_CHANGE'] as const) {
        const sent = await t.execute(SendCode, { input: { mobile: freshMobile(), purpose } }, { token })
        expect(errorCodes(sent)).toEqual(['FORBIDDEN'])
      }
    }
    expect(await t.db.prisma.verificationCode.count()).toBe(codesBefore)
  })
})
