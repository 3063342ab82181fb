#!/usr/bin/env node
// Runs the Prisma CLI offline: points the engine variables at an existing file so the CLI does not try to
// download native engines (it uses the WebAssembly engines and driver adapters instead), and passes our config.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  // generators such as prisma-pothos-types are found on PATH
  PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_PLACEHOLDER_URL: 'postgresql://unused@localhost/unused',
}
const args = [cli, ...process.argv.slice(2), '--config', path.join(root, 'prisma/prisma.config.ts')]
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env, cwd: root })
process.exit(result.status ?? 1)
