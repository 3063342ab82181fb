// Names no unit may apply for. They name the state, its central organs or the registry itself, or are the bare
// words of the suffixes and the office; a unit holding one would look like it speaks for the whole country or
// for CONAC. Matched against the whole name (after trimming and lower-casing ASCII), so 清丰县人民政府 is fine
// while 政府 alone is not. Extend the list here; the availability check and the API both read it.
export const RESERVED_DOMAIN_NAMES: ReadonlySet<string> = new Set([
  // the state and its central organs
  '中国',
  '中华',
  '中华人民共和国',
  '国家',
  '中央',
  '党中央',
  '中共中央',
  '国务院',
  '全国人大',
  '全国政协',
  '中央军委',
  '最高人民法院',
  '最高人民检察院',
  // the registry, the offices and the suffixes themselves
  'conac',
  '中央编办',
  '编办',
  '政务',
  '公益',
  '政府',
  '人民政府',
  '机构编制',
  // placeholder and test names that would confuse people looking a domain up
  '测试',
  'test',
  '示例',
  'example',
  'www',
  'localhost',
])

export function isReservedDomainName(normalizedName: string): boolean {
  return RESERVED_DOMAIN_NAMES.has(normalizedName)
}
