// A unit of a browser test's own, registered through the API as the registration form would (the code read from
// /dev/outbox in the person's browser): for tests that change the account (its password, its handler), so the demo
// accounts stay as every other browser test expects them.
import type { Page } from 'playwright-core'
import { graphql } from '../graphql/generated/index.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { mustPost } from './http.ts'
import { smsCodeFromOutbox } from './portal.ts'
import { registrationInput } from './registration.ts'

const SendCode = graphql(`
  mutation E2eFreshUnitSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

const Register = graphql(`
  mutation E2eFreshUnitRegister($input: RegisterUnitInput!) {
    registerUnit(input: $input) {
      username
    }
  }
`)

/** Registers a new unit and its primary account; returns the form it registered with (username, password …). */
export async function registerFreshUnit(page: Page, webUrl: string, apiUrl: string): Promise<RegisterUnitInput> {
  const input = registrationInput()
  await mustPost(apiUrl, SendCode, { input: { mobile: input.handlerMobile, purpose: 'UNIT_REGISTRATION' } })
  const verificationCode = await smsCodeFromOutbox(page, webUrl, input.handlerMobile)
  await mustPost(apiUrl, Register, { input: { ...input, verificationCode } })
  return input
}
