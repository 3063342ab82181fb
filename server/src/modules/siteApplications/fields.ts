// The fields a unit fills in on 网站开办审核/资格复核申请: their names, how input is merged into a stored
// application, and the empty form a new draft starts from. A review snapshots them (ReviewDecision.snapshot) so a
// resubmission can show what changed.
import { badInput } from '../../errors.ts'
import type { SiteApplicationKind } from '../../generated/prisma/enums.ts'

export interface SiteApplicationFields {
  kind: SiteApplicationKind
  siteName: string
  siteIntro: string
  chineseDomainId: number | null
  englishDomain: string | null
  useMicroSite: boolean
  ipAddress: string | null
  principalName: string
  principalLandline: string | null
  principalMobile: string
  principalEmail: string
  handlerName: string
  handlerLandline: string | null
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
}

export const FIELD_NAMES: (keyof SiteApplicationFields)[] = [
  'kind',
  'siteName',
  'siteIntro',
  'chineseDomainId',
  'englishDomain',
  'useMicroSite',
  'ipAddress',
  'principalName',
  'principalLandline',
  'principalMobile',
  'principalEmail',
  'handlerName',
  'handlerLandline',
  'handlerMobile',
  'handlerEmail',
  'handlerIdNumber',
]

export type SiteApplicationFieldsInput = {
  [K in keyof SiteApplicationFields]?: SiteApplicationFields[K] | string | null
}

/** Optional text fields: left empty, they are stored as null. */
const OPTIONAL_TEXT: readonly (keyof SiteApplicationFields)[] = [
  'englishDomain',
  'ipAddress',
  'principalLandline',
  'handlerLandline',
]

/** A stored application's fields (Char columns come back space-padded). */
export function fieldsOf(row: SiteApplicationFields): SiteApplicationFields {
  const out = {} as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    const value = row[name]
    out[name] = typeof value === 'string' ? value.trim() : value
  }
  return out as unknown as SiteApplicationFields
}

/** The stored fields with the given ones applied (strings trimmed; empty optional strings become null). */
export function mergeFields(base: SiteApplicationFields, input: SiteApplicationFieldsInput): SiteApplicationFields {
  const out = { ...base } as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    const value = input[name]
    if (value === undefined) continue
    if (name === 'chineseDomainId') {
      const id = value == null || value === '' ? null : Number(value)
      if (id != null && !Number.isSafeInteger(id)) throw badInput('中文域名无效', { chineseDomainId: '中文域名无效' })
      out[name] = id
    } else if (name === 'useMicroSite') out[name] = value === true
    else if (name === 'kind') out[name] = value ?? base.kind
    else {
      const text = typeof value === 'string' ? value.trim() : ''
      out[name] = OPTIONAL_TEXT.includes(name) && !text ? null : text
    }
  }
  const fields = out as unknown as SiteApplicationFields
  if (fields.englishDomain) fields.englishDomain = fields.englishDomain.toLowerCase()
  fields.handlerIdNumber = fields.handlerIdNumber.toUpperCase() // a lower-case x check character is the same number
  return fields
}

/** The form a new draft starts from. */
export const EMPTY_FIELDS: SiteApplicationFields = {
  kind: 'NEW_SITE',
  siteName: '',
  siteIntro: '',
  chineseDomainId: null,
  englishDomain: null,
  useMicroSite: false,
  ipAddress: null,
  principalName: '',
  principalLandline: null,
  principalMobile: '',
  principalEmail: '',
  handlerName: '',
  handlerLandline: null,
  handlerMobile: '',
  handlerEmail: '',
  handlerIdNumber: '',
}
