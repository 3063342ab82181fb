// 数据迁移 runs (modules/migration/run.ts and the page's API): a dry run writes nothing but its problems (every
// imported table counted before and after), names each refused row (文件, 行号, 列, 原因); a commit writes the valid
// rows and a second run of the same files changes nothing; a commit that fails half-way is resumed and ends with
// every row once; CONAC's 管理员 uploads over HTTP, validates, reads the problems page by page, downloads the XLSX
// report and commits; nobody else may, and the HTTP routes refuse a request without a session or the CSRF rule.
import ExcelJS from 'exceljs'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { fileFromBytes, type SourceFile } from '../../server/src/modules/migration/read/sourceFile.ts'
import { runImport } from '../../server/src/modules/migration/run.ts'
import { settleRun } from '../../server/src/modules/migration/worker.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'
import { badCheckCharacter, templateCsv, unitsAndDomains } from '../testkit/migrationFiles.ts'

const CreateRun = graphql(`
  mutation TestCreateMigrationRun {
    createMigrationRun {
      id
      status
      version
      canUpload
    }
  }
`)

const ValidateRun = graphql(`
  mutation TestValidateMigrationRun($id: ID!, $version: Int) {
    validateMigrationRun(id: $id, version: $version) {
      id
      status
    }
  }
`)

const CommitRun = graphql(`
  mutation TestCommitMigrationRun($id: ID!, $version: Int!) {
    commitMigrationRun(id: $id, version: $version) {
      id
      status
    }
  }
`)

const RunQuery = graphql(`
  query TestMigrationRun($id: ID!, $after: String) {
    migrationRun(id: $id) {
      id
      status
      version
      dryRun
      interrupted
      rowsDone
      rowsTotal
      percent
      problemCount
      canValidate
      canCommit
      reportPath
      error
      files {
        uploadId
        fileName
        kind
        kindText
        size
        rows
      }
      counts {
        kind
        kindText
        rows
        valid
        inserted
        updated
        unchanged
        refused
      }
      problems(first: 2, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            fileName
            row
            column
            message
          }
        }
      }
    }
  }
`)

const RunsQuery = graphql(`
  query TestMigrationRuns {
    migrationRuns(first: 10) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`)

/** Every table an import writes to, counted. */
async function countImported(prisma: PrismaClient) {
  const [units, users, domains, domainNames, dnsRecords, badges, siteApplications, offices, ledgerEntries, stock] =
    await Promise.all([
      prisma.unit.count(),
      prisma.user.count(),
      prisma.domain.count(),
      prisma.domainName.count(),
      prisma.dnsRecord.count(),
      prisma.badge.count(),
      prisma.siteApplication.count(),
      prisma.office.count(),
      prisma.ledgerEntry.count(),
      prisma.invoiceStockMovement.count(),
    ])
  return { units, users, domains, domainNames, dnsRecords, badges, siteApplications, offices, ledgerEntries, stock }
}

const bytes = (text: string) => new TextEncoder().encode(text)

/**
 * Five good units with a domain each, plus: a unit whose credit code has a wrong check character (row 7), a domain
 * that expires before it was registered (row 7) and one whose unit is in neither the file nor the database (row 8).
 */
function filesWithProblems() {
  const data = unitsAndDomains(5)
  const badUnit = unitsAndDomains(1)
  const units = [...data.units, { ...badUnit.units[0]!, 统一社会信用代码: badCheckCharacter(badUnit.creditCodes[0]!) }]
  const stray = unitsAndDomains(1)
  const domains = [
    ...data.domains,
    {
      ...stray.domains[0]!,
      单位统一社会信用代码: data.creditCodes[0]!,
      注册日期: '2020-03-01',
      到期日期: '2019-03-01',
    },
    { ...unitsAndDomains(1).domains[0]!, 单位统一社会信用代码: makeCreditCode('410922') },
  ]
  return {
    data,
    unitsCsv: templateCsv('units', units),
    domainsCsv: templateCsv('domains', domains),
  }
}

let t: TestApp
let prisma: PrismaClient
beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
}, 120_000)
afterAll(() => t?.close())

describe('runImport', () => {
  it('a dry run writes nothing and stores each refused row with its file, row and column', async () => {
    const { unitsCsv, domainsCsv } = filesWithProblems()
    const before = await countImported(prisma)
    const result = await runImport(
      prisma,
      [fileFromBytes('域名.csv', bytes(domainsCsv)), fileFromBytes('注册单位.csv', bytes(unitsCsv))],
      { dryRun: true, source: 'CLI' },
    )
    expect(await countImported(prisma)).toEqual(before)
    expect(result.counts.units).toMatchObject({ rows: 6, valid: 5, refused: 1 })
    expect(result.counts.domains).toMatchObject({ rows: 7, valid: 5, refused: 2 })
    expect(result.problemCount).toBe(3)
    const problems = await prisma.migrationProblem.findMany({ where: { runId: result.runId }, orderBy: { id: 'asc' } })
    const rowsOf = (fileName: string) => [...new Set(problems.filter((p) => p.fileName === fileName).map((p) => p.row))]
    expect(rowsOf('注册单位.csv')).toEqual([7])
    expect(rowsOf('域名.csv').sort()).toEqual([7, 8])
    expect(problems.find((p) => p.fileName === '注册单位.csv')!.column).toBe('统一社会信用代码')
    for (const problem of problems) expect(problem.message).toMatch(/[\u4e00-\u9fff]/)
    const run = await prisma.migrationRun.findUniqueOrThrow({ where: { id: result.runId } })
    expect(run).toMatchObject({ status: 'VALIDATED', dryRun: true, problemCount: 3, rowsDone: 13, rowsTotal: 13 })
    expect(await prisma.migrationBatch.count({ where: { runId: result.runId } })).toBe(0)
  })

  it('a commit writes the valid rows; a second run of the same files changes nothing', async () => {
    const { data, unitsCsv, domainsCsv } = filesWithProblems()
    const files = () => [fileFromBytes('注册单位.csv', bytes(unitsCsv)), fileFromBytes('域名.csv', bytes(domainsCsv))]
    const before = await countImported(prisma)
    const first = await runImport(prisma, files(), { dryRun: false, source: 'CLI' })
    expect(first.problemCount).toBe(3)
    expect(first.counts.units).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, refused: 1 })
    expect(first.counts.domains).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, refused: 2 })
    const after = await countImported(prisma)
    expect(after.units - before.units).toBe(5)
    expect(after.domains - before.domains).toBe(5)
    expect(after.users - before.users).toBe(5)
    const units = await prisma.unit.findMany({ where: { creditCode: { in: data.creditCodes } } })
    expect(units).toHaveLength(5)
    for (const unit of units) expect(unit.importedAt).not.toBeNull()
    expect(await prisma.migrationRun.findUniqueOrThrow({ where: { id: first.runId } })).toMatchObject({
      status: 'COMMITTED',
      dryRun: false,
    })

    const second = await runImport(prisma, files(), { dryRun: false, source: 'CLI' })
    expect(second.counts.units).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 })
    expect(second.counts.domains).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 })
    expect(await countImported(prisma)).toEqual(after)
  })

  it('a commit that fails half-way is resumed by its id and writes every row once', async () => {
    const data = unitsAndDomains(12)
    const unitsCsv = bytes(templateCsv('units', data.units))
    const domainsCsv = bytes(templateCsv('domains', data.domains))
    // The units file breaks off half-way once the commit phase has begun (counting it beforehand works).
    let armed = false
    const breaking: SourceFile = {
      fileName: '注册单位.csv',
      size: unitsCsv.byteLength,
      open: () => {
        if (!armed) return Readable.from([Buffer.from(unitsCsv)])
        const head = Buffer.from(unitsCsv.subarray(0, Math.floor(unitsCsv.byteLength * 0.6)))
        return Readable.from(
          (async function* () {
            yield head
            await new Promise((resolve) => setTimeout(resolve, 50))
            throw new Error('磁盘读取错误（测试）')
          })(),
        )
      },
    }
    const before = await countImported(prisma)
    await expect(
      runImport(prisma, [breaking, fileFromBytes('域名.csv', domainsCsv)], {
        dryRun: false,
        source: 'CLI',
        batchSize: 3,
        onProgress: (progress) => {
          if (progress.phase === 'committing') armed = true
        },
      }),
    ).rejects.toThrow()
    const failed = await prisma.migrationRun.findFirstOrThrow({ orderBy: { id: 'desc' } })
    expect(failed).toMatchObject({ status: 'FAILED', dryRun: false })
    expect(failed.error).toBeTruthy()
    const partial = await prisma.unit.count({ where: { creditCode: { in: data.creditCodes } } })
    expect(partial).toBeLessThan(12)

    const resumed = await runImport(
      prisma,
      [fileFromBytes('注册单位.csv', unitsCsv), fileFromBytes('域名.csv', domainsCsv)],
      { dryRun: false, source: 'CLI', runId: failed.id, batchSize: 3 },
    )
    expect(resumed.runId).toBe(failed.id)
    expect(resumed.problemCount).toBe(0)
    expect(await prisma.unit.count({ where: { creditCode: { in: data.creditCodes } } })).toBe(12)
    expect(await prisma.user.count({ where: { username: { in: data.usernames } } })).toBe(12)
    const after = await countImported(prisma)
    expect(after.units - before.units).toBe(12)
    expect(after.domains - before.domains).toBe(12)
    const batches = await prisma.migrationBatch.findMany({ where: { runId: failed.id, fileName: '注册单位.csv' } })
    expect(batches.map((batch) => batch.batchIndex).sort((a, b) => a - b)).toEqual([0, 1, 2, 3])
    expect(await prisma.migrationRun.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: 'COMMITTED',
    })
    // A committed run is not run again.
    await expect(
      runImport(prisma, [fileFromBytes('注册单位.csv', unitsCsv)], { dryRun: false, source: 'CLI', runId: failed.id }),
    ).rejects.toThrow(/已提交/)
  })
})

describe('the page: upload, validate, report, commit', () => {
  const upload = (runId: string, name: string, body: Uint8Array | string, headers: Record<string, string> = {}) =>
    Promise.resolve(
      t.app.fetch(`http://test.local/migration/runs/${runId}/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: (typeof body === 'string' ? bytes(body) : body) as Uint8Array<ArrayBuffer>,
      }),
    )
  const report = (runId: string, headers: Record<string, string> = {}) =>
    Promise.resolve(t.app.fetch(`http://test.local/migration/runs/${runId}/report.xlsx`, { headers }))

  it('CONAC 管理员 uploads, validates, pages through the problems, downloads the report and commits', async () => {
    const cookie = await t.login('conac')
    const { data, unitsCsv, domainsCsv } = filesWithProblems()
    const created = await t.execute(CreateRun, {}, { cookie })
    expect(created.errors).toBeUndefined()
    const runId = created.data!.createMigrationRun.id as string
    expect(created.data!.createMigrationRun).toMatchObject({ status: 'UPLOADED', canUpload: true })

    const unitsUpload = await upload(runId, '注册单位.csv', unitsCsv, { cookie })
    expect(unitsUpload.status).toBe(201)
    expect(await unitsUpload.json()).toMatchObject({ fileName: '注册单位.csv', kind: 'units' })
    expect((await upload(runId, '域名-河南.csv', domainsCsv, { cookie })).status).toBe(201)
    const unknown = await upload(runId, '其他资料.csv', 'a,b\n1,2\n', { cookie })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain('其他资料.csv')
    // A name with a NUL byte or a control character is refused as bad input, and nothing is stored. (A lone
    // surrogate cannot come through a URL: percent-decoding turns broken UTF-8 into U+FFFD.)
    for (const bad of ['注册单位\u0000.csv', '注册单位\u0007.csv', '注册单位\u001b[0m.csv']) {
      const refused = await upload(runId, bad, unitsCsv, { cookie })
      expect(refused.status, JSON.stringify(bad)).toBe(400)
    }
    expect(await prisma.migrationUpload.count({ where: { runId: Number(runId) } })).toBe(2)

    const before = await countImported(prisma)
    const uploaded = await t.execute(RunQuery, { id: runId }, { cookie })
    const validated = await t.execute(
      ValidateRun,
      { id: runId, version: uploaded.data!.migrationRun.version },
      { cookie },
    )
    expect(validated.errors).toBeUndefined()
    expect(validated.data!.validateMigrationRun.status).toBe('VALIDATING')
    await settleRun(Number(runId))
    expect(await countImported(prisma)).toEqual(before)

    const first = await t.execute(RunQuery, { id: runId }, { cookie })
    const run = first.data!.migrationRun
    expect(run).toMatchObject({ status: 'VALIDATED', problemCount: 3, percent: 100, canCommit: true })
    expect(run.files.map((file) => [file.fileName, file.kindText, file.rows])).toEqual([
      ['注册单位.csv', '注册单位', 6],
      ['域名-河南.csv', '域名', 7],
    ])
    expect(run.counts.map((count) => [count.kindText, count.valid, count.refused])).toEqual([
      ['注册单位', 5, 1],
      ['域名', 5, 2],
    ])
    expect(run.problems.totalCount).toBeGreaterThanOrEqual(3)
    expect(run.problems.edges).toHaveLength(2)
    expect(run.problems.pageInfo.hasNextPage).toBe(true)
    const second = await t.execute(RunQuery, { id: runId, after: run.problems.pageInfo.endCursor }, { cookie })
    expect(second.errors).toBeUndefined()
    expect(second.data!.migrationRun.problems.edges.length).toBeGreaterThan(0)

    const download = await report(runId, { cookie })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain('attachment')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await download.arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const cells = sheet.getSheetValues().filter(Boolean) as unknown[][]
    // Header, one row per problem (行号 a number), then a summary line.
    expect(cells.filter((cells) => typeof cells[2] === 'number')).toHaveLength(run.problems.totalCount)
    expect(JSON.stringify(cells)).toContain('注册单位.csv')

    // A commit names the version it saw: an upload since then (a new version) makes it CONFLICT.
    const stale = await t.execute(CommitRun, { id: runId, version: run.version - 1 }, { cookie })
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    const committed = await t.execute(CommitRun, { id: runId, version: run.version }, { cookie })
    expect(committed.errors).toBeUndefined()
    expect(committed.data!.commitMigrationRun.status).toBe('COMMITTING')
    const again = await t.execute(CommitRun, { id: runId, version: run.version }, { cookie })
    expect(errorCodes(again)).toEqual(['CONFLICT'])
    await settleRun(Number(runId))
    const done = (await t.execute(RunQuery, { id: runId }, { cookie })).data!.migrationRun
    expect(done).toMatchObject({ status: 'COMMITTED', dryRun: false, canCommit: false, canValidate: false })
    expect(done.counts.map((count) => [count.kindText, count.inserted, count.refused])).toEqual([
      ['注册单位', 5, 1],
      ['域名', 5, 2],
    ])
    expect(await prisma.unit.count({ where: { creditCode: { in: data.creditCodes } } })).toBe(5)
    // The files' bytes (handlers' ID numbers in plain text) are gone; the page still lists their names and kinds.
    const kept = await prisma.migrationUpload.findMany({ where: { runId: Number(runId) } })
    expect(kept.map((file) => [file.fileName, file.content.length])).toEqual([
      ['注册单位.csv', 0],
      ['域名-河南.csv', 0],
    ])
    expect(done.files.map((file) => file.fileName)).toEqual(['注册单位.csv', '域名-河南.csv'])
    // No more files once committed.
    expect((await upload(runId, '注册单位.csv', unitsCsv, { cookie })).status).toBe(409)
    const list = await t.execute(RunsQuery, {}, { cookie })
    expect(list.data!.migrationRuns.edges.map((edge) => String(edge.node.id))).toContain(String(runId))
  })

  it('only CONAC 管理员 may; the HTTP routes want a session and the CSRF rule', async () => {
    const conac = await t.login('conac')
    const province = await t.login('henan')
    const unit = await t.login('qfzf')
    for (const cookie of [province, unit]) {
      expect(errorCodes(await t.execute(CreateRun, {}, { cookie }))).toEqual(['FORBIDDEN'])
      expect(errorCodes(await t.execute(RunsQuery, {}, { cookie }))).toEqual(['FORBIDDEN'])
    }
    const runId = (await t.execute(CreateRun, {}, { cookie: conac })).data!.createMigrationRun.id as string
    const csv = templateCsv('units', unitsAndDomains(1).units)
    expect((await upload(runId, '注册单位.csv', csv)).status).toBe(401)
    expect((await upload(runId, '注册单位.csv', csv, { cookie: province })).status).toBe(403)
    expect((await upload(runId, '注册单位.csv', csv, { cookie: unit })).status).toBe(403)
    const crossSite = await upload(runId, '注册单位.csv', csv, { cookie: conac, 'content-type': 'text/plain' })
    expect(crossSite.status).toBe(403)
    expect(
      ((await crossSite.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('CSRF_CHECK_FAILED')
    expect(await prisma.migrationUpload.count({ where: { runId: Number(runId) } })).toBe(0)
    expect((await report(runId)).status).toBe(401)
    expect((await report(runId, { cookie: province })).status).toBe(403)
    expect((await report('999999', { cookie: conac })).status).toBe(404)
    // Validating a run without files is bad input, and changes nothing.
    expect(errorCodes(await t.execute(ValidateRun, { id: runId }, { cookie: conac }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await t.execute(ValidateRun, { id: '999999' }, { cookie: conac }))).toEqual(['NOT_FOUND'])
  })
})
