// A unit of a browser test's own, registered through the API as the registration form would (the code read from
// /dev/outbox in the person's browser): for tests that change the account (its password, its handler), so the demo
// accounts stay as every other browser test expects them.
import type { Page } from 'playwright-core'
import { graphql } from '../graphql/generated/index.ts'
import type { RegisterUnitInput } from '../graphql/generated/graphql.ts'
import { makeCreditCode, makeIdNumber } from './fixtures.ts'
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

/**
 * Registers a new unit and its primary account; returns the form it registered with (username, password …). A 清丰县
 * unit unless `overrides` say otherwise (e.g. cityUnitInput(), a unit of 濮阳市编办's own level).
 */
export async function registerFreshUnit(
  page: Page,
  webUrl: string,
  apiUrl: string,
  overrides: Partial<RegisterUnitInput> = {},
): Promise<RegisterUnitInput> {
  const input = registrationInput(overrides)
  await mustPost(apiUrl, SendCode, { input: { mobile: input.handlerMobile, purpose: 'UNIT_REGISTRATION' } })
  const verificationCode = await smsCodeFromOutbox(page, webUrl, input.handlerMobile)
  await mustPost(apiUrl, Register, { input: { ...input, verificationCode } })
  return input
}

/** A city-level unit of 濮阳市 (410900): its same-level office is 濮阳市编办 (puyang, py-admin, py-shenhe). */
export function cityUnitInput(): Partial<RegisterUnitInput> {
  const suffix = `${Date.now() % 1_000_000}`
  return {
    name: `濮阳市测试注册单位${suffix}`,
    regionCode: '410900',
    creditCode: makeCreditCode('410900'),
    superiorUnitName: '濮阳市人民政府',
    address: '河南省濮阳市华龙区测试路1号',
    postcode: '457000',
    handlerIdNumber: makeIdNumber('410900'),
  }
}
