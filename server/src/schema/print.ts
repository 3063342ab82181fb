// Writes schema.graphql at the repository root (`npm run schema:print`). A test fails when it drifts.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../config.ts'
import { printedSchema } from './index.ts'

writeFileSync(path.join(repositoryRoot, 'schema.graphql'), printedSchema())
console.log('[schema] wrote schema.graphql')
