// Reading + validating speed of the import (issue 20), without a database: generates a units CSV and a domains CSV
// of the national shape in a temporary folder (or reuses them), builds the validation context from the regions file
// and an office for every real region (what the seed does), and times validateFile on each.
// Run: node --import tsx server/scripts/migration-read-bench.ts [units=1000000] [domains=2000000]
import { createWriteStream, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import { creditCodeCheckCharacter } from '../src/lib/identifiers.ts'
import { isPlaceholderRegion, readRegionRows } from '../src/seed/regions.ts'
import { fileFromPath } from '../src/modules/migration/read/sourceFile.ts'
import { TEMPLATES, type FileKind } from '../src/modules/migration/templates.ts'
import { emptyContext, type ValidationContext } from '../src/modules/migration/validate/context.ts'
import { validateFile } from '../src/modules/migration/validate/validateFile.ts'

const unitCount = Number(process.argv[2] ?? 1_000_000)
const domainCount = Number(process.argv[3] ?? 2_000_000)
const folder = path.join(tmpdir(), 'migration-read-bench')

const regions = readRegionRows().filter((row) => row.level !== 'NATIONAL' && !isPlaceholderRegion(row.name))
const code = (i: number, region: string) => {
  const first17 = `12${region}${String(i).padStart(9, '0')}`
  return first17 + creditCodeCheckCharacter(first17)
}
const regionOf = (i: number) => regions[i % regions.length]!

async function write(file: string, kind: FileKind, rows: number, line: (i: number) => string) {
  if (existsSync(file)) return
  const out = createWriteStream(file)
  out.write(TEMPLATES[kind].columns.map((column) => column.header).join(',') + '\r\n')
  for (let i = 0; i < rows; i++) if (!out.write(line(i))) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

async function main() {
  if (process.argv.includes('--fresh')) rmSync(folder, { recursive: true, force: true })
  const { mkdirSync } = await import('node:fs')
  mkdirSync(folder, { recursive: true })
  const unitsFile = path.join(folder, `注册单位-${unitCount}.csv`)
  const domainsFile = path.join(folder, `域名-${domainCount}.csv`)
  const started = Date.now()
  await write(unitsFile, 'units', unitCount, (i) => {
    const region = regionOf(i)
    return `${code(i, region.code)},${region.name}第${i}号事业单位,事业单位,事业单位,${region.code},${region.name}人民政府,"承担公益服务，地址见""通讯地址""",${region.name}人民路${i % 500}号,457300,0393-7221000,张${i % 100},138${String(i).padStart(8, '0')},h${i}@example.cn,,unit${i},正常,2015-03-01\r\n`
  })
  await write(domainsFile, 'domains', domainCount, (i) => {
    const unit = i % unitCount
    return `单位${i}号网站.公益,${code(unit, regionOf(unit).code)},注册成功,2018/3/1,2027年3月1日,1\r\n`
  })
  console.log(`files ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${folder})`)

  const context: ValidationContext = emptyContext()
  for (const region of readRegionRows())
    context.regions.set(region.code, {
      name: region.name,
      level: region.level,
      placeholder: isPlaceholderRegion(region.name),
    })
  for (const region of regions) context.offices.add(region.code, 0)

  for (const [kind, file] of [
    ['units', unitsFile],
    ['domains', domainsFile],
  ] as const) {
    const source = fileFromPath(file)
    let problems = 0
    let first: unknown = null
    let rows = 0
    const begin = process.hrtime.bigint()
    const cpuBefore = process.cpuUsage()
    for await (const record of validateFile(kind, source, context, (problem) => {
      problems++
      first ??= problem
    })) {
      rows++
      if (rows === 1) void record
    }
    const seconds = Number(process.hrtime.bigint() - begin) / 1e9
    const cpu = process.cpuUsage(cpuBefore)
    // CPU time (this process's, GC threads included) says what the code costs when the machine is shared.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    ;(globalThis as { gc?: () => void }).gc?.()
    const heap = process.memoryUsage().heapUsed / 2 ** 20
    console.log(
      `${kind}: ${rows} valid rows, ${problems} problems in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s ` +
        `(${(source.size / 2 ** 20).toFixed(0)} MB, heap ${heap.toFixed(0)} MB; ${cpuSeconds.toFixed(1)} s of CPU = ` +
        `${Math.round(rows / cpuSeconds)} rows per CPU second)`,
      first ? JSON.stringify(first) : '',
    )
  }
}

await main()
