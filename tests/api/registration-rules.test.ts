// The registration and contact forms check themselves in the browser before sending (web/components/registration/
// rules.ts), so that the first 注册 marks every wrong field at once (issue 15). Those checks must say what the API
// says: for a table of forms, the fields and messages of the browser's check equal the API's extensions.fields for
// the same values, sent with the portal's own documents. (The selects and 确认密码 are the browser's alone: the API
// takes enums and one password.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  RegisterUnitDocument,
  UnitContactsDocument,
  UpdateUnitContactsDocument,
} from '../../web/graphql/generated/graphql.ts'
import {
  contactChangeProblems,
  contactFormOf,
  registrationProblems,
  type RegistrationValues,
} from '../../web/components/registration/rules.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { registrationInput } from '../testkit/registration.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

const BROWSER_ONLY = ['type', 'systemCategory', 'passwordConfirm']

function withoutBrowserOnly(problems: Record<string, string>) {
  return Object.fromEntries(Object.entries(problems).filter(([field]) => !BROWSER_ONLY.includes(field)))
}

/** A valid form as the person fills it in (the code is well-formed but not one the API sent). */
function validValues(): RegistrationValues {
  const input = registrationInput({ verificationCode: '123456' })
  return {
    ...input,
    superiorUnitName: input.superiorUnitName ?? '',
    functions: input.functions ?? '',
    landline: input.landline ?? '',
    passwordConfirm: input.password,
  }
}

const EMPTY: RegistrationValues = {
  name: '',
  type: '',
  systemCategory: '',
  regionCode: '',
  creditCode: '',
  superiorUnitName: '',
  functions: '',
  address: '',
  postcode: '',
  landline: '',
  handlerName: '',
  handlerMobile: '',
  handlerEmail: '',
  handlerIdNumber: '',
  username: '',
  password: '',
  passwordConfirm: '',
  verificationCode: '',
}

const CASES: [string, (valid: RegistrationValues) => RegistrationValues][] = [
  ['an empty form', () => EMPTY],
  [
    'a one-character name, a 17-character credit code, a short postcode',
    (v) => ({ ...v, name: '局', creditCode: v.creditCode.slice(0, 17), postcode: '4573' }),
  ],
  [
    'a credit code with a wrong check character',
    (v) => ({ ...v, creditCode: v.creditCode.slice(0, 17) + (v.creditCode.endsWith('0') ? '1' : '0') }),
  ],
  [
    'an ID number with a wrong check character, and one too short',
    (v) => ({ ...v, handlerIdNumber: v.handlerIdNumber.slice(0, 17) + (v.handlerIdNumber.endsWith('0') ? '1' : '0') }),
  ],
  [
    'a 17-digit ID number and a 7-digit mobile',
    (v) => ({ ...v, handlerIdNumber: v.handlerIdNumber.slice(0, 17), handlerMobile: '1390000' }),
  ],
  [
    'an email without a domain, a landline with letters, a short address',
    (v) => ({ ...v, handlerEmail: 'someone@example', landline: '0393-abc', address: '清丰' }),
  ],
  [
    'a user name with capitals and a sign, a password of 9 characters',
    (v) => ({ ...v, username: 'Bad Name!', password: 'Short-123' }),
  ],
  // An empty user name is no reason to refuse the password (it is "contained" in every one).
  ['no user name, with a good password', (v) => ({ ...v, username: '' })],
  [
    'a password that contains the user name',
    (v) => ({ ...v, username: 'qingfeng_unit', password: 'Qingfeng_Unit2026', passwordConfirm: 'Qingfeng_Unit2026' }),
  ],
  ['a 5-digit SMS code and no region', (v) => ({ ...v, verificationCode: '12345', regionCode: '' })],
  ['a valid form', (v) => v],
]

describe('the registration form’s checks agree with registerUnit', () => {
  it.each(CASES)('%s', async (_name, make) => {
    const values = make(validValues())
    const browser = withoutBrowserOnly(registrationProblems(values))
    const { passwordConfirm: _confirm, type: _type, systemCategory: _category, ...text } = values
    const result = await t.execute(RegisterUnitDocument, {
      input: {
        ...text,
        type: 'PARTY_GOVERNMENT',
        systemCategory: 'GOVERNMENT',
        superiorUnitName: text.superiorUnitName || null,
        functions: text.functions || null,
        landline: text.landline || null,
      },
    })
    const error = result.errors?.[0]
    if (Object.keys(browser).length) {
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(error?.extensions?.fields).toEqual(browser)
    } else {
      // Past the form: the API now checks the SMS code, which was never sent.
      expect(error?.extensions?.fields ?? {}).not.toHaveProperty('name')
      expect(
        Object.keys((error?.extensions?.fields as object | undefined) ?? {}).filter(
          (field) => field !== 'verificationCode',
        ),
      ).toEqual([])
    }
  })

  it('marks every empty required field, the selects and 确认密码 included', () => {
    expect(Object.keys(registrationProblems(EMPTY)).sort()).toEqual(
      [
        'address',
        'creditCode',
        'handlerEmail',
        'handlerIdNumber',
        'handlerMobile',
        'handlerName',
        'name',
        'password',
        'passwordConfirm',
        'postcode',
        'regionCode',
        'systemCategory',
        'type',
        'username',
        'verificationCode',
      ].sort(),
    )
  })
})

describe('the contact form’s checks agree with updateUnitContacts', () => {
  it.each([
    [
      'an emptied form',
      {
        handlerName: '',
        handlerMobile: '',
        handlerEmail: '',
        handlerIdNumber: '',
        landline: '',
        address: '',
        postcode: '',
      },
    ],
    ['a new mobile (经办人交接), a bad landline', { handlerMobile: '13912340000', landline: 'x123' }],
    ['a new handler name and a bad email', { handlerName: '赵新经办', handlerEmail: 'not-an-email' }],
    ['a short postcode and a wrong ID number', { postcode: '45730', handlerIdNumber: '410922199001010000' }],
  ] as const)('%s', async (_name, change) => {
    const cookie = await t.login('qfzf')
    const loaded = (await t.execute(UnitContactsDocument, {}, { cookie })).data!.myUnitContacts
    const values = { ...contactFormOf(loaded), ...change }
    const browser = contactChangeProblems(values, loaded, loaded.handlerIdNumber ?? null)
    const result = await t.execute(
      UpdateUnitContactsDocument,
      { input: { ...values, landline: values.landline || null, verificationCode: null, version: loaded.version } },
      { cookie },
    )
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(result.errors?.[0]?.extensions?.fields).toEqual(browser)
  })
})
