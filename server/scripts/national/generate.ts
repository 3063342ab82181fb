// National dataset (issue 8): every province, city and county with 1,000,000 units, 2,000,000 domains, 300,000 site
// applications and their reviews, renewals, fees, remittances and ledger postings, loaded with COPY.
//
//   npm run dataset:national -w server -- --database-url postgres://postgres@127.0.0.1:55433/national [--scale 1.0] [--seed 42] [--fresh] [--now 2026-11-23]
import { parseArgs } from 'node:util'
import { prepareFreshDatabase } from './fresh.ts'
import { loadNationalDataset } from './load.ts'

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    fresh: { type: 'boolean', default: false },
    now: { type: 'string' },
    help: { type: 'boolean', default: false },
    'discard-output': { type: 'boolean', default: false },
  },
})

const url = values['database-url'] ?? process.env.DATABASE_URL
if (values.help || !url) {
  console.log(
    'usage: npm run dataset:national -w server -- --database-url <postgres url> [--scale 1.0] [--seed 42] [--fresh] [--now YYYY-MM-DD]',
  )
  process.exit(values.help ? 0 : 2)
}
const scale = Number(values.scale)
const seed = Number(values.seed)
if (!(scale > 0) || !Number.isInteger(seed)) {
  console.error('--scale must be a positive number and --seed an integer')
  process.exit(2)
}
const now = values.now ? new Date(`${values.now}T00:00:00Z`) : undefined
if (now && Number.isNaN(now.getTime())) {
  console.error('--now must be a date, YYYY-MM-DD')
  process.exit(2)
}

try {
  if (values.fresh) await prepareFreshDatabase(url)
  await loadNationalDataset({ url, scale, seed, now, discard: values['discard-output'] })
} catch (error) {
  console.error(`[national] ${(error as Error).stack ?? error}`)
  process.exit(1)
}
