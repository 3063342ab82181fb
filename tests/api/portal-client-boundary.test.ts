// What the portal's server code takes from its 'use client' modules. A server component that imports something
// from such a module gets a client reference, which it can only render as a component: a GraphQL document taken
// that way has no text and no hash, and loading it hung /unit/contacts for ever (issue 15). So server modules may
// import only components (exported functions with a capitalised name) from client modules; documents, helpers and
// constants belong in modules without the directive.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { portalSourceFiles, webDir } from '../testkit/portalSources.ts'

/** Whether the module starts (after comments) with the 'use client' directive. */
function isClientModule(source: string): boolean {
  const code = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '')
  return /^['"]use client['"]/.test(code)
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/')
    ? path.join(webDir, specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!base) return null
  for (const candidate of [
    base,
    `${base}.tsx`,
    `${base}.ts`,
    path.join(base, 'index.tsx'),
    path.join(base, 'index.ts'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  return null
}

/** The value (not type-only) names a module imports by name, per module specifier. */
function namedValueImports(source: string): { specifier: string; names: string[] }[] {
  const imports: { specifier: string; names: string[] }[] = []
  for (const match of source.matchAll(
    /^import\s+(type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/gm,
  )) {
    if (match[1]) continue
    const names = match[2]!
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part && !part.startsWith('type '))
      .map((part) => part.split(/\s+as\s+/)[0]!.trim())
    if (names.length) imports.push({ specifier: match[3]!, names })
  }
  return imports
}

/** A component as a server module may render it: `export function Name(`, capitalised. */
function exportsComponent(source: string, name: string): boolean {
  return /^[A-Z]/.test(name) && new RegExp(`^export\\s+(?:async\\s+)?function\\s+${name}\\s*[(<]`, 'm').test(source)
}

describe('the portal’s server modules and its client modules', () => {
  it("server modules import only components from 'use client' modules", () => {
    const files = portalSourceFiles()
    expect(files.length).toBeGreaterThan(50)
    const offending: string[] = []
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      if (isClientModule(source)) continue
      for (const { specifier, names } of namedValueImports(source)) {
        const target = resolveImport(file, specifier)
        if (!target) continue
        const targetSource = readFileSync(target, 'utf8')
        if (!isClientModule(targetSource)) continue
        for (const name of names) {
          if (!exportsComponent(targetSource, name))
            offending.push(
              `${path.relative(webDir, file)} imports ${name} from the client module ${path.relative(webDir, target)}`,
            )
        }
      }
    }
    expect(offending).toEqual([])
  })

  it('recognises the directive and named imports the way the check above relies on', () => {
    expect(isClientModule("'use client'\nexport function A() {}")).toBe(true)
    expect(isClientModule('// why\n// more\n"use client"\n')).toBe(true)
    expect(isClientModule("import x from 'y'\n'use client'")).toBe(false)
    expect(
      namedValueImports(
        "import { A, type B, C as D } from '@/x'\nimport type { E } from './e'\nimport F, { G } from './g'",
      ),
    ).toEqual([
      { specifier: '@/x', names: ['A', 'C'] },
      { specifier: './g', names: ['G'] },
    ])
  })
})
