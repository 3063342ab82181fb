// The four badge facts a 变更 may touch, and the rules for a request's input: what the facts become, what is wrong
// with them (per input field, all at once), and the unit's reason.
import { isIP } from 'node:net'
import type { BadgePlacement, UnitType } from '../../generated/prisma/enums.ts'
import { englishDomainProblem } from '../../lib/englishDomain.ts'

export interface BadgeFacts {
  placement: BadgePlacement
  siteName: string
  englishDomain: string | null
  ipAddress: string | null
}

export const BADGE_FACT_NAMES: (keyof BadgeFacts)[] = ['placement', 'siteName', 'englishDomain', 'ipAddress']

export const factsOf = (badge: BadgeFacts): BadgeFacts => ({
  placement: badge.placement,
  siteName: badge.siteName,
  englishDomain: badge.englishDomain,
  ipAddress: badge.ipAddress,
})

/** What a 变更 asks for; a value left out (undefined or null) keeps the current one. */
export interface RequestedFacts {
  newPlacement?: BadgePlacement | null
  newSiteName?: string | null
  newEnglishDomain?: string | null
  newIpAddress?: string | null
  reason?: string | null
}

const REASON_LIMIT = 500

export type Problems = Record<string, string>

/** The unit's reason: required (2-500 characters) for 注销, optional (at most 500) for 变更. */
export function checkReason(raw: string | null | undefined, required: boolean, problems: Problems): string | null {
  const reason = raw?.trim() || null
  if (required && (!reason || [...reason].length < 2)) problems.reason = '请填写 2-500 个字的注销原因'
  else if (reason && [...reason].length > REASON_LIMIT) problems.reason = `原因不能超过 ${REASON_LIMIT} 个字`
  return reason
}

/**
 * The badge's facts after the change: a value left out keeps the current one; the micro-site has no English
 * domain or IP; a self-built site needs both, its domain of the kind the unit's type may use (lib/englishDomain.ts).
 */
export function changedFacts(current: BadgeFacts, unitType: UnitType, input: RequestedFacts) {
  const problems: Problems = {}
  const text = (value: string | null | undefined, fallback: string | null) =>
    value == null ? fallback : value.trim() || null
  const placement = input.newPlacement ?? current.placement
  const siteName = text(input.newSiteName, current.siteName)
  if (!siteName) problems.newSiteName = '请填写网站名称'
  else if ([...siteName].length > 128) problems.newSiteName = '网站名称不能超过 128 个字符'
  let englishDomain: string | null = null
  let ipAddress: string | null = null
  if (placement === 'MICRO_SITE') {
    if (input.newEnglishDomain?.trim()) problems.newEnglishDomain = '挂标位置为网络红页时不填写英文域名'
    if (input.newIpAddress?.trim()) problems.newIpAddress = '挂标位置为网络红页时不填写 IP 地址'
  } else {
    englishDomain = text(input.newEnglishDomain, current.englishDomain)?.toLowerCase() ?? null
    ipAddress = text(input.newIpAddress, current.ipAddress)
    const domainProblem = englishDomain ? englishDomainProblem(englishDomain, unitType) : '自建网站须填写英文域名'
    if (domainProblem) problems.newEnglishDomain = domainProblem
    if (!ipAddress) problems.newIpAddress = '自建网站须填写网站 IP 地址'
    else if (ipAddress.length > 45 || isIP(ipAddress) === 0) problems.newIpAddress = 'IP 地址格式不正确（IPv4 或 IPv6）'
    else if (isIP(ipAddress) === 6) ipAddress = ipAddress.toLowerCase()
  }
  const reason = checkReason(input.reason, false, problems)
  const next: BadgeFacts = { placement, siteName: siteName ?? '', englishDomain, ipAddress }
  if (
    !Object.keys(problems).length &&
    BADGE_FACT_NAMES.every((name) => (next[name] ?? null) === (current[name] ?? null))
  ) {
    problems.newPlacement = '变更内容与当前标识信息相同，请至少修改一项'
  }
  return { next, reason, problems }
}

/** The facts an approved 变更 leaves on the badge (the micro-site drops the English domain and IP). */
export function approvedFacts(
  badge: BadgeFacts,
  request: {
    newPlacement: BadgePlacement | null
    newSiteName: string | null
    newEnglishDomain: string | null
    newIpAddress: string | null
  },
): BadgeFacts {
  const placement = request.newPlacement ?? badge.placement
  const onMicroSite = placement === 'MICRO_SITE'
  return {
    placement,
    siteName: request.newSiteName ?? badge.siteName,
    englishDomain: onMicroSite ? null : (request.newEnglishDomain ?? badge.englishDomain),
    ipAddress: onMicroSite ? null : (request.newIpAddress ?? badge.ipAddress),
  }
}
