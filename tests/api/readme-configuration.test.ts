// Every environment variable the API or the portal reads is a row of README's configuration table. A newcomer (or
// an operator) learns the settings from that table; a variable added in the code alone (ACTIVATION_HOURS,
// PASSWORD_HISTORY and UNIT_MAX_USERS came in that way) stays invisible until someone reads the source.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from '../testkit/paths.ts'

/** Set by Node or Next.js themselves, or by the portal's server for Next (web/server.mjs): nothing to configure. */
const NOT_SETTINGS = new Set(['NEXT_RUNTIME', 'NEXT_TELEMETRY_DISABLED'])

const SOURCE_ROOTS = ['server/src', 'web']
const SKIPPED_FOLDERS = new Set(['node_modules', 'generated', '.next'])

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(full)
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/**
 * The variables a source reads: `process.env.NAME`, `env.NAME`, `process.env['NAME']`, and the names config.ts
 * hands to its readers (`integer('NAME', …)`, `onOff('NAME', …)`, …).
 */
export function environmentVariablesIn(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/[^\n]*/g, '$1')
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /\benv\[\s*'([A-Z][A-Z0-9_]+)'\s*\]/g,
    /\b(?:integer|positive|percent|onOff|trueFalse|paths|optionalPort|oneOf)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  ]
  return [...new Set(patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!)))]
}

/** The variable names in README's `## Configuration` table (first column, each name in backticks). */
function documentedVariables(): Set<string> {
  const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8')
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^\*\*|^## /m)[0] ?? ''
  const firstCells = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1] ?? '')
  return new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!)))
}

describe('README’s configuration table', () => {
  it('names every environment variable the API and the portal read', () => {
    const documented = documentedVariables()
    expect(documented.size).toBeGreaterThan(40)
    const undocumented = SOURCE_ROOTS.flatMap((root) => sourceFiles(path.join(repositoryRoot, root)))
      .flatMap((file) =>
        environmentVariablesIn(readFileSync(file, 'utf8')).map((name) => ({
          name,
          file: path.relative(repositoryRoot, file),
        })),
      )
      .filter(({ name }) => !documented.has(name) && !NOT_SETTINGS.has(name))
      .map(({ name, file }) => `${name} (${file})`)
    expect([...new Set(undocumented)].sort()).toEqual([])
  })

  it('finds the variables in the ways the code reads them', () => {
    expect(
      environmentVariablesIn(
        [
          "activationHours: positive('ACTIVATION_HOURS', 72),",
          "enabled: onOff('SECOND_FACTOR', process.env.NODE_ENV === 'production'),",
          'const port = Number(process.env.WEB_PORT || 3000)',
          "const raw = env['PUBLIC_PORTAL_URL']",
          '// process.env.IN_A_COMMENT',
        ].join('\n'),
      ).sort(),
    ).toEqual(['ACTIVATION_HOURS', 'NODE_ENV', 'PUBLIC_PORTAL_URL', 'SECOND_FACTOR', 'WEB_PORT'])
  })
})
