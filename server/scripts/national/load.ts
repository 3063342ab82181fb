// Loads the national dataset into a migrated, region-seeded database with COPY FROM STDIN, one connection per table,
// all tables streamed at once from a single pass over units and their domains (see generate.ts for the CLI).
//
// During the load the foreign keys of the loaded tables are dropped (rows of one table reference rows another
// connection has not committed yet, and per-row RI checks would halve the rate) and the two ledger triggers that
// keep balances and check postings are disabled (a per-entry UPDATE of a few thousand account rows is the slowest
// thing a load can do). Afterwards the foreign keys are added back (each validated with one join), every posting
// is checked to balance, each account's balanceFen is set to the sum of its entries, and the triggers are enabled.
// Unique and partial indexes and CHECK constraints stay in place throughout.
import pg from 'pg'
import { sealOptionalIdNumber, type IdNumberOwner } from '../../src/lib/idNumberColumns.ts'
import { MAX_LABEL_OCTETS, octets, tryALabel } from '../../src/lib/idna.ts'
import { hashPassword } from '../../src/lib/password.ts'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../src/lib/identifiers.ts'
import { DEMO_PASSWORD } from '../../src/seed/demo.ts'
import type { UnitType } from '../../src/generated/prisma/enums.ts'
import {
  ATTACHED,
  chineseNumber,
  DOMAIN_REJECT_REASONS,
  GIVEN,
  INSTITUTIONS,
  NUMBERED,
  ORGANS,
  PAPER_REJECT_REASONS,
  SITE_REJECT_REASONS,
  SOCIAL_ORGANIZATIONS,
  STREETS,
  SURNAMES,
  TOWN_SPACE,
  TOWN_UNITS,
  townName,
  type UnitKind,
} from './catalogue.ts'
import { backpressure, CopySink, NULL, ts, tsOrNull } from './copy.ts'
import { buildPlaces, type Place } from './geography.ts'
import { cumulate, hash3, pickWeighted, Rng } from './random.ts'
import {
  addYears,
  DAY,
  dateOnly,
  dayStartCst,
  HOUR,
  officeHours,
  weekMondayDate,
  weekNumber,
  weekStartInstant,
  workdayDeadline,
  workdaysAfter,
  workdaysBefore,
  YEAR,
} from './time.ts'

export interface LoadOptions {
  url: string
  scale?: number
  seed?: number
  /** The day the data is "as of" (default: today); registrations lie in the 5 years before it. */
  now?: Date
  log?: (line: string) => void
  progressIntervalMs?: number
  /** Profiling: generate everything but discard it (the database is only read). */
  discard?: boolean
}

export interface LoadResult {
  rows: Record<string, number>
  totalRows: number
  copySeconds: number
  restoreSeconds: number
  analyzeSeconds: number
  statisticsSeconds: number | null
  totalSeconds: number
  /** The headline: every row over the time until the database is ready to serve (COPY, restoration, ANALYZE, the counters' rebuild). */
  rowsPerSecond: number
  /** COPY and restoration alone (the counters not yet rebuilt). */
  loadRowsPerSecond: number
  copyRowsPerSecond: number
  perTable: { table: string; rows: number; seconds: number; rowsPerSecond: number }[]
}

const BASE = { units: 1_000_000, domains: 2_000_000, siteApplications: 300_000 }
const CONAC_REVIEWERS = 24

// Domain statuses and their shares.
const DOMAIN_STATUSES = [
  'REGISTERED',
  'EXPIRED',
  'PENDING_OFFICE_REVIEW',
  'OFFICE_APPROVED',
  'CONAC_APPROVED',
  'FEE_COLLECTED',
  'OFFICE_REJECTED',
  'CONAC_REJECTED',
  'CANCELLED',
] as const
type DomainStatus = (typeof DOMAIN_STATUSES)[number]
const DOMAIN_STATUS_CUM = cumulate([78, 6, 2, 1.5, 1.5, 1, 3.5, 2, 4.5])
const SITE_STATUSES = [
  'BADGE_ISSUED',
  'BADGE_CANCELLED',
  'PENDING_OFFICE_REVIEW',
  'OFFICE_REJECTED',
  'PENDING_CONAC_REVIEW',
  'CONAC_REJECTED',
  'AWAITING_PAPER',
  'PAPER_REJECTED',
  'WITHDRAWN',
  'DRAFT',
] as const
type SiteStatus = (typeof SITE_STATUSES)[number]
const SITE_STATUS_CUM = cumulate([72, 3, 5, 3, 4, 2, 4, 1, 3, 3])
const DOMAINS_PER_UNIT_CUM = cumulate([42, 28, 16, 8, 4, 2])
const YEARS_CUM = cumulate([40, 15, 25, 0, 20]) // 1, 2, 3, (4), 5 years
const RENEWAL_YEARS = [1, 2, 3, 5]
const RENEWAL_YEARS_CUM = cumulate([30, 20, 30, 20])
const NEEDS_PAPER: Record<UnitType, boolean> = {
  PARTY_GOVERNMENT: true,
  MASS_ORGANIZATION: true,
  PUBLIC_INSTITUTION: false,
  SOCIAL_ORGANIZATION: false,
}
const SUFFIX_OF: Record<UnitType, 'ZHENGWU' | 'GONGYI'> = {
  PARTY_GOVERNMENT: 'ZHENGWU',
  MASS_ORGANIZATION: 'ZHENGWU',
  PUBLIC_INSTITUTION: 'GONGYI',
  SOCIAL_ORGANIZATION: 'GONGYI',
}
const SUFFIX_TEXT = { ZHENGWU: '.政务', GONGYI: '.公益' } as const
const NAME_VARIANTS = {
  ZHENGWU: ['', '门户', '网', '政务服务', '信息公开', '在线', '网上办事', '公众服务'],
  GONGYI: ['', '官网', '网', '公益服务', '信息公开', '在线', '服务平台', '公众服务'],
} as const
const MAX_DOMAINS_PER_UNIT = 8
const MAIL_HOSTS = ['163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com']
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** The tables loaded, in the order they are reported. */
const TABLES = [
  'users',
  'units',
  'domains',
  'review_decisions',
  'domain_renewals',
  'fee_collections',
  'fee_collection_items',
  'remittances',
  'ledger_transactions',
  'ledger_entries',
  'site_applications',
  'site_application_domains',
  'paper_submissions',
  'badges',
] as const
type Table = (typeof TABLES)[number]

// The generated offices' staff sign in with the demo password and hold every office role, like the seeded ones.
const ALL_OFFICE_ROLES = '{ADMIN,REVIEWER,FINANCE}'

const COLUMNS: Record<Table, string[]> = {
  users: [
    'id',
    'username',
    'displayName',
    'passwordHash',
    'role',
    'officeRoles',
    'demo',
    'officeId',
    'mobile',
    'email',
    'createdAt',
    'updatedAt',
  ],
  units: [
    'id',
    'name',
    'type',
    'systemCategory',
    'creditCode',
    'regionCode',
    'superiorUnitName',
    'functions',
    'address',
    'postcode',
    'landline',
    'handlerName',
    'handlerMobile',
    'handlerEmail',
    'handlerIdNumberEnc',
    'handlerIdNumberMasked',
    'status',
    'version',
    'createdAt',
    'updatedAt',
  ],
  domains: [
    'id',
    'name',
    'suffix',
    'unitId',
    'status',
    'years',
    'submittedByOfficeId',
    'submittedAt',
    'registeredAt',
    'expiresAt',
    'version',
    'createdAt',
    'updatedAt',
  ],
  review_decisions: [
    'id',
    'subject',
    'domainId',
    'siteApplicationId',
    'level',
    'officeId',
    'reviewerId',
    'result',
    'reason',
    'decidedAt',
    'waitStartedAt',
  ],
  domain_renewals: [
    'id',
    'domainId',
    'years',
    'status',
    'requestedById',
    'requestedAt',
    'previousExpiry',
    'newExpiry',
    'version',
  ],
  fee_collections: [
    'id',
    'officeId',
    'unitId',
    'amountFen',
    'invoiceCount',
    'collectedById',
    'collectedAt',
    'remittanceId',
  ],
  fee_collection_items: [
    'id',
    'feeCollectionId',
    'domainId',
    'renewalId',
    'kind',
    'years',
    'amountFen',
    'chargedAt',
    'chargeTransactionId',
  ],
  remittances: [
    'id',
    'officeId',
    'weekStart',
    'amountFen',
    'status',
    'bankReference',
    'submittedById',
    'submittedAt',
    'confirmedById',
    'confirmedAt',
    'version',
  ],
  ledger_transactions: ['id', 'kind', 'memo', 'createdById', 'createdAt'],
  ledger_entries: ['id', 'transactionId', 'accountId', 'amountFen', 'createdAt'],
  site_applications: [
    'id',
    'serialNumber',
    'unitId',
    'kind',
    'status',
    'unitName',
    'superiorUnitName',
    'unitFunctions',
    'systemCategory',
    'address',
    'postcode',
    'siteName',
    'siteIntro',
    'chineseDomainId',
    'englishDomain',
    'useMicroSite',
    'ipAddress',
    'principalName',
    'principalMobile',
    'principalEmail',
    'handlerName',
    'handlerLandline',
    'handlerMobile',
    'handlerEmail',
    'handlerIdNumberEnc',
    'handlerIdNumberMasked',
    'submittedAt',
    'version',
    'createdAt',
    'updatedAt',
  ],
  site_application_domains: ['siteApplicationId', 'domainId'],
  paper_submissions: [
    'id',
    'siteApplicationId',
    'copiesRequired',
    'receivedAt',
    'receivedById',
    'letterReceived',
    'formCopiesReceived',
    'idCopyReceived',
    'missingNote',
    'confirmedAt',
    'confirmedById',
  ],
  badges: [
    'id',
    'badgeNumber',
    'siteApplicationId',
    'unitId',
    'status',
    'placement',
    'siteName',
    'englishDomain',
    'ipAddress',
    'issuedAt',
    'installDeadline',
    'installedAt',
    'lastCheckedAt',
    'lastCheckFound',
    'cancelledAt',
    'version',
  ],
}

// Sequences to move past the loaded ids (site_application_domains has a composite key).
const SERIAL_TABLES = TABLES.filter((t) => t !== 'site_application_domains')

interface Office {
  id: number
  regionCode: string
  level: string
}

const fmt = (n: number) => n.toLocaleString('en-US')

export async function loadNationalDataset(options: LoadOptions): Promise<LoadResult> {
  const scale = options.scale ?? 1
  const seed = (options.seed ?? 42) >>> 0
  const log = options.log ?? ((line: string) => console.log(line))
  const anchor = options.now ?? new Date()
  // 10:00 China time on the anchor day: late enough that "this week" already has a morning of collections.
  const now = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate(), 2, 0, 0)
  const unitTotal = Math.round(BASE.units * scale)
  const domainTotal = Math.round(BASE.domains * scale)
  const siteTotal = Math.round(BASE.siteApplications * scale)
  const started = performance.now()

  const admin = new pg.Client({ connectionString: options.url })
  await admin.connect()
  try {
    const q = async <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await admin.query<R>(sql, params)).rows

    // --- What is there already --------------------------------------------------------------------------------
    const { units: existingUnits, domains: existingDomains } = (
      await q<{ units: number; domains: number }>(
        'SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM domains) AS domains',
      )
    )[0]!
    if (existingUnits || existingDomains) {
      throw new Error(
        `the target database already has ${existingUnits} units and ${existingDomains} domains; load into an empty one (or use --fresh)`,
      )
    }
    const offices = await q<Office>('SELECT id, "regionCode", level::text FROM offices')
    if (offices.length < 100)
      throw new Error('the target database has no regions and offices; seed them first (or use --fresh)')
    const central = offices.find((o) => o.level === 'CENTRAL')
    if (!central) throw new Error('no central office (CONAC)')
    const accounts = await q<{ id: number; officeId: number; kind: string }>(
      'SELECT id, "officeId", kind::text FROM accounts',
    )
    const accountOf = new Map(accounts.map((a) => [`${a.officeId}:${a.kind}`, a.id]))
    const unitPaymentsAccount = accountOf.get(`${central.id}:UNIT_PAYMENTS`)
    const revenueAccount = accountOf.get(`${central.id}:CONAC_REVENUE`)
    if (!unitPaymentsAccount || !revenueAccount)
      throw new Error('the central office has no UNIT_PAYMENTS / CONAC_REVENUE accounts')
    let prices = await q<{ suffix: string; fee: string; from: Date }>(
      'SELECT suffix::text, "feePerYearFen"::text AS fee, "effectiveFrom" AS from FROM price_list_entries ORDER BY "effectiveFrom" DESC',
    )
    if (!prices.length) {
      // The app cannot collect without a price list; the same demo figure as the seed (300 yuan a year).
      await q(
        `INSERT INTO price_list_entries (suffix, "feePerYearFen", "effectiveFrom") VALUES ('ZHENGWU', 30000, '2014-01-01'), ('GONGYI', 30000, '2014-01-01')`,
      )
      prices = await q(
        'SELECT suffix::text, "feePerYearFen"::text AS fee, "effectiveFrom" AS from FROM price_list_entries ORDER BY "effectiveFrom" DESC',
      )
    }
    const feePerYear = (suffix: string, ms: number): number => {
      for (const p of prices) if (p.suffix === suffix && p.from.getTime() <= ms) return Number(p.fee)
      const oldest = prices.filter((p) => p.suffix === suffix).at(-1)
      if (!oldest) throw new Error(`no price for ${suffix}`)
      return Number(oldest.fee)
    }

    const idBase = {} as Record<Table, number>
    for (const table of SERIAL_TABLES) {
      idBase[table] = Number(
        (await q<{ max: number }>(`SELECT coalesce(max(id), 0)::int AS max FROM "${table}"`))[0]!.max,
      )
    }
    const existingUsernames = new Set(
      (
        await q<{ username: string }>(`SELECT username FROM users WHERE username LIKE 'bb%' OR username LIKE 'conac%'`)
      ).map((r) => r.username),
    )

    // --- Places, units per place, domains per unit --------------------------------------------------------------
    const officeIdByRegion = new Map(offices.filter((o) => o.level !== 'CENTRAL').map((o) => [o.regionCode, o.id]))
    const places = buildPlaces(officeIdByRegion, seed, unitTotal)
    const rng = new Rng(seed, 1)
    const domainCount = new Uint8Array(unitTotal)
    let domainSum = 0
    for (let u = 0; u < unitTotal; u++) {
      const n = 1 + pickWeighted(DOMAINS_PER_UNIT_CUM, rng.at(u * 4 + 1).next())
      domainCount[u] = n
      domainSum += n
    }
    // Exact total: walk the units in a fixed scattered order adding or removing one domain.
    for (let i = 0, step = 7919; domainSum !== domainTotal; i++) {
      const u = (i * step) % unitTotal
      if (domainSum < domainTotal && domainCount[u]! < MAX_DOMAINS_PER_UNIT) {
        domainCount[u]!++
        domainSum++
      } else if (domainSum > domainTotal && domainCount[u]! > (domainTotal >= unitTotal ? 1 : 0)) {
        domainCount[u]!--
        domainSum--
      }
    }
    // Which domains are REGISTERED decides the pool site applications are drawn from (exactly siteTotal of them).
    const drng = new Rng(seed, 2)
    const statusOf = (d: number): DomainStatus => DOMAIN_STATUSES[pickWeighted(DOMAIN_STATUS_CUM, drng.at(d).next())]!
    let registeredTotal = 0
    for (let d = 0; d < domainTotal; d++) if (statusOf(d) === 'REGISTERED') registeredTotal++
    if (registeredTotal < siteTotal) throw new Error('scale too small for the site applications')

    // --- Weeks and remittances -----------------------------------------------------------------------------------
    const currentWeek = weekNumber(now)
    const prevWeekStart = weekStartInstant(currentWeek - 1)
    const firstWeek = weekNumber(now - 6 * YEAR)
    const weekCount = currentWeek - firstWeek + 1
    const collectedAccount = places.map((p) => accountOf.get(`${p.officeId}:OFFICE_COLLECTED`)!)
    const transitAccount = places.map((p) => accountOf.get(`${p.officeId}:OFFICE_IN_TRANSIT`)!)
    const prepaidAccount = places.map((p) => accountOf.get(`${p.officeId}:OFFICE_PREPAID`)!)
    if ([...collectedAccount, ...transitAccount, ...prepaidAccount].some((id) => !id))
      throw new Error('an office lacks its OFFICE_* accounts')
    const remAmount = new Float64Array(places.length * weekCount)
    const submitAt = (office: number, w: number) =>
      weekStartInstant(w + 1) + 2 * HOUR + (hash3(seed, office, w) % ((46 * HOUR) / 1000)) * 1000
    const confirmAt = (office: number, w: number) =>
      submitAt(office, w) + DAY + (hash3(seed ^ 0x5bd1, office, w) % ((3 * DAY) / 1000)) * 1000
    /** The daily charge after the remittance of (office, week) was confirmed: 01:00 China time the next day. */
    const chargeAt = (office: number, w: number) => dayStartCst(confirmAt(office, w)) + DAY + HOUR
    /** remittances.id of (place, week), or null while the week is not remitted yet. */
    const remittanceId = (placeIndex: number, officeId: number, w: number): number | null => {
      if (w >= currentWeek) return null
      if (w === currentWeek - 1 && submitAt(officeId, w) >= now) return null
      return idBase.remittances + placeIndex * weekCount + (w - firstWeek) + 1
    }

    // --- Office staff who review, collect and remit (one per office) and CONAC reviewers --------------------------
    const passwordHash = await hashPassword(process.env.DEMO_PASSWORD || DEMO_PASSWORD)
    const staffOf = new Map<number, number>()
    const conacReviewers: number[] = []

    // --- Open the streams ------------------------------------------------------------------------------------------
    const expected: Partial<Record<Table, number>> = {
      units: unitTotal,
      domains: domainTotal,
      site_applications: siteTotal,
      site_application_domains: siteTotal,
    }
    const sinks = Object.fromEntries(TABLES.map((t) => [t, new CopySink(t, COLUMNS[t], expected[t])])) as Record<
      Table,
      CopySink
    >
    const all = Object.values(sinks)

    log(
      `[national] scale ${scale}, seed ${seed}, as of ${dateOnly(now)}: ${fmt(unitTotal)} units in ${fmt(places.length)} regions, ${fmt(domainTotal)} domains, ${fmt(siteTotal)} site applications`,
    )
    const restore = options.discard ? async () => {} : await prepareForLoad(admin, options.url, log)
    let copyStarted = 0
    let copySeconds = 0
    let restoreSeconds = 0
    // Running balances, indexed by account id (fen stay exact far below 2^53).
    const balances = new Float64Array(Math.max(...accounts.map((a) => a.id)) + 1)

    let progressTimer: NodeJS.Timeout | undefined
    let reportProgress = (_force?: boolean) => {}
    try {
      await Promise.all(all.map((sink) => sink.open(options.url, options.discard)))
      copyStarted = performance.now()
      const lastRows = new Map<CopySink, number>()
      let lastAt = copyStarted
      const interval = options.progressIntervalMs ?? 2000
      reportProgress = (force = false) => {
        const at = performance.now()
        if (!force && at - lastAt < interval) return
        for (const sink of all) {
          const rate = ((sink.rows - (lastRows.get(sink) ?? 0)) * 1000) / (at - lastAt)
          lastRows.set(sink, sink.rows)
          const total = sink.expected ? ` / ${fmt(sink.expected)}` : ''
          log(
            `[national] ${sink.table.padEnd(24)} ${fmt(sink.rows).padStart(11)}${total}  ${fmt(Math.round(rate)).padStart(9)} rows/s`,
          )
        }
        const rows = all.reduce((s, k) => s + k.rows, 0)
        log(
          `[national] ${'all tables'.padEnd(24)} ${fmt(rows).padStart(11)}  ${fmt(Math.round((rows * 1000) / (at - copyStarted))).padStart(9)} rows/s average`,
        )
        lastAt = at
      }
      // The generator also reports between entities: socket writes often complete synchronously, so timers alone
      // might not get a turn.
      progressTimer = setInterval(() => reportProgress(), interval)

      // Users first: everything else refers to them.
      let userId = idBase.users
      const created = ts(now - 6 * YEAR)
      for (const place of places) {
        const username = `bb${place.code}`
        if (existingUsernames.has(username)) throw new Error(`user ${username} exists already`)
        staffOf.set(place.officeId, ++userId)
        sinks.users.line(
          `${userId}\t${username}\t${place.prefix}编办 审核员\t${passwordHash}\tOFFICE_STAFF\t${ALL_OFFICE_ROLES}\tt\t${place.officeId}\t${NULL}\t${username}@example.gov.cn\t${created}\t${created}\n`,
        )
      }
      for (let i = 1; i <= CONAC_REVIEWERS; i++) {
        const username = `conac${String(i).padStart(2, '0')}`
        if (existingUsernames.has(username)) throw new Error(`user ${username} exists already`)
        conacReviewers.push(++userId)
        sinks.users.line(
          `${userId}\t${username}\tCONAC 审核员${i}\t${passwordHash}\tCONAC_STAFF\t${ALL_OFFICE_ROLES}\tt\t${central.id}\t${NULL}\t${username}@example.gov.cn\t${created}\t${created}\n`,
        )
      }

      const ids = {
        review: idBase.review_decisions,
        renewal: idBase.domain_renewals,
        collection: idBase.fee_collections,
        item: idBase.fee_collection_items,
        txn: idBase.ledger_transactions,
        entry: idBase.ledger_entries,
        site: idBase.site_applications,
        paper: idBase.paper_submissions,
        badge: idBase.badges,
      }
      const badgeSeq = new Map<string, number>()
      const urng = new Rng(seed, 3)
      const srng = new Rng(seed, 4)
      const selectRng = new Rng(seed, 5)
      let registeredSeen = 0
      let sitesMade = 0
      let domainIndex = 0

      /** A decision at `at` on an item that waited for it since `since` (its submission or the previous decision). */
      const review = (
        subject: 'DOMAIN' | 'SITE_APPLICATION',
        subjectId: number,
        level: 'OFFICE' | 'CONAC' | 'PAPER',
        officeId: number,
        reviewerId: number,
        rejected: string | null,
        at: number,
        since: number,
      ) => {
        const domainId = subject === 'DOMAIN' ? subjectId : NULL
        const siteId = subject === 'SITE_APPLICATION' ? subjectId : NULL
        sinks.review_decisions.line(
          `${++ids.review}\t${subject}\t${domainId}\t${siteId}\t${level}\t${officeId}\t${reviewerId}\t${rejected ? 'REJECTED' : 'APPROVED'}\t${rejected ?? NULL}\t${ts(at)}\t${ts(Math.min(since, at))}\n`,
        )
      }
      const txn = (
        kind: string,
        memo: string,
        createdBy: number | null,
        at: number,
        debit: number,
        credit: number,
        amount: number,
      ): number => {
        const id = ++ids.txn
        const when = ts(at)
        sinks.ledger_transactions.line(`${id}\t${kind}\t${memo}\t${createdBy ?? NULL}\t${when}\n`)
        sinks.ledger_entries.line(`${++ids.entry}\t${id}\t${debit}\t${-amount}\t${when}\n`)
        sinks.ledger_entries.line(`${++ids.entry}\t${id}\t${credit}\t${amount}\t${when}\n`)
        balances[debit]! -= amount
        balances[credit]! += amount
        return id
      }
      /** 收费 (+ its posting) of one registration or renewal, and the daily charge when its money has arrived. */
      const collect = (
        place: Place,
        placeIndex: number,
        unitId: number,
        unitName: string,
        domainId: number,
        fullName: string,
        renewalId: number | null,
        years: number,
        amount: number,
        collectedAt: number,
        charge: number | null,
      ) => {
        const staff = staffOf.get(place.officeId)!
        const w = weekNumber(collectedAt)
        const rem = remittanceId(placeIndex, place.officeId, w)
        if (rem !== null) remAmount[placeIndex * weekCount + (w - firstWeek)]! += amount
        const collectionId = ++ids.collection
        sinks.fee_collections.line(
          `${collectionId}\t${place.officeId}\t${unitId}\t${amount}\t0\t${staff}\t${ts(collectedAt)}\t${rem ?? NULL}\n`,
        )
        txn(
          'COLLECTION',
          `收费 #${collectionId} ${unitName}`,
          staff,
          collectedAt,
          unitPaymentsAccount,
          collectedAccount[placeIndex]!,
          amount,
        )
        let chargeTxn: number | null = null
        if (charge !== null) {
          chargeTxn = txn(
            'CHARGE',
            `扣费 ${renewalId ? '续费' : '注册'} ${fullName} ${years}年`,
            null,
            charge,
            prepaidAccount[placeIndex]!,
            revenueAccount,
            amount,
          )
        }
        sinks.fee_collection_items.line(
          `${++ids.item}\t${collectionId}\t${domainId}\t${renewalId ?? NULL}\t${renewalId ? 'RENEWAL' : 'REGISTRATION'}\t${years}\t${amount}\t${tsOrNull(charge)}\t${chargeTxn ?? NULL}\n`,
        )
      }

      for (let placeIndex = 0; placeIndex < places.length; placeIndex++) {
        const place = places[placeIndex]!
        const officeId = place.officeId
        const staff = staffOf.get(officeId)!
        // Offices differ in speed: a factor on every turnaround of this office.
        const officePace = 0.5 + (hash3(seed, 0x0ff1, officeId) % 1500) / 1000
        for (let k = 0; k < place.unitCount; k++) {
          const u = place.firstUnit + k
          const unitId = idBase.units + u + 1
          const r = urng.at(u)
          // --- the unit ---
          const { kind, name: entryName, superior } = unitEntry(place, k)
          const unitName = place.prefix + entryName
          const suffix = SUFFIX_OF[kind.type]
          const marks =
            kind.type === 'PARTY_GOVERNMENT'
              ? '11'
              : kind.type === 'PUBLIC_INSTITUTION'
                ? '12'
                : kind.type === 'MASS_ORGANIZATION'
                  ? '13'
                  : entryName.endsWith('基金会')
                    ? '53'
                    : '51'
          const body = String((u * 48271 + (seed % 100_000_000)) % 100_000_000).padStart(8, '0')
          let orgSum = 0
          for (let i = 0; i < 8; i++) orgSum += (body.charCodeAt(i) - 48) * ORG_WEIGHTS[i]!
          const orgCheck = 11 - (orgSum % 11)
          const first17 = marks + place.code + body + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck))
          const creditCode = first17 + creditCodeCheckCharacter(first17)
          const [surname, pinyin] = SURNAMES[r.int(SURNAMES.length)]!
          const handlerName = surname + GIVEN[r.int(GIVEN.length)]! + (r.chance(0.6) ? GIVEN[r.int(GIVEN.length)]! : '')
          const mobile = mobileNumber(r)
          const email = `${pinyin}${String(r.int(100000)).padStart(5, '0')}@${MAIL_HOSTS[r.int(MAIL_HOSTS.length)]}`
          const idNumber = r.chance(0.9) ? idNumberFor(place.code, r) : null
          const address = `${place.fullName}${STREETS[r.int(STREETS.length)]}${1 + r.int(300)}号`
          const landline = r.chance(0.8)
            ? `0${300 + (Number(place.code.slice(0, 4)) % 600)}-${String(2000000 + r.int(7999999))}`
            : null
          const unitCreated = now - 5 * YEAR - 30 * DAY - r.next() * 2 * YEAR
          const inactive = r.chance(0.01)
          sinks.units.line(
            `${unitId}\t${unitName}\t${kind.type}\t${kind.category}\t${creditCode}\t${place.code}\t${superior}\t${kind.functions}\t${address}\t${place.postcode}\t${landline ?? NULL}\t${handlerName}\t${mobile}\t${email}\t${idNumberCells('unit', idNumber)}\t${inactive ? 'INACTIVE' : 'ACTIVE'}\t${inactive ? 1 : 0}\t${ts(unitCreated)}\t${ts(inactive ? now - r.next() * YEAR : unitCreated)}\n`,
          )

          // --- its domains ---
          for (let j = 0; j < domainCount[u]!; j++, domainIndex++) {
            const d = domainIndex
            const domainId = idBase.domains + d + 1
            const dr = drng.at(d)
            const status = DOMAIN_STATUSES[pickWeighted(DOMAIN_STATUS_CUM, dr.next())]!
            const name = domainName(unitName, unitId, suffix, j)
            const fullName = name + SUFFIX_TEXT[suffix]
            const years = status === 'EXPIRED' ? 1 + dr.int(3) : 1 + pickWeighted(YEARS_CUM, dr.next())
            let submitted: number
            let officeAt: number | null = null
            let conacAt: number | null = null
            let officeReject: string | null = null
            let conacReject: string | null = null
            let registeredAt: number | null = null
            let expiresAt: number | null = null
            let updated: number
            let version = 0

            if (status === 'REGISTERED' || status === 'EXPIRED' || status === 'FEE_COLLECTED') {
              let collectedAt: number
              if (status === 'FEE_COLLECTED') {
                collectedAt = officeHours(prevWeekStart + dr.next() * (now - prevWeekStart), dr.next())
                if (collectedAt < prevWeekStart) collectedAt = prevWeekStart + DAY + 2 * HOUR
                if (collectedAt >= now) collectedAt = now - HOUR
              } else {
                const from = now - 5 * YEAR + 60 * DAY
                const to = status === 'EXPIRED' ? addYears(now, -years) - 40 * DAY : prevWeekStart - 2 * DAY
                // Registrations grow over the years: later dates are a little more likely.
                collectedAt = officeHours(from + Math.pow(dr.next(), 0.8) * (to - from), dr.next())
              }
              conacAt = workdaysBefore(collectedAt, 1 + dr.int(12), dr.next())
              officeAt = workdaysBefore(conacAt, conacTurn(dr), dr.next())
              submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next()) - dr.next() * 4 * HOUR
              const w = weekNumber(collectedAt)
              const amount = feePerYear(suffix, collectedAt) * years
              let charge: number | null = null
              version = 3
              updated = collectedAt
              if (status !== 'FEE_COLLECTED') {
                charge = chargeAt(officeId, w) + dr.int(600_000)
                registeredAt = charge
                expiresAt = addYears(charge, years)
                version = 4
                updated = charge
              }
              collect(place, placeIndex, unitId, unitName, domainId, fullName, null, years, amount, collectedAt, charge)
              if (status === 'REGISTERED') {
                // Renewals: every term that ran out before today was renewed (the domain is still registered).
                while (expiresAt! <= now) {
                  const renewalYears = RENEWAL_YEARS[pickWeighted(RENEWAL_YEARS_CUM, dr.next())]!
                  let requested = officeHours(expiresAt! - (5 + dr.int(55)) * DAY, dr.next())
                  let paid = workdaysAfter(requested, dr.int(8) + 1, dr.next())
                  if (paid >= prevWeekStart - DAY) {
                    paid = workdaysBefore(prevWeekStart - DAY, 1 + dr.int(4), dr.next())
                    if (requested >= paid) requested = paid - HOUR * (1 + dr.int(48))
                  }
                  const renewCharge = chargeAt(officeId, weekNumber(paid)) + dr.int(600_000)
                  const previous = expiresAt!
                  const next = addYears(previous > renewCharge ? previous : renewCharge, renewalYears)
                  const renewalId = ++ids.renewal
                  sinks.domain_renewals.line(
                    `${renewalId}\t${domainId}\t${renewalYears}\tCHARGED\t${staff}\t${ts(requested)}\t${ts(previous)}\t${ts(next)}\t2\n`,
                  )
                  collect(
                    place,
                    placeIndex,
                    unitId,
                    unitName,
                    domainId,
                    fullName,
                    renewalId,
                    renewalYears,
                    feePerYear(suffix, paid) * renewalYears,
                    paid,
                    renewCharge,
                  )
                  expiresAt = next
                  version++
                  updated = renewCharge
                }
                // Expiring within 60 days: some have asked to renew, a few have paid already.
                if (expiresAt! - now < 60 * DAY) {
                  const x = dr.next()
                  if (x < 0.55) {
                    const renewalYears = RENEWAL_YEARS[pickWeighted(RENEWAL_YEARS_CUM, dr.next())]!
                    const paidAlready = x < 0.15
                    const paid = paidAlready
                      ? Math.min(
                          now - HOUR,
                          officeHours(prevWeekStart + DAY + dr.next() * (now - prevWeekStart - DAY), dr.next()),
                        )
                      : null
                    const requested =
                      Math.min(paid ?? now, Math.max(now - 30 * DAY, expiresAt! - 60 * DAY) + dr.next() * 20 * DAY) -
                      HOUR
                    const renewalId = ++ids.renewal
                    sinks.domain_renewals.line(
                      `${renewalId}\t${domainId}\t${renewalYears}\t${paidAlready ? 'FEE_COLLECTED' : 'REQUESTED'}\t${staff}\t${ts(requested)}\t${NULL}\t${NULL}\t${paidAlready ? 1 : 0}\n`,
                    )
                    if (paid !== null)
                      collect(
                        place,
                        placeIndex,
                        unitId,
                        unitName,
                        domainId,
                        fullName,
                        renewalId,
                        renewalYears,
                        feePerYear(suffix, paid) * renewalYears,
                        paid,
                        null,
                      )
                  }
                }
              } else if (status === 'EXPIRED') {
                updated = expiresAt! + HOUR
                version = 5
              }
            } else if (status === 'PENDING_OFFICE_REVIEW') {
              submitted = now - dr.next() * 10 * DAY
              updated = submitted
            } else if (status === 'OFFICE_APPROVED') {
              officeAt = workdaysBefore(now, 1 + dr.int(6), dr.next())
              submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next())
              updated = officeAt
              version = 1
            } else if (status === 'CONAC_APPROVED') {
              conacAt = workdaysBefore(now, 1 + dr.int(20), dr.next())
              officeAt = workdaysBefore(conacAt, conacTurn(dr), dr.next())
              submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next())
              updated = conacAt
              version = 2
            } else {
              // Rejected or cancelled at some point in the last five years.
              const end = officeHours(now - 5 * YEAR + 30 * DAY + dr.next() * (5 * YEAR - 40 * DAY), dr.next())
              if (status === 'OFFICE_REJECTED') {
                officeAt = end
                officeReject = DOMAIN_REJECT_REASONS[dr.int(DOMAIN_REJECT_REASONS.length)]!
                submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next())
                version = 1
              } else if (status === 'CONAC_REJECTED') {
                conacAt = end
                conacReject = DOMAIN_REJECT_REASONS[dr.int(DOMAIN_REJECT_REASONS.length)]!
                officeAt = workdaysBefore(conacAt, conacTurn(dr), dr.next())
                submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next())
                version = 2
              } else {
                // Withdrawn by the unit, half of them after the office had approved.
                if (dr.chance(0.5)) {
                  officeAt = workdaysBefore(end, 1 + dr.int(5), dr.next())
                  submitted = workdaysBefore(officeAt, officeTurn(dr, officePace), dr.next())
                  version = 2
                } else {
                  submitted = end - (1 + dr.int(10)) * DAY
                  version = 1
                }
              }
              updated = end
            }
            const onBehalf = dr.chance(0.08) ? officeId : NULL
            sinks.domains.line(
              `${domainId}\t${name}\t${suffix}\t${unitId}\t${status}\t${years}\t${onBehalf}\t${ts(submitted)}\t${tsOrNull(registeredAt)}\t${tsOrNull(expiresAt)}\t${version}\t${ts(submitted)}\t${ts(updated)}\n`,
            )
            if (officeAt !== null)
              review('DOMAIN', domainId, 'OFFICE', officeId, staff, officeReject, officeAt, submitted)
            if (conacAt !== null)
              review(
                'DOMAIN',
                domainId,
                'CONAC',
                central.id,
                conacReviewers[dr.int(CONAC_REVIEWERS)]!,
                conacReject,
                conacAt,
                officeAt ?? submitted,
              )

            // --- a site application on some registered domains (selection sampling: exactly siteTotal) ---
            if (status === 'REGISTERED') {
              const take = selectRng.at(d).next() * (registeredTotal - registeredSeen) < siteTotal - sitesMade
              registeredSeen++
              if (take) {
                sitesMade++
                const sr = srng.at(d)
                let siteStatus: SiteStatus = SITE_STATUSES[pickWeighted(SITE_STATUS_CUM, sr.next())]!
                const needsPaper = NEEDS_PAPER[kind.type]
                if (!needsPaper && (siteStatus === 'AWAITING_PAPER' || siteStatus === 'PAPER_REJECTED'))
                  siteStatus = 'PENDING_CONAC_REVIEW'
                const earliest = Math.max(Math.min(registeredAt! + DAY, now - 2 * HOUR), now - 4 * YEAR)
                // A domain registered lately has only just applied (or is still drafting).
                if (siteStatus !== 'DRAFT' && siteStatus !== 'PENDING_OFFICE_REVIEW' && earliest > now - 90 * DAY)
                  siteStatus = sr.chance(0.5) ? 'DRAFT' : 'PENDING_OFFICE_REVIEW'
                const siteId = ++ids.site
                const useMicroSite = sr.chance(0.35)
                const englishDomain = useMicroSite ? null : `www.${place.code}${unitId.toString(36)}.gov.cn`
                const ip = useMicroSite ? null : `${58 + sr.int(160)}.${sr.int(256)}.${sr.int(256)}.${1 + sr.int(254)}`
                const siteName = useMicroSite ? unitName : `${unitName}门户网站`
                const intro = `${unitName}${useMicroSite ? '网络红页' : '门户网站'}，发布机构职能、政务公开和办事服务信息。`
                const [pSurname, pPinyin] = SURNAMES[sr.int(SURNAMES.length)]!
                const principal = pSurname + GIVEN[sr.int(GIVEN.length)]! + GIVEN[sr.int(GIVEN.length)]!
                const handlerId = idNumber ?? idNumberFor(place.code, sr)
                let submittedAt: number | null = null
                let siteOffice: number | null = null
                let siteConac: number | null = null
                let paperAt: number | null = null
                let rejectedReason: string | null = null
                let siteUpdated: number
                let siteCreated: number
                let siteVersion = 1
                if (siteStatus === 'DRAFT') {
                  siteCreated = Math.max(earliest, now - sr.next() * 30 * DAY)
                  siteUpdated = siteCreated
                  siteVersion = 0
                } else if (siteStatus === 'PENDING_OFFICE_REVIEW') {
                  submittedAt = Math.max(earliest, now - sr.next() * 10 * DAY)
                  siteCreated = submittedAt - sr.next() * 2 * DAY
                  siteUpdated = submittedAt
                } else if (
                  siteStatus === 'PENDING_CONAC_REVIEW' ||
                  siteStatus === 'AWAITING_PAPER' ||
                  siteStatus === 'PAPER_REJECTED'
                ) {
                  const last = workdaysBefore(now, 1 + sr.int(8), sr.next())
                  if (siteStatus === 'PENDING_CONAC_REVIEW') siteOffice = last
                  else {
                    siteConac =
                      siteStatus === 'PAPER_REJECTED' ? workdaysBefore(last, siteTurn(sr, officePace), sr.next()) : last
                    siteOffice = workdaysBefore(siteConac, siteTurn(sr, officePace), sr.next())
                    if (siteStatus === 'PAPER_REJECTED') {
                      paperAt = last
                      rejectedReason = PAPER_REJECT_REASONS[sr.int(PAPER_REJECT_REASONS.length)]!
                    }
                  }
                  submittedAt = workdaysBefore(siteOffice, siteTurn(sr, officePace), sr.next())
                  siteCreated = submittedAt - sr.next() * 2 * DAY
                  siteUpdated = last
                  siteVersion = siteStatus === 'PENDING_CONAC_REVIEW' ? 2 : siteStatus === 'AWAITING_PAPER' ? 3 : 4
                } else {
                  submittedAt = officeHours(earliest + sr.next() * (now - 75 * DAY - earliest), sr.next())
                  siteCreated = submittedAt - sr.next() * 3 * DAY
                  siteUpdated = submittedAt
                  if (siteStatus !== 'WITHDRAWN') {
                    siteOffice = workdaysAfter(submittedAt, siteTurn(sr, officePace), sr.next())
                    siteUpdated = siteOffice
                    if (siteStatus === 'OFFICE_REJECTED')
                      rejectedReason = SITE_REJECT_REASONS[sr.int(SITE_REJECT_REASONS.length)]!
                    else {
                      siteConac = workdaysAfter(siteOffice, siteTurn(sr, officePace), sr.next())
                      siteUpdated = siteConac
                      if (siteStatus === 'CONAC_REJECTED')
                        rejectedReason = SITE_REJECT_REASONS[sr.int(SITE_REJECT_REASONS.length)]!
                      else if (needsPaper) siteUpdated = paperAt = workdaysAfter(siteConac, 2 + sr.int(10), sr.next())
                    }
                  } else siteUpdated = submittedAt + (1 + sr.int(8)) * DAY
                  siteVersion =
                    siteStatus === 'WITHDRAWN'
                      ? 2
                      : siteStatus === 'OFFICE_REJECTED'
                        ? 2
                        : siteStatus === 'CONAC_REJECTED'
                          ? 3
                          : needsPaper
                            ? 4
                            : 3
                }
                sinks.site_applications.line(
                  `${siteId}\tWZ-${new Date(siteCreated).getUTCFullYear()}-${String(siteId).padStart(6, '0')}\t${unitId}\t${sr.chance(0.8) ? 'NEW_SITE' : 'RE_REVIEW'}\t${siteStatus}\t${unitName}\t${superior}\t${kind.functions}\t${kind.category}\t${address}\t${place.postcode}\t${siteName}\t${intro}\t${domainId}\t${englishDomain ?? NULL}\t${useMicroSite ? 't' : 'f'}\t${ip ?? NULL}\t${principal}\t${mobileNumber(sr)}\t${pPinyin}${sr.int(100000)}@${MAIL_HOSTS[sr.int(MAIL_HOSTS.length)]}\t${handlerName}\t${landline ?? NULL}\t${mobile}\t${email}\t${idNumberCells('siteApplication', handlerId)}\t${tsOrNull(submittedAt)}\t${siteVersion}\t${ts(siteCreated)}\t${ts(siteUpdated)}\n`,
                )
                sinks.site_application_domains.line(`${siteId}\t${domainId}\n`)
                if (siteOffice !== null)
                  review(
                    'SITE_APPLICATION',
                    siteId,
                    'OFFICE',
                    officeId,
                    staff,
                    siteStatus === 'OFFICE_REJECTED' ? rejectedReason : null,
                    siteOffice,
                    submittedAt ?? siteCreated,
                  )
                if (siteConac !== null)
                  review(
                    'SITE_APPLICATION',
                    siteId,
                    'CONAC',
                    central.id,
                    conacReviewers[sr.int(CONAC_REVIEWERS)]!,
                    siteStatus === 'CONAC_REJECTED' ? rejectedReason : null,
                    siteConac,
                    siteOffice ?? submittedAt ?? siteCreated,
                  )
                if (paperAt !== null)
                  review(
                    'SITE_APPLICATION',
                    siteId,
                    'PAPER',
                    officeId,
                    staff,
                    siteStatus === 'PAPER_REJECTED' ? rejectedReason : null,
                    paperAt,
                    siteConac ?? siteOffice ?? submittedAt ?? siteCreated,
                  )
                if (
                  needsPaper &&
                  (siteStatus === 'AWAITING_PAPER' ||
                    siteStatus === 'PAPER_REJECTED' ||
                    siteStatus === 'BADGE_ISSUED' ||
                    siteStatus === 'BADGE_CANCELLED')
                ) {
                  const complete = siteStatus === 'BADGE_ISSUED' || siteStatus === 'BADGE_CANCELLED'
                  const received = complete || siteStatus === 'PAPER_REJECTED' || sr.chance(0.5)
                  const receivedAt = received
                    ? Math.min(
                        now - HOUR,
                        paperAt !== null ? paperAt - HOUR : now,
                        siteConac! + (2 + sr.int(46)) * HOUR,
                      )
                    : null
                  const copies = complete ? 4 : received ? 2 : 0
                  sinks.paper_submissions.line(
                    `${++ids.paper}\t${siteId}\t4\t${tsOrNull(receivedAt)}\t${received ? staff : NULL}\t${received ? 't' : 'f'}\t${copies}\t${complete ? 't' : 'f'}\t${complete ? NULL : received ? '申请表份数不足，缺经办人身份证复印件' : NULL}\t${complete ? ts(paperAt!) : NULL}\t${complete ? staff : NULL}\n`,
                  )
                }
                if (siteStatus === 'BADGE_ISSUED' || siteStatus === 'BADGE_CANCELLED') {
                  const issuedAt = (paperAt ?? siteConac!) + 60_000
                  const key = `${new Date(issuedAt).getUTCFullYear()}${place.code}`
                  const seq = (badgeSeq.get(key) ?? 0) + 1
                  badgeSeq.set(key, seq)
                  const cancelled = siteStatus === 'BADGE_CANCELLED'
                  const cancelledAt = cancelled ? issuedAt + HOUR + sr.next() * 0.9 * (now - issuedAt) : null
                  const installed = useMicroSite || sr.chance(0.85)
                  const installedAt = installed ? issuedAt + (useMicroSite ? 0 : HOUR + sr.next() * 6 * DAY) : null
                  const checked = !useMicroSite
                  const lastChecked = checked ? now - sr.next() * 7 * DAY : null
                  sinks.badges.line(
                    `${++ids.badge}\t${key}${String(seq).padStart(5, '0')}\t${siteId}\t${unitId}\t${cancelled ? 'CANCELLED' : 'ACTIVE'}\t${useMicroSite ? 'MICRO_SITE' : 'SELF_BUILT'}\t${siteName}\t${englishDomain ?? NULL}\t${ip ?? NULL}\t${ts(issuedAt)}\t${ts(workdayDeadline(issuedAt, 5))}\t${tsOrNull(installedAt)}\t${tsOrNull(lastChecked)}\t${checked ? (installed ? 't' : 'f') : NULL}\t${tsOrNull(cancelledAt)}\t${cancelled ? 2 : 0}\n`,
                  )
                }
              }
            }
          }
          if ((u & 127) === 0) {
            await backpressure(all)
            reportProgress()
            if ((u & 4095) === 0) await new Promise((resolve) => setImmediate(resolve))
          }
        }
      }

      // --- 汇款单 and 认款: one remittance per office and week with collections ---
      const mondays = Array.from({ length: weekCount }, (_, wi) => dateOnly(weekMondayDate(firstWeek + wi)))
      for (let placeIndex = 0; placeIndex < places.length; placeIndex++) {
        const place = places[placeIndex]!
        const staff = staffOf.get(place.officeId)!
        for (let wi = 0; wi < weekCount; wi++) {
          const amount = remAmount[placeIndex * weekCount + wi]!
          if (!amount) continue
          const w = firstWeek + wi
          const id = idBase.remittances + placeIndex * weekCount + wi + 1
          const submitted = submitAt(place.officeId, w)
          const confirmed = w < currentWeek - 1 ? confirmAt(place.officeId, w) : null
          const conacUser = conacReviewers[hash3(seed, id, 7) % CONAC_REVIEWERS]!
          const monday = mondays[wi]!
          sinks.remittances.line(
            `${id}\t${place.officeId}\t${monday}\t${amount}\t${confirmed ? 'CONFIRMED' : 'SUBMITTED'}\tHK${place.code}${monday.replaceAll('-', '')}\t${staff}\t${ts(submitted)}\t${confirmed ? conacUser : NULL}\t${tsOrNull(confirmed)}\t${confirmed ? 1 : 0}\n`,
          )
          txn(
            'REMITTANCE',
            `汇款单 #${id} ${monday} 周`,
            staff,
            submitted,
            collectedAccount[placeIndex]!,
            transitAccount[placeIndex]!,
            amount,
          )
          if (confirmed)
            txn(
              'REMITTANCE_CONFIRMATION',
              `认款 汇款单 #${id} ${place.prefix}编办`,
              conacUser,
              confirmed,
              transitAccount[placeIndex]!,
              prepaidAccount[placeIndex]!,
              amount,
            )
        }
        if ((placeIndex & 63) === 0) {
          await backpressure(all)
          reportProgress()
        }
      }

      await Promise.all(all.map((sink) => sink.close()))
      reportProgress(true)
      clearInterval(progressTimer)
      progressTimer = undefined
      copySeconds = (performance.now() - copyStarted) / 1000
      log(`[national] COPY done in ${copySeconds.toFixed(1)} s; restoring constraints and balances`)

      const restoreStarted = performance.now()
      await restore(true, balances, idBase)
      restoreSeconds = (performance.now() - restoreStarted) / 1000
    } catch (error) {
      if (progressTimer) clearInterval(progressTimer)
      await Promise.allSettled(all.map((sink) => sink.close()))
      log(`[national] load failed: ${(error as Error).message}; putting triggers and foreign keys back (NOT VALID)`)
      await restore(false, balances, idBase).catch((e) => log(`[national] could not restore: ${(e as Error).message}`))
      throw error
    }

    const analyzeStarted = performance.now()
    if (!options.discard) await q('ANALYZE')
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000
    let statisticsSeconds: number | null = null
    const { exists } = (
      await q<{ exists: boolean }>(`SELECT to_regproc('rebuild_region_statistics') IS NOT NULL AS exists`)
    )[0]!
    if (exists) {
      const at = performance.now()
      await q('SELECT rebuild_region_statistics()')
      statisticsSeconds = (performance.now() - at) / 1000
      log(`[national] rebuild_region_statistics() took ${statisticsSeconds.toFixed(1)} s`)
    }

    const rows = Object.fromEntries(all.map((s) => [s.table, s.rows]))
    const totalRows = all.reduce((s, k) => s + k.rows, 0)
    const loadSeconds = copySeconds + restoreSeconds
    const perTable = all.map((s) => {
      const seconds = (s.finishedAt - s.startedAt) / 1000
      return { table: s.table, rows: s.rows, seconds, rowsPerSecond: s.rows / seconds }
    })
    const result: LoadResult = {
      rows,
      totalRows,
      copySeconds,
      restoreSeconds,
      analyzeSeconds,
      statisticsSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      rowsPerSecond: totalRows / (loadSeconds + analyzeSeconds + (statisticsSeconds ?? 0)),
      loadRowsPerSecond: totalRows / loadSeconds,
      copyRowsPerSecond: totalRows / copySeconds,
      perTable,
    }
    log('[national] summary')
    for (const t of perTable)
      log(
        `[national]   ${t.table.padEnd(24)} ${fmt(t.rows).padStart(11)} rows  ${t.seconds.toFixed(1).padStart(6)} s  ${fmt(Math.round(t.rowsPerSecond)).padStart(9)} rows/s`,
      )
    log(
      `[national]   total ${fmt(totalRows)} rows; COPY ${copySeconds.toFixed(1)} s (${fmt(Math.round(result.copyRowsPerSecond))} rows/s); constraints, triggers and balances ${restoreSeconds.toFixed(1)} s`,
    )
    log(
      `[national]   overall ${fmt(Math.round(result.rowsPerSecond))} rows/s until ready to serve (COPY + restoration ${loadSeconds.toFixed(1)} s, ANALYZE ${analyzeSeconds.toFixed(1)} s, counters' rebuild ${(statisticsSeconds ?? 0).toFixed(1)} s: ${(loadSeconds + analyzeSeconds + (statisticsSeconds ?? 0)).toFixed(1)} s); without the rebuild ${fmt(Math.round(result.loadRowsPerSecond))} rows/s; wall ${result.totalSeconds.toFixed(1)} s`,
    )
    return result
  } finally {
    await admin.end()
  }
}

/** Review turnaround in working days: mostly quick, with a long tail; slow offices take longer. */
function officeTurn(r: Rng, pace: number): number {
  return 1 + Math.min(14, Math.floor(-Math.log(1 - r.next()) * 2.2 * pace))
}
function conacTurn(r: Rng): number {
  return 1 + Math.min(9, Math.floor(-Math.log(1 - r.next()) * 1.6))
}
function siteTurn(r: Rng, pace: number): number {
  return 1 + Math.min(12, Math.floor(-Math.log(1 - r.next()) * 2.5 * pace))
}

// --- Drop and restore ----------------------------------------------------------------------------------------------

interface ForeignKey {
  table: string
  name: string
  definition: string
}

/**
 * Drops the foreign keys of the loaded tables and disables the ledger triggers; returns the function that puts
 * them back. With `validate`, foreign keys are re-added validated, postings are checked to balance, and account
 * balances are set to the sum of their entries.
 */
async function prepareForLoad(admin: pg.Client, url: string, log: (line: string) => void) {
  const fks = (
    await admin.query<ForeignKey>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY 1, 2`,
      [TABLES.map((t) => `"${t}"`)],
    )
  ).rows
  // Plain (non-unique) indexes are rebuilt after the load: one sort per index beats millions of b-tree inserts.
  // Primary keys, unique and partial unique indexes stay, so uniqueness is enforced while loading.
  const indexes = (
    await admin.query<{ name: string; definition: string; table: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indrelid::regclass::text AS table
         FROM pg_index i WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY 3, 1`,
      [TABLES.map((t) => `"${t}"`)],
    )
  ).rows
  await admin.query('BEGIN')
  for (const fk of fks) await admin.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`)
  for (const index of indexes) await admin.query(`DROP INDEX ${index.name}`)
  await admin.query(
    'ALTER TABLE "ledger_entries" DISABLE TRIGGER "ledger_entries_apply", DISABLE TRIGGER "ledger_entries_balanced"',
  )
  // The 区域统计 triggers would add a counter delta per row; rebuild_region_statistics() sums the load once instead,
  // and the generator writes each decision's waitStartedAt itself.
  const rowTriggers = (
    await admin.query<{ table: string; name: string }>(
      `SELECT t.tgrelid::regclass::text AS table, t.tgname AS name FROM pg_trigger t
        WHERE t.tgrelid = ANY($1::regclass[]) AND t.tgname IN ('region_statistics', 'region_statistics_update', 'review_decisions_wait_start') ORDER BY 1, 2`,
      [TABLES.map((t) => `"${t}"`)],
    )
  ).rows
  // Each name the domains' trigger writes would bump its zone's serial: one row per zone updated two million times
  // in the COPY's transaction, every update walking the row's growing chain of versions (quadratic: a scale-1
  // load stalled in it for over 20 minutes). The serials are bumped once per zone after the load instead.
  const zoneSerialTriggers = (
    await admin.query<{ table: string; name: string }>(
      `SELECT t.tgrelid::regclass::text AS table, t.tgname AS name FROM pg_trigger t
        WHERE t.tgrelid = 'domain_names'::regclass AND t.tgname = 'domain_names_bump_zone_serial'`,
    )
  ).rows
  rowTriggers.push(...zoneSerialTriggers)
  for (const trigger of rowTriggers) await admin.query(`ALTER TABLE ${trigger.table} DISABLE TRIGGER "${trigger.name}"`)
  await admin.query('COMMIT')
  log(
    `[national] for the load: dropped ${fks.length} foreign keys and ${indexes.length} non-unique indexes of the loaded tables, disabled the 2 ledger triggers and ${rowTriggers.length} statistics and zone-serial triggers`,
  )

  return async (validate: boolean, balances: Float64Array, idBase: Record<Table, number>) => {
    const step = async (label: string, sql: string) => {
      const at = performance.now()
      const result = await admin.query(sql)
      log(`[national]   ${label} (${((performance.now() - at) / 1000).toFixed(1)} s)`)
      return result
    }
    await admin.query(`SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'`)
    if (validate) {
      // Postings must balance, as the statement trigger would have checked.
      const unbalanced = await step(
        'every posting balances',
        `SELECT "transactionId" FROM ledger_entries GROUP BY "transactionId" HAVING sum("amountFen") <> 0 LIMIT 1`,
      )
      if (unbalanced.rows.length)
        throw new Error(`ledger transaction ${unbalanced.rows[0].transactionId} does not balance`)
      // Balances: the running sums the per-entry trigger would have kept. Computed while generating; checked below.
      const changed = [...balances.entries()].filter(([, fen]) => fen !== 0)
      const values = changed.map(([id, fen]) => `(${id}, ${fen})`).join(',')
      if (values)
        await step(
          `balances of ${changed.length} accounts`,
          `UPDATE accounts a SET "balanceFen" = a."balanceFen" + v.fen FROM (VALUES ${values}) AS v(id, fen) WHERE a.id = v.id`,
        )
      const drift = await step(
        'balance = sum of entries for every account',
        `SELECT a.id FROM accounts a LEFT JOIN (SELECT "accountId", sum("amountFen") AS s FROM ledger_entries GROUP BY 1) e ON e."accountId" = a.id WHERE a."balanceFen" <> coalesce(e.s, 0) LIMIT 1`,
      )
      if (drift.rows.length) throw new Error(`account ${drift.rows[0].id}: balance differs from the sum of its entries`)
    }
    await admin.query(
      'ALTER TABLE "ledger_entries" ENABLE TRIGGER "ledger_entries_apply", ENABLE TRIGGER "ledger_entries_balanced"',
    )
    for (const trigger of rowTriggers)
      await admin.query(`ALTER TABLE ${trigger.table} ENABLE TRIGGER "${trigger.name}"`)
    if (zoneSerialTriggers.length) await admin.query(`SELECT "dns_zone_bump_serial"("suffix") FROM "dns_zones"`)
    // The office queue's region (migration 20261207103500_office_queue_region): its trigger reads the domain's unit,
    // which the units' COPY, another connection, had not committed yet. Set once the load is in.
    await step(
      'office queue regions of the pending domains',
      `UPDATE domains d SET "queueRegionCode" = u."regionCode" FROM units u
        WHERE u.id = d."unitId" AND d.status = 'PENDING_OFFICE_REVIEW' AND d."queueRegionCode" IS DISTINCT FROM u."regionCode"`,
    )
    // Index builds in two lanes (two cores), biggest tables first.
    const at = performance.now()
    const sizes = new Map(
      (
        await admin.query<{ table: string; rows: number }>(
          `SELECT relname AS table, n_live_tup::float8 AS rows FROM pg_stat_user_tables`,
        )
      ).rows.map((r) => [r.table, r.rows]),
    )
    const queue = [...indexes].sort(
      (a, b) => (sizes.get(b.table.replaceAll('"', '')) ?? 0) - (sizes.get(a.table.replaceAll('"', '')) ?? 0),
    )
    await Promise.all(
      [0, 1].map(async () => {
        const lane = new pg.Client({ connectionString: url })
        await lane.connect()
        try {
          await lane.query(`SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 0`)
          for (let index = queue.shift(); index; index = queue.shift()) {
            const started = performance.now()
            await lane.query(index.definition)
            log(`[national]   index ${index.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`)
          }
        } finally {
          await lane.end()
        }
      }),
    )
    log(`[national]   ${indexes.length} indexes rebuilt in ${((performance.now() - at) / 1000).toFixed(1)} s`)
    // Foreign keys: added NOT VALID (a catalogue change), then validated (one join each) in two lanes. Validation
    // locks only the referencing table against other validations, so the lanes take whole tables.
    for (const fk of fks)
      await admin.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition} NOT VALID`)
    if (validate) {
      const started = performance.now()
      const byTable = new Map<string, ForeignKey[]>()
      for (const fk of fks) byTable.set(fk.table, [...(byTable.get(fk.table) ?? []), fk])
      const groups = [...byTable.values()].sort(
        (a, b) => (sizes.get(b[0]!.table.replaceAll('"', '')) ?? 0) - (sizes.get(a[0]!.table.replaceAll('"', '')) ?? 0),
      )
      await Promise.all(
        [0, 1].map(async () => {
          const lane = new pg.Client({ connectionString: url })
          await lane.connect()
          try {
            await lane.query(`SET work_mem = '256MB'`)
            for (let group = groups.shift(); group; group = groups.shift()) {
              for (const fk of group) {
                const at = performance.now()
                await lane.query(`ALTER TABLE ${fk.table} VALIDATE CONSTRAINT "${fk.name}"`)
                log(`[national]   foreign key ${fk.name} validated (${((performance.now() - at) / 1000).toFixed(1)} s)`)
              }
            }
          } finally {
            await lane.end()
          }
        }),
      )
      log(`[national]   ${fks.length} foreign keys validated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    for (const table of SERIAL_TABLES) {
      await admin.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), greatest((SELECT coalesce(max(id), 0) FROM "${table}"), ${idBase[table] ?? 0}, 1))`,
      )
    }
  }
}

// --- Names and identifiers ---------------------------------------------------------------------------------------

/** The k-th unit of a place: organs first, then a place-specific permutation of the rest of its name space. */
function unitEntry(place: Place, k: number): { kind: UnitKind; name: string; superior: string } {
  const superiorOf = (kind: UnitKind) =>
    kind.superior === '委员会'
      ? `中共${place.prefix}委员会`
      : kind.superior === '政协委员会'
        ? `政协${place.prefix}委员会`
        : place.prefix + kind.superior
  const organName = (kind: UnitKind) =>
    place.level === 'PROVINCE' && kind.provinceName ? kind.provinceName : kind.name
  if (k < ORGANS.length) {
    const kind = ORGANS[k]!
    return { kind, name: organName(kind), superior: superiorOf(kind) }
  }
  let i = k - ORGANS.length
  if (i < place.space) {
    i = (i * place.stride + place.offset) % place.space
    if (i < INSTITUTIONS.length) {
      const kind = INSTITUTIONS[i]!
      return { kind, name: kind.name, superior: superiorOf(kind) }
    }
    i -= INSTITUTIONS.length
    if (i < SOCIAL_ORGANIZATIONS.length) {
      const kind = SOCIAL_ORGANIZATIONS[i]!
      return { kind, name: kind.name, superior: superiorOf(kind) }
    }
    i -= SOCIAL_ORGANIZATIONS.length
    if (i < ORGANS.length * ATTACHED.length) {
      const organ = ORGANS[i % ORGANS.length]!
      const name = organName(organ) + ATTACHED[Math.floor(i / ORGANS.length)]!
      return { kind: attachedKind(organ), name, superior: place.prefix + organName(organ) }
    }
    i -= ORGANS.length * ATTACHED.length
    const town = townName(Math.floor(i / TOWN_UNITS.length) % TOWN_SPACE, place.townOffset)
    const unit = TOWN_UNITS[i % TOWN_UNITS.length]!
    const superior =
      unit.kind.superior === '人民政府' || unit.kind.superior === '委员会'
        ? `${place.prefix}人民政府`
        : place.prefix + unit.kind.superior
    return { kind: unit.kind, name: town + unit.name, superior }
  }
  // Past the finite space (big provinces and cities): numbered field units of the government departments.
  i -= place.space
  const organs = ORGANS.length - 9 // the government departments, after the party, congress, courts block
  const organ = ORGANS[9 + (i % organs)]!
  const n = Math.floor(i / organs)
  const name = `${organName(organ)}第${chineseNumber(1 + Math.floor(n / NUMBERED.length))}${NUMBERED[n % NUMBERED.length]}`
  return { kind: attachedKind(organ), name, superior: place.prefix + organName(organ) }
}

const attachedKinds = new Map<UnitKind, UnitKind>()
function attachedKind(organ: UnitKind): UnitKind {
  let kind = attachedKinds.get(organ)
  if (!kind) {
    kind = {
      name: '',
      type: 'PUBLIC_INSTITUTION',
      category: 'PUBLIC_INSTITUTION',
      superior: organ.name,
      functions: `承担${organ.name}委托的事务性、技术性和服务保障工作。`,
    }
    attachedKinds.set(organ, kind)
  }
  return kind
}

/**
 * The j-th domain of a unit: its name, then variants; names of one suffix never repeat. A long unit name whose
 * A-label would pass DNS's 63 octets (as real units then apply for a short form) gets a short form of its own,
 * unique by the unit's id.
 */
function domainName(unitName: string, unitId: number, suffix: 'ZHENGWU' | 'GONGYI', j: number): string {
  const name = unitName + NAME_VARIANTS[suffix][j]!
  // A unit name that is no valid label (e.g. 嘉峪关市（县级）…, full-width brackets) takes the short form too.
  const aLabel = tryALabel(name)
  if (aLabel !== null && octets(aLabel) <= MAX_LABEL_OCTETS) return name
  return `单位${unitId}${NAME_VARIANTS[suffix][j]!}`
}

const MOBILE_PREFIXES = ['13', '15', '17', '18', '19', '16', '14']
function mobileNumber(r: Rng): string {
  return MOBILE_PREFIXES[r.int(MOBILE_PREFIXES.length)]! + String(r.int(1_000_000_000)).padStart(9, '0')
}

/** The two COPY cells of an ID number: encrypted with PII_ENCRYPTION_KEYS and masked, as every write stores it. */
function idNumberCells(owner: IdNumberOwner, plain: string | null): string {
  const sealed = sealOptionalIdNumber(owner, plain)
  return `${sealed.handlerIdNumberEnc ?? NULL}\t${sealed.handlerIdNumberMasked ?? NULL}`
}

function idNumberFor(regionCode: string, r: Rng): string {
  const birth = new Date(Date.UTC(1962, 0, 1) + r.int(38 * 365) * DAY)
  const first17 = `${regionCode}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(r.int(1000)).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

// Exposed for the test and dry runs.
export const _internal = { unitEntry, domainName }
