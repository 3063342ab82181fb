// The portal's own TypeScript sources (web/, without node_modules, the build and generated code), for the tests that
// read the portal's code for rules a type checker cannot see.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from './paths.ts'

export const webDir = path.join(repositoryRoot, 'web')
const SKIPPED_DIRS = new Set(['node_modules', '.next', 'generated'])

/** Every .ts and .tsx file under `dir` (web/ unless told), declarations left out. */
export function portalSourceFiles(dir = webDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : portalSourceFiles(full)
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}
