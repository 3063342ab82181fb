import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const testsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const repositoryRoot = path.resolve(testsDir, '..')
/** Scratch space for test runs (gitignored). */
export const artifactsDir = path.join(testsDir, '.artifacts')
export const migrationsDir = path.join(repositoryRoot, 'prisma/migrations')
