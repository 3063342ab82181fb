// The fields a unit fills in on 网站开办审核/资格复核申请: their names, how input is merged into a stored
// application, and the empty form a new draft starts from. A review snapshots them (ReviewDecision.snapshot) so a
// resubmission can show what changed.
// The ID number is plaintext only in SiteApplicationFields, in memory while a form is merged and checked; the row
// holds it encrypted with its masked form (StoredFields), and snapshots and audit rows carry the masked form only.
import { badInput } from '../../errors.ts'
import type { SiteApplicationKind } from '../../generated/prisma/enums.ts'
import { openIdNumber, sealIdNumber, type SealedIdNumber } from '../../lib/idNumberColumns.ts'
import { maskIdNumber } from '../../lib/masking.ts'

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

/** The fields as the row stores them: the ID number encrypted, with its masked form. */
export type StoredFields = Omit<SiteApplicationFields, 'handlerIdNumber'> & {
  handlerIdNumberEnc: string | null
  handlerIdNumberMasked: string | null
}

/** The columns that hold the fields (a Prisma select of them all). */
export const STORED_FIELD_SELECT = Object.fromEntries(
  [...FIELD_NAMES.filter((name) => name !== 'handlerIdNumber'), 'handlerIdNumberEnc', 'handlerIdNumberMasked'].map(
    (name) => [name, true],
  ),
) as Record<keyof StoredFields, true>

/** A stored row's fields with the masked ID number, or the number itself when `plainIdNumber` (Char columns come back space-padded). */
function readFields(row: StoredFields, plainIdNumber: boolean): SiteApplicationFields {
  const out = {} as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    if (name === 'handlerIdNumber') continue
    const value = row[name]
    out[name] = typeof value === 'string' ? value.trim() : value
  }
  out.handlerIdNumber = plainIdNumber
    ? (openIdNumber('siteApplication', row.handlerIdNumberEnc) ?? '')
    : (row.handlerIdNumberMasked?.trim() ?? '')
  return out as unknown as SiteApplicationFields
}

/** A stored application's fields with the ID number decrypted: only to merge a form and check it, never to show. */
export function fieldsOf(row: StoredFields): SiteApplicationFields {
  return readFields(row, true)
}

/** A stored application's fields as people see them (the ID number masked): review snapshots, audit rows, changes. */
export function reviewedFieldsOf(row: StoredFields): SiteApplicationFields {
  return readFields(row, false)
}

/** The same fields with the ID number masked (for audit rows of a write). */
export function maskedFields(fields: SiteApplicationFields): SiteApplicationFields {
  return { ...fields, handlerIdNumber: maskIdNumber(fields.handlerIdNumber) }
}

/** The columns a write sets: the ID number encrypted and masked. */
export function columnsOf(
  fields: SiteApplicationFields,
): Omit<SiteApplicationFields, 'handlerIdNumber'> & SealedIdNumber {
  const { handlerIdNumber, ...rest } = fields
  return { ...rest, ...sealIdNumber('siteApplication', handlerIdNumber) }
}

/** The stored fields with the given ones applied (strings trimmed; empty optional strings become null). */
export function mergeFields(base: SiteApplicationFields, input: SiteApplicationFieldsInput): SiteApplicationFields {
  const out = { ...base } as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    const value = input[name]
    if (value === undefined) continue
    // The portal shows only the masked number: sent back as shown, it leaves the stored one as it is.
    if (name === 'handlerIdNumber' && base.handlerIdNumber && value === maskIdNumber(base.handlerIdNumber)) continue
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
