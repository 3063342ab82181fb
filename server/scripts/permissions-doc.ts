// Writes docs/permissions.md from the policy table (see server/src/commands/docs.ts).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderPermissionsDoc } from '../src/commands/docs.ts'

const target = fileURLToPath(new URL('../../docs/permissions.md', import.meta.url))
writeFileSync(target, renderPermissionsDoc())
console.log(`wrote ${target}`)
