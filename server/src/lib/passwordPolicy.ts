// The password policy (等保 L3, ASVS L2 / NIST 800-63B): checked wherever a password is set (registration, a
// password change; later activation and reset). Length and a list of known passwords, no composition rules: a
// long password nobody has leaked is what resists guessing, "Abc12345" does not.
import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN_LENGTH = 10
/** Argon2 takes any length; the cap only keeps a request from hashing megabytes. */
export const PASSWORD_MAX_LENGTH = 128

/**
 * Common and leaked passwords: zxcvbn-ts's "passwords-common" list (about 49,000 entries, most frequent first,
 * lower case), from @zxcvbn-ts/language-common (MIT, pinned in server/package.json). Built once, on first use.
 */
let knownPasswords: Set<string> | undefined
function isKnownPassword(password: string): boolean {
  knownPasswords ??= new Set(dictionary['passwords-common'])
  return knownPasswords.has(password.toLowerCase())
}

/** Length in characters as a person counts them (code points: 中文 and emoji count one each). */
const lengthOf = (text: string) => [...text].length

/**
 * Why the password breaks the policy, in Chinese naming the rule, or null when it passes.
 * `username` is the login name it must not equal or contain (case-insensitively); an empty one is not compared.
 */
export function passwordPolicyProblem(password: string, username: string): string | null {
  const length = lengthOf(password)
  if (length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`
  if (length > PASSWORD_MAX_LENGTH) return `密码不超过 ${PASSWORD_MAX_LENGTH} 个字符`
  const name = username.trim().toLowerCase()
  if (name && password.toLowerCase().includes(name)) return '密码不能包含用户名'
  if (isKnownPassword(password)) return '该密码过于常见或已在泄露的密码库中出现，请换一个'
  return null
}
