// The server as production runs it: src/main.ts (the API), src/forwarder/main.ts (the URL转发 server) and the
// scheduler and delivery worker of src/processes/ bundled by esbuild into dist/main.mjs, dist/forwarder.mjs,
// dist/scheduler.mjs and dist/worker.mjs, with the npm packages left as imports. Running the bundle
// instead of the sources under tsx saves tsx's loader (a thread with its own heap, and esbuild's transforms kept
// in memory): the API's resident memory at start went from about 330 MB to about 200 MB (docs/benchmarks.md, issue
// 21). It takes well under a second, so `npm start` builds before it starts and the browser tests build before
// they start the API: a bundle never lags behind the sources it is run for.
//
//   node scripts/build.mjs [api|forwarder|scheduler|worker]...   (all without an argument)
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export const ENTRIES = {
  api: { entry: 'src/main.ts', out: 'dist/main.mjs' },
  forwarder: { entry: 'src/forwarder/main.ts', out: 'dist/forwarder.mjs' },
  scheduler: { entry: 'src/processes/scheduler.ts', out: 'dist/scheduler.mjs' },
  worker: { entry: 'src/processes/deliveryWorker.ts', out: 'dist/worker.mjs' },
}

/**
 * node's arguments in server/package.json's start script ("node [options] dist/main.mjs"): whatever else starts the
 * API as `npm start` does (the browser suite, the API benchmark) takes them from here, so it cannot drift.
 */
export function apiStartArgs() {
  const manifest = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8'))
  const [command, ...args] = manifest.scripts.start.trim().split(/\s+/)
  if (command !== 'node' || args.at(-1) !== ENTRIES.api.out)
    throw new Error(
      `server/package.json's start script is not "node [options] ${ENTRIES.api.out}": ${manifest.scripts.start}`,
    )
  return args
}

/** Bundles the named entries; resolves to the bundles' absolute paths. */
export async function buildServer(names = Object.keys(ENTRIES)) {
  const outputs = []
  for (const name of names) {
    const target = ENTRIES[name]
    if (!target) throw new Error(`unknown entry "${name}" (one of ${Object.keys(ENTRIES).join(', ')})`)
    await build({
      entryPoints: [path.join(serverDir, target.entry)],
      // dist/ sits two levels below the repository, as src/ does, so the paths src/config.ts derives from
      // import.meta.url (prisma/migrations, the trusted-documents manifest, data/pglite) are the same.
      outfile: path.join(serverDir, target.out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // npm packages stay imports, resolved from node_modules as under tsx (Prisma's runtime, pg, yoga...).
      packages: 'external',
      // Not loaded unless node runs with --enable-source-maps (it costs memory): for reading a stack trace.
      sourcemap: 'linked',
      logLevel: 'warning',
    })
    outputs.push(path.join(serverDir, target.out))
  }
  return outputs
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2)
  await buildServer(names.length ? names : undefined)
}
