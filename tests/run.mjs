#!/usr/bin/env node
// `npm test`: everything, in order, ending with one line "N passed, N failed" for CI.
//   1. installs what is missing: npm packages, Debian's Chromium and a CJK font for the browser tests, and (as
//      root) PowerDNS, dig and named-checkzone for the DNS tests, nginx and openssl for the production-shape test
//   2. lint (ESLint, import cycles included) and the format check (Prettier): cheap, so first
//   3. generates code and typechecks every workspace (turbo), builds the portal
//   4. API tests (vitest) on the embedded PGlite database, and again on PostgreSQL when TEST_DATABASE_URL is set
//   5. browser tests (vitest + playwright-core driving Chromium) against the real API and portal
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const testsDir = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(testsDir, '..')
const artifacts = path.join(testsDir, '.artifacts')
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
}
const totals = { passed: 0, failed: 0, skipped: 0 }

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label}`)
  const started = Date.now()
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: options.cwd ?? root,
    env: { ...env, ...options.env },
  })
  console.log(
    `=== ${label}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return result.status === 0
}

/** A step that is one check of its own (it passes or fails as a whole). */
function check(label, command, args, options) {
  const ok = run(label, command, args, options)
  if (ok) totals.passed++
  else totals.failed++
  return ok
}

/** A vitest run; its reporter leaves the counts in .artifacts/summary-<name>.json. */
function vitest(name, project, extraEnv = {}) {
  const summaryFile = path.join(artifacts, `summary-${name}.json`)
  rmSync(summaryFile, { force: true })
  const ok = run(
    `vitest ${name}`,
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.config.ts', '--project', project],
    {
      cwd: testsDir,
      env: { TEST_SUMMARY_NAME: name, ...extraEnv },
    },
  )
  if (!existsSync(summaryFile)) {
    totals.failed++ // vitest died before reporting
    return
  }
  const counts = JSON.parse(readFileSync(summaryFile, 'utf8'))
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  if (!ok && counts.failed === 0) totals.failed++ // e.g. a failing global setup
}

function ensureNpmPackages() {
  const needed = [
    'node_modules/.bin/turbo',
    'node_modules/vitest',
    'node_modules/.bin/eslint',
    'node_modules/.bin/prettier',
  ]
  if (needed.every((file) => existsSync(path.join(root, file)))) return true
  return run('npm install (packages missing)', 'npm', ['install', '--no-audit', '--no-fund'])
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'

function ensureBrowser() {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONT)) return true
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium (${CHROMIUM}) or the CJK font is missing; install them with: sudo apt-get install -y chromium fonts-wqy-zenhei`,
    )
    return false
  }
  return (
    run('apt-get update', 'apt-get', ['update', '-q']) &&
    run(
      'apt-get install chromium fonts-wqy-zenhei',
      'apt-get',
      ['install', '-y', '-q', 'chromium', 'fonts-wqy-zenhei'],
      {
        env: { DEBIAN_FRONTEND: 'noninteractive' },
      },
    )
  )
}

/**
 * The DNS tests' tools (Debian packages): PowerDNS with its PostgreSQL backend, dig, named-checkzone. Installed
 * when running as root; otherwise those tests skip with a note (PowerDNS's also without TEST_DATABASE_URL).
 */
function ensureDnsTools() {
  const present =
    existsSync('/usr/sbin/pdns_server') && existsSync('/usr/bin/dig') && existsSync('/usr/bin/named-checkzone')
  if (present || process.getuid?.() !== 0) {
    if (!present)
      console.log(
        'PowerDNS/dig/named-checkzone missing: sudo apt-get install -y pdns-server pdns-backend-pgsql dnsutils bind9-utils',
      )
    return
  }
  run(
    'apt-get install pdns-server pdns-backend-pgsql dnsutils bind9-utils',
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', 'pdns-server', 'pdns-backend-pgsql', 'dnsutils', 'bind9-utils'],
    { env: { DEBIAN_FRONTEND: 'noninteractive' } },
  )
}

/**
 * The production-shape test's parts (Debian packages): nginx and openssl (its self-signed certificate). Installed
 * when running as root; otherwise that test skips with a note. apt starts nginx's service where there is an init:
 * it is stopped again, the test runs its own nginx on free ports.
 */
function ensureProxyTools() {
  let present = existsSync('/usr/sbin/nginx')
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
  } catch {
    present = false
  }
  if (present || process.getuid?.() !== 0) {
    if (!present) console.log('nginx/openssl missing: sudo apt-get install -y nginx openssl')
    return
  }
  run(
    'apt-get install nginx openssl',
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', 'nginx', 'openssl'],
    { env: { DEBIAN_FRONTEND: 'noninteractive' } },
  )
  spawnSync('service', ['nginx', 'stop'], { stdio: 'ignore' })
}

/** Lint and the format check, each a check of its own. A failure fails the run; the tests still run and report. */
function lintAndFormat() {
  if (!check('lint (eslint)', 'npm', ['run', '--silent', 'lint'])) {
    console.log(
      'LINT FAILED: the problems are listed above (`npm run lint` repeats them; `npm run lint -- --fix` fixes some)',
    )
  }
  if (!check('format check (prettier --check)', 'npm', ['run', '--silent', 'format:check'])) {
    console.log('FORMAT CHECK FAILED: the files listed above are not formatted (`npm run format` formats them)')
  }
}

const started = Date.now()
const installed = ensureNpmPackages()
const hasBrowser = installed && ensureBrowser()
if (installed) ensureDnsTools()
if (installed) ensureProxyTools()
if (!installed) totals.failed++
else {
  lintAndFormat()
  const typechecked = check('generate + typecheck (turbo)', 'npx', ['turbo', 'run', 'typecheck', '--log-prefix=none'])
  check('prisma/schema matches prisma/migrations', 'node', ['server/scripts/new-migration.mjs', '--check'])
  if (typechecked) {
    // TEST_DATABASE_URL unset for this run: the tests' databases follow it (testkit/database.ts), and CI sets it.
    vitest('api-pglite', 'api', { TEST_DATABASE_URL: '' })
    if (process.env.TEST_DATABASE_URL)
      vitest('api-postgres', 'api', { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL })
    if (!hasBrowser) totals.failed++
    else if (check('build the portal (turbo)', 'npx', ['turbo', 'run', 'build', '--log-prefix=none']))
      vitest('e2e', 'e2e')
  }
}
console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`)
process.exit(totals.failed ? 1 : 0)
