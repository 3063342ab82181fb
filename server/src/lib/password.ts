// Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, 2 iterations, 1 lane).
import { hash, verify } from '@node-rs/argon2'

// algorithm 2 is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false // a malformed stored hash never authenticates
  }
}

/** A hash to verify against when the login name does not exist, so both failures take the same time. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-that-never-matches')
  return decoyHash
}
