// Phrases the templates share: a date, a reason as one sentence, a domain with its former name.

export function dateText(value: string | Date | null | undefined): string {
  if (value == null || value === '') return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return value
}

/**
 * Free text (a reviewer's reason) that ends a sentence, with exactly one closing mark: its own 。！？ stays, a
 * trailing comma, colon or ASCII full stop gives way to 。 (a reason written as 「……，请重新申请。」 must not read
 * 「……请重新申请。。请修改后重新提交」).
 */
export function asSentence(text: string): string {
  const trimmed = text
    .trim()
    .replace(/!$/u, '！')
    .replace(/\?$/u, '？')
    .replace(/[\s，,、；;：:.．。]+$/u, '')
  if (!trimmed) return ''
  return /[！？…]$/u.test(trimmed) ? trimmed : `${trimmed}。`
}

/** `，原因：xxx。` (one closing mark, whatever the reason ends with), or `。` without a reason. */
export const because = (reason: string) => (reason && asSentence(reason) ? `，原因：${asSentence(reason)}` : '。')

/** The domain, and its earlier name if a resubmission changed it: `新名.政务（原 旧名.政务）`. */
export const domainNamed = (p: { domain: string; formerDomain: string }) =>
  p.formerDomain && p.formerDomain !== p.domain ? `${p.domain}（原 ${p.formerDomain}）` : p.domain
/** The same before Chinese text: a space ends a bare domain name (清丰.政务 编办审核), not the closing bracket. */
export const domainThen = (p: { domain: string; formerDomain: string }) =>
  domainNamed(p).endsWith('）') ? domainNamed(p) : `${domainNamed(p)} `
