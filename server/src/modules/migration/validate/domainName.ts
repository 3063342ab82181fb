// The app's own rule on a domain name (domainApplications/names.ts nameProblem) at import speed. nameProblem runs
// UTS #46 (tr46) on every character and then on the whole name: about 130 µs a name, 4 minutes for the national
// 2,000,000. Here the per-character verdicts are remembered (a few thousand distinct 汉字 in all), and a name made
// only of remembered-good 汉字 and LDH characters, with its hyphens in allowed places, needs only its A-label's
// length: node's domainToASCII (the WHATWG/UTS #46 non-transitional mapping, identity on such names; tests compare
// it with tr46) gives it in a few µs. Anything else, and every refusal, goes to nameProblem itself, so the
// messages and the edge cases are the app's.
import { domainToASCII } from 'node:url'
import { MAX_LABEL_OCTETS, toULabel, tryALabel } from '../../../lib/idna.ts'
import { nameProblem } from '../../domainApplications/names.ts'
import { isReservedDomainName } from '../../domainApplications/reserved-names.ts'

const HAN = /\p{Script=Han}/u
const goodCharacters = new Map<string, boolean>()

function isGoodCharacter(character: string): boolean {
  const code = character.charCodeAt(0)
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d) return true
  let good = goodCharacters.get(character)
  if (good === undefined) {
    const aLabel = HAN.test(character) ? tryALabel(character) : null
    good = aLabel !== null && toULabel(aLabel) === character
    goodCharacters.set(character, good)
  }
  return good
}

export function domainNameProblem(name: string): string | null {
  let count = 0
  for (const character of name) {
    count++
    if (!isGoodCharacter(character)) return nameProblem(name)
  }
  if (count < 2 || name.startsWith('-') || name.endsWith('-') || [...name].slice(2, 4).join('') === '--')
    return nameProblem(name)
  const aLabel = domainToASCII(name)
  if (!aLabel || aLabel.length > MAX_LABEL_OCTETS || isReservedDomainName(name)) return nameProblem(name)
  return null
}
