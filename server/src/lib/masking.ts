// Masked forms of personal data, for lists, audit rows, review snapshots and messages: enough to tell two values
// apart or see that one changed, not enough to use it. The one place these are made.

/** 410902********1233: the region and the last four characters of an 18-character ID number. */
export function maskIdNumber(id: string): string
export function maskIdNumber(id: string | null): string | null
export function maskIdNumber(id: string | null): string | null {
  return id && id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id
}

/** 138****5678. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile
}
