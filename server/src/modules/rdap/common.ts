// The parts every RDAP answer shares (RFC 9083 §4): conformance, language, the terms-of-use notice, links to our
// own objects, and the error body (§6). Texts are in Chinese with the English beside them, since RDAP clients
// anywhere read them.
import { config } from '../../config.ts'

export const RDAP_CONTENT_TYPE = 'application/rdap+json'

/** rdap_level_0 always (RFC 9083 §4.1); `redacted` when the answer carries RFC 9537's redacted member. */
export function conformance(options: { redacted?: boolean } = {}): string[] {
  return options.redacted ? ['rdap_level_0', 'redacted'] : ['rdap_level_0']
}

/** The answers' language (RFC 9083 §4.4): the registry's data are Chinese. */
export const RDAP_LANG = 'zh-CN'

export interface RdapLink {
  value?: string
  rel: string
  href: string
  type?: string
  title?: string
  hreflang?: string
}

export interface RdapNotice {
  title?: string
  type?: string
  description: string[]
  links?: RdapLink[]
}

/** The public address of one of our RDAP paths, e.g. rdapUrl('domain/xn--….xn--zfr164b'). */
export const rdapUrl = (path: string) => `${config.rdap.baseUrl}/${path}`

/** A link to one of our RDAP objects: `value` is the address the client asked for (RFC 9083 §4.2). */
export function rdapLink(rel: string, path: string, value: string): RdapLink {
  return { value, rel, href: rdapUrl(path), type: 'application/rdap+json' }
}

/** 使用条款 Terms of use: in every answer (RFC 9083 §4.3), the help answer carries it alone. */
export function termsOfUse(requestUrl: string): RdapNotice {
  return {
    title: 'Terms of Use 使用条款',
    description: [
      '本服务由中央编办政务和公益机构域名注册管理中心提供，公开 .政务 和 .公益 域名的注册信息，仅供查询核实之用。',
      '只公开单位名称、所属区域和单位类型等公开信息；经办人的姓名、电话、电子邮件和身份证号等个人信息不予公开。',
      '不得将查询结果用于发送广告、批量收集或任何违法用途；每个地址的查询次数有限制，超出后请稍后再试。',
      'This service publishes the registration data of names under .政务 and .公益 for lookup and verification only.',
      "Only the registrant unit's public facts (name, region, unit type) are shown; the handler's personal data " +
        '(name, telephone, email, ID number) are withheld.',
      'Do not use the results for advertising, bulk collection or any unlawful purpose. Queries per address are ' +
        'rate-limited; when refused, try again later.',
    ],
    links: [rdapLink('help', 'help', requestUrl)],
  }
}

/** A notice that personal data were left out, for answers that name the registrant. */
export const REDACTION_NOTICE: RdapNotice = {
  title: 'Redacted Data 已隐去的个人信息',
  description: [
    '依照《个人信息保护法》，经办人的个人信息已隐去，见 redacted 成员（RFC 9537）。',
    "The handler's personal data are withheld under the Personal Information Protection Law; see the redacted " +
      'member (RFC 9537).',
  ],
}

/** RFC 9083 §6: the error body, with the reason in Chinese and English. */
export function errorBody(status: number, title: string, description: string[], requestUrl: string) {
  return {
    rdapConformance: conformance(),
    lang: RDAP_LANG,
    errorCode: status,
    title,
    description,
    notices: [termsOfUse(requestUrl)],
  }
}
