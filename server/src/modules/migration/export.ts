// Writes what a database holds as the import templates (templates.ts), one UTF-8 CSV per kind: the round trip
// (export the demo data, import it into an empty database, export again: the files must be the same) and the speed
// benchmark (the national dataset, exported, is what the import reads) both start here. It writes exactly the rows an
// import would bring over: units and their primary accounts, office staff, registered domains and those past their
// expiry, their DNS records (URL forwards excepted: a badge's forward is the badge's, rebuilt when it is issued),
// badges, site applications still under review, office balances and invoice stock.
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { once } from 'node:events'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { csvLine } from '../../lib/exports/cells.ts'
import { openIdNumber } from '../../lib/idNumberColumns.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { TEMPLATES, type FileKind } from './templates.ts'
import {
  BADGE_STATUS_WORDS,
  DOMAIN_STATUS_WORDS,
  PLACEMENT_WORDS,
  ROLE_WORDS,
  SITE_STATUS_WORDS,
  SYSTEM_CATEGORY_WORDS,
  UNIT_TYPE_WORDS,
} from './validate/kinds.ts'

const PAGE = 20_000
const BOM = '\uFEFF'

/** The word a template uses for a stored value (the validator's table read backwards). */
const wordFor = <T extends string>(words: Readonly<Record<string, T>>) => {
  const reverse = new Map(Object.entries(words).map(([word, value]) => [value, word]))
  return (value: T) => reverse.get(value) ?? ''
}
export const unitTypeWord = wordFor(UNIT_TYPE_WORDS)
export const categoryWord = wordFor(SYSTEM_CATEGORY_WORDS)
const roleWord = wordFor(ROLE_WORDS)
const roleOrder = Object.values(ROLE_WORDS)
const domainStatusWord = wordFor<string>(DOMAIN_STATUS_WORDS)
const placementWord = wordFor<string>(PLACEMENT_WORDS)
const badgeStatusWord = wordFor<string>(BADGE_STATUS_WORDS)
const siteStatusWord = wordFor<string>(SITE_STATUS_WORDS)

const day = (value: Date | null) => (value ? beijingDay(value) : '')
const text = (value: string | null | undefined) => value ?? ''
/** The template's 域名: the U-label with its suffix, as the app writes a domain's full name. */
const fullName = (name: string, suffix: 'ZHENGWU' | 'GONGYI') => fullNameOf({ name, suffix })
/** Yuan with two decimals, from fen, without floating point. */
const yuanText = (fen: bigint) => {
  const sign = fen < 0n ? '-' : ''
  const abs = fen < 0n ? -fen : fen
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

export const EXPORTED_DOMAIN_STATUSES = Object.values(DOMAIN_STATUS_WORDS)
export const EXPORTED_SITE_STATUSES = Object.values(SITE_STATUS_WORDS)

type Row = Record<string, unknown>

/** Pages through a query with an integer "key" column (keyset paging: flat memory on millions of rows). */
async function* pages(prisma: PrismaClient, sql: string, params: unknown[] = []): AsyncGenerator<Row> {
  let after = -1
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<Row[]>(
      `SELECT * FROM (${sql}) k WHERE k."key" > $${params.length + 1} ORDER BY k."key" LIMIT ${PAGE}`,
      ...params,
      after,
    )
    for (const row of rows) yield row
    if (rows.length < PAGE) return
    after = Number(rows[rows.length - 1]!.key)
  }
}

/** Each kind's rows in its template's column order. */
const SOURCES: Record<FileKind, (prisma: PrismaClient) => AsyncGenerator<string[]>> = {
  async *offices(prisma) {
    for await (const o of pages(prisma, `SELECT "id" AS "key", * FROM "offices"`))
      yield [o.regionCode, o.name, text(o.address as string), text(o.postcode as string), text(o.phone as string)].map(
        String,
      )
  },
  async *officeStaff(prisma) {
    const sql = `SELECT u."id" AS "key", u."username", u."displayName", o."regionCode", u."mobile", u."email",
        u."officeRoles"::text[] AS "roles", u."status"::text AS "status"
      FROM "users" u JOIN "offices" o ON o."id" = u."officeId"`
    for await (const u of pages(prisma, sql))
      yield [
        u.username as string,
        u.displayName as string,
        u.regionCode as string,
        text(u.mobile as string),
        text(u.email as string),
        // In the template's order (管理员、审核员、财务), whatever order the account holds them in.
        roleOrder
          .filter((role) => (u.roles as string[]).includes(role))
          .map(roleWord)
          .join('、'),
        u.status === 'DISABLED' ? '停用' : '正常',
      ]
  },
  async *units(prisma) {
    const sql = `SELECT n."id" AS "key", n.*, n."type"::text AS "typeText",
        n."systemCategory"::text AS "categoryText", n."status"::text AS "statusText",
        (SELECT u."username" FROM "users" u WHERE u."unitId" = n."id" AND u."unitRole" = 'PRIMARY' ORDER BY u."id" LIMIT 1) AS "login"
      FROM "units" n`
    for await (const n of pages(prisma, sql))
      yield [
        n.creditCode as string,
        n.name as string,
        unitTypeWord(n.typeText as never),
        categoryWord(n.categoryText as never),
        n.regionCode as string,
        text(n.superiorUnitName as string),
        text(n.functions as string),
        n.address as string,
        n.postcode as string,
        text(n.landline as string),
        n.handlerName as string,
        n.handlerMobile as string,
        n.handlerEmail as string,
        text(openIdNumber('unit', n.handlerIdNumberEnc as string | null)),
        text(n.login as string),
        n.statusText === 'INACTIVE' ? '停用' : '正常',
        day(n.createdAt as Date),
      ]
  },
  async *domains(prisma) {
    const sql = `SELECT d."id" AS "key", d."name", d."suffix"::text AS "suffix", d."status"::text AS "status",
        d."registeredAt", d."expiresAt", d."years", n."creditCode"
      FROM "domains" d JOIN "units" n ON n."id" = d."unitId"
      WHERE d."status"::text = ANY($1::text[]) AND d."registeredAt" IS NOT NULL AND d."expiresAt" IS NOT NULL`
    for await (const d of pages(prisma, sql, [EXPORTED_DOMAIN_STATUSES]))
      yield [
        fullName(d.name as string, d.suffix as never),
        d.creditCode as string,
        domainStatusWord(d.status as string),
        day(d.registeredAt as Date),
        day(d.expiresAt as Date),
        String(d.years),
      ]
  },
  async *dnsRecords(prisma) {
    // A URL forward and the A record grouped with it are the forwarding server's, not a record the unit typed.
    const sql = `SELECT r."id" AS "key", d."name", d."suffix"::text AS "suffix", r."host", r."type"::text AS "type",
        r."value", r."ttl", r."priority"
      FROM "dns_records" r JOIN "domains" d ON d."id" = r."domainId"
      WHERE r."type" <> 'URL_FORWARD' AND r."forwardGroup" IS NULL AND d."status"::text = ANY($1::text[])
        AND d."registeredAt" IS NOT NULL AND d."expiresAt" IS NOT NULL`
    for await (const r of pages(prisma, sql, [EXPORTED_DOMAIN_STATUSES]))
      yield [
        fullName(r.name as string, r.suffix as never),
        r.host as string,
        r.type as string,
        r.value as string,
        String(r.ttl),
        r.priority == null ? '' : String(r.priority),
      ]
  },
  async *badges(prisma) {
    const sql = `SELECT b."id" AS "key", b."badgeNumber", n."creditCode", b."siteName", b."placement"::text AS "placement",
        d."name", d."suffix"::text AS "suffix", b."englishDomain", b."ipAddress", b."issuedAt", b."status"::text AS "status",
        b."cancelledAt"
      FROM "badges" b JOIN "units" n ON n."id" = b."unitId"
        JOIN "site_applications" a ON a."id" = b."siteApplicationId"
        LEFT JOIN "domains" d ON d."id" = a."chineseDomainId"`
    for await (const b of pages(prisma, sql))
      yield [
        b.badgeNumber as string,
        b.creditCode as string,
        b.siteName as string,
        placementWord(b.placement as string),
        b.name ? fullName(b.name as string, b.suffix as never) : '',
        text(b.englishDomain as string),
        text(b.ipAddress as string),
        day(b.issuedAt as Date),
        badgeStatusWord(b.status as string),
        day(b.cancelledAt as Date | null),
      ]
  },
  async *siteApplications(prisma) {
    const sql = `SELECT a."id" AS "key", a.*, a."status"::text AS "statusText", n."creditCode",
        d."name" AS "domainName", d."suffix"::text AS "domainSuffix"
      FROM "site_applications" a JOIN "units" n ON n."id" = a."unitId"
        LEFT JOIN "domains" d ON d."id" = a."chineseDomainId"
      WHERE a."status"::text = ANY($1::text[])`
    for await (const a of pages(prisma, sql, [EXPORTED_SITE_STATUSES]))
      yield [
        a.serialNumber as string,
        a.creditCode as string,
        a.siteName as string,
        text(a.siteIntro as string),
        a.domainName ? fullName(a.domainName as string, a.domainSuffix as never) : '',
        a.useMicroSite ? '是' : '否',
        text(a.englishDomain as string),
        text(a.ipAddress as string),
        text(a.principalName as string),
        text(a.principalMobile as string),
        text(a.principalEmail as string),
        text(a.handlerName as string),
        text(a.handlerMobile as string),
        text(a.handlerEmail as string),
        text(openIdNumber('siteApplication', a.handlerIdNumberEnc as string | null)),
        siteStatusWord(a.statusText as string),
        day(a.submittedAt as Date | null),
      ]
  },
  async *balances(prisma) {
    const sql = `SELECT o."id" AS "key", o."regionCode",
        COALESCE((SELECT a."balanceFen" FROM "accounts" a WHERE a."officeId" = o."id" AND a."kind" = 'OFFICE_PREPAID'), 0) AS "prepaid",
        COALESCE((SELECT a."balanceFen" FROM "accounts" a WHERE a."officeId" = o."id" AND a."kind" = 'OFFICE_COLLECTED'), 0) AS "collected"
      FROM "offices" o WHERE o."level" <> 'CENTRAL'`
    for await (const o of pages(prisma, sql))
      yield [o.regionCode as string, yuanText(BigInt(o.prepaid as bigint)), yuanText(BigInt(o.collected as bigint))]
  },
  async *invoiceStock(prisma) {
    const sql = `SELECT o."id" AS "key", o."regionCode", o."invoiceStock" FROM "offices" o WHERE o."level" <> 'CENTRAL'`
    for await (const o of pages(prisma, sql)) yield [o.regionCode as string, String(o.invoiceStock)]
  },
}

export interface ExportedFile {
  kind: FileKind
  path: string
  rows: number
}

/** Writes one `<template name>.csv` per kind into `outDir`; returns what it wrote. */
export async function exportTemplates(
  prisma: PrismaClient,
  outDir: string,
  kinds: readonly FileKind[] = Object.keys(TEMPLATES) as FileKind[],
  onFile?: (file: ExportedFile) => void,
): Promise<ExportedFile[]> {
  await mkdir(outDir, { recursive: true })
  const written: ExportedFile[] = []
  for (const kind of kinds) {
    const template = TEMPLATES[kind]
    const file = path.join(outDir, `${template.fileName}.csv`)
    const out = createWriteStream(file)
    let rows = 0
    let chunk = `${BOM}${csvLine(template.columns.map((column) => column.header))}`
    for await (const row of SOURCES[kind](prisma)) {
      chunk += csvLine(row)
      rows += 1
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain')
        chunk = ''
      }
    }
    out.end(chunk)
    await once(out, 'finish')
    const done = { kind, path: file, rows }
    written.push(done)
    onFile?.(done)
  }
  return written
}
