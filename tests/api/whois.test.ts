// WHOIS (RFC 3912, issue 19): a real TCP client (node:net) against the server the API starts on WHOIS_PORT. The
// answer carries the RDAP facts in UTF-8 lines (registered, grace, redemption, deleted; a released or unknown name is
// "No match"), never personal data; every way of holding the port is bounded: a query over 256 bytes, NUL, a lone
// surrogate or invalid UTF-8 gets one error line and the connection closes, a client that never finishes its line
// is closed at the timeout, and one address gets only so many connections and queries.
import { connect, type Socket } from 'node:net'
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWhoisServer, type WhoisServer } from '../../server/src/whois/server.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const DAY = 86_400_000
let t: TestApp
/** Generous limits: every test shares the address 127.0.0.1. */
let whois: WhoisServer
/** Tight limits, for the limit tests alone. */
let limited: WhoisServer
let limitedClock = Date.now()

beforeAll(async () => {
  t = await createTestApp()
  whois = await startWhoisServer(t.db.prisma, 0, '127.0.0.1', { timeoutMs: 1500, requests: 10_000 })
  limited = await startWhoisServer(t.db.prisma, 0, '127.0.0.1', {
    timeoutMs: 30_000,
    requests: 3,
    windowSeconds: 60,
    now: () => limitedClock,
  })
})
afterAll(async () => {
  await whois?.stop()
  await limited?.stop()
  await t?.close()
})

/** Connects, sends `query` (text or raw bytes) and resolves with everything the server sent once it closes. */
function ask(query: string | Buffer, port = whois.port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' })
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')))
    socket.write(query)
  })
}

/** An open connection that has sent nothing yet, and what it will have received once closed. */
async function openConnection(port: number): Promise<{ socket: Socket; closed: Promise<string> }> {
  const socket = connect({ port, host: '127.0.0.1' })
  const chunks: Buffer[] = []
  socket.on('data', (chunk) => chunks.push(chunk))
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8'))),
  )
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  return { socket, closed }
}

/** "Key: value" lines as a list of [key, value]. */
const fields = (answer: string) =>
  answer
    .split('\r\n')
    .map((line) => /^([A-Za-z][A-Za-z /()]*): (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => !!match)
    .map((match) => [match[1]!, match[2]!] as const)
const valuesOf = (answer: string, key: string) =>
  fields(answer)
    .filter(([k]) => k === key)
    .map(([, v]) => v)

async function domainOfFreshUnit(status: 'REGISTERED' | 'GRACE' | 'REDEMPTION' | 'DELETED' | 'RELEASED', name: string) {
  const created = await createUnit(t.db.prisma, { regionCode: '410922' })
  const unit = await t.db.prisma.unit.update({
    where: { id: created.id },
    data: {
      handlerName: `经办人${created.id}`,
      handlerMobile: `139${String(created.id).padStart(8, '0')}`.slice(0, 11),
      handlerEmail: `whois-${created.id}@example.cn`,
      address: `清丰县测试路${created.id}号`,
    },
  })
  const expiresAt = status === 'REGISTERED' ? new Date(Date.now() + 100 * DAY) : new Date(Date.now() - 40 * DAY)
  const domain = await createDomain(t.db.prisma, { unitId: unit.id, status, name, expiresAt })
  return { unit, domain, uName: `${name}.政务`, aName: domainToASCII(`${name}.政务`) }
}

describe('WHOIS answers', () => {
  it('answers a registered name by U-label and by A-label with the RDAP facts, in UTF-8 CRLF lines', async () => {
    const { unit, domain, uName, aName } = await domainOfFreshUnit('REGISTERED', '清丰县whois甲')
    const byU = await ask(`${uName}\r\n`)
    const byA = await ask(`${aName.toUpperCase()}\n`)
    for (const answer of [byU, byA]) {
      expect(valuesOf(answer, 'Domain Name')).toEqual([aName])
      expect(valuesOf(answer, 'Domain Name (Unicode)')).toEqual([uName])
      expect(valuesOf(answer, 'Registry Domain ID')).toEqual([`DOMAIN-${domain.id}`])
      expect(valuesOf(answer, 'Domain Status')).toEqual(['ok https://icann.org/epp#ok'])
      expect(valuesOf(answer, 'Registrant Organization')).toEqual([unit.name])
      expect(valuesOf(answer, 'Registrant State/Province')).toEqual(['河南省'])
      expect(valuesOf(answer, 'Registrant Country')).toEqual(['CN'])
      expect(valuesOf(answer, 'Registry Expiry Date')).toEqual([domain.expiresAt!.toISOString()])
      expect(valuesOf(answer, 'Creation Date')).toEqual([domain.registeredAt!.toISOString()])
      expect(valuesOf(answer, 'RDAP')[0]).toMatch(new RegExp(`/rdap/domain/${aName}$`))
      expect(answer).toContain('使用条款')
      expect(answer).toContain('Terms of use')
      // Every line ends in CRLF; none is longer than a terminal's page width by much.
      expect(answer.endsWith('\r\n')).toBe(true)
      expect(answer.split('\r\n').every((line) => !line.includes('\n') && line.length <= 120)).toBe(true)
      // Personal data never: the handler's name, mobile, email, the street address.
      for (const secret of [unit.handlerName, unit.handlerMobile, unit.handlerEmail, unit.address])
        expect(answer).not.toContain(secret!)
    }
  })

  it('shows the verification link when the domain’s site has a badge in force (a seeded one)', async () => {
    const badge = await t.db.prisma.badge.findFirstOrThrow({
      where: { status: 'ACTIVE', siteApplication: { chineseDomain: { status: 'REGISTERED' } } },
      select: { badgeNumber: true, siteApplication: { select: { chineseDomain: true } } },
    })
    const chinese = badge.siteApplication.chineseDomain!
    const answer = await ask(`${chinese.name}${chinese.suffix === 'ZHENGWU' ? '.政务' : '.公益'}\r\n`)
    expect(valuesOf(answer, 'Verification')).toEqual([
      expect.stringMatching(new RegExp(`/verify/${badge.badgeNumber}$`)),
    ])
  })

  it.each([
    ['GRACE', '宽限', ['autoRenewPeriod']],
    ['REDEMPTION', '赎回', ['redemptionPeriod', 'serverHold']],
    ['DELETED', '删除', ['pendingDelete', 'serverHold']],
  ] as const)('answers a name in %s with its EPP statuses (RFC 3915)', async (status, word, expected) => {
    const { domain, uName } = await domainOfFreshUnit(status, `清丰县whois${word}`)
    const answer = await ask(`${uName}\r\n`)
    expect(valuesOf(answer, 'Registry Domain ID')).toEqual([`DOMAIN-${domain.id}`])
    expect(valuesOf(answer, 'Domain Status').map((value) => value.split(' ')[0])).toEqual(expected)
    expect(valuesOf(answer, 'Registry Expiry Date')).toEqual([domain.expiresAt!.toISOString()])
  })

  it('says No match for a released name, a name nobody holds and a host below a domain', async () => {
    const released = await domainOfFreshUnit('RELEASED', '清丰县whois释放')
    const registered = await domainOfFreshUnit('REGISTERED', '清丰县whois丙')
    for (const name of [released.uName, '从未注册过的名称.公益', `www.${registered.aName}`]) {
      const answer = await ask(`${name}\r\n`)
      expect(answer, name).toMatch(/^No match for "/)
      expect(answer).toContain('使用条款')
      expect(valuesOf(answer, 'Domain Name')).toEqual([])
      expect(answer).not.toContain(released.unit.name)
    }
  })

  it('refuses what is no name of ours with one % line', async () => {
    for (const query of ['example.com', '-清丰.政务', '政务']) {
      const answer = await ask(`${query}\r\n`)
      expect(answer.split('\r\n').filter(Boolean), query).toHaveLength(1)
      expect(answer).toMatch(/^% /)
    }
  })
})

describe('WHOIS under attack', () => {
  it.each([
    ['NUL', Buffer.from('清丰\u0000县.政务\r\n'), '控制字符'],
    ['NUL with no line end', Buffer.from([0x61, 0x00]), '控制字符'],
    ['another control character', Buffer.from('清丰\u001b县.政务\r\n'), '控制字符'],
    ['a lone surrogate (CESU-8)', Buffer.from([0xed, 0xa0, 0x80, 0x2e, 0x0d, 0x0a]), 'UTF-8'],
    ['invalid UTF-8', Buffer.from([0xe6, 0xb8, 0x2e, 0x0d, 0x0a]), 'UTF-8'],
    ['a line of 257 bytes', Buffer.from(`${'a'.repeat(257)}\r\n`), '过长'],
    ['10 kB without a line end', Buffer.alloc(10_000, 0x61), '过长'],
    ['an empty line', Buffer.from('\r\n'), '请发送'],
  ])('answers %s with one error line and closes', async (_case, bytes, reason) => {
    const answer = await ask(bytes)
    expect(answer).toMatch(/^% /)
    expect(answer).toContain(reason)
    expect(answer.split('\r\n').filter(Boolean)).toHaveLength(1)
  })

  it('reads a query of exactly 256 bytes as a name (refused as longer than DNS allows, not as an over-long query)', async () => {
    const query = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.`.padEnd(256 - '.xn--zfr164b'.length, 'd')
    const line = `${query}.xn--zfr164b`
    expect(Buffer.byteLength(line)).toBe(256)
    const answer = await ask(`${line}\r\n`)
    expect(answer).not.toContain('查询过长')
    expect(answer).toContain('域名过长')
  })

  it('closes a client that trickles bytes and never ends its line (slowloris) once the timeout passes', async () => {
    const { socket, closed } = await openConnection(whois.port)
    let writes = 0
    const trickle = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write('a', () => {})
      writes += 1
    }, 100)
    try {
      const answer = await closed
      expect(answer).toContain('超时')
      // It kept sending all along: the deadline counts from the connection, not from the last byte.
      expect(writes).toBeGreaterThan(3)
    } finally {
      clearInterval(trickle)
    }
  })

  it('closes a client that connects and sends nothing once the timeout passes', async () => {
    const { closed } = await openConnection(whois.port)
    expect(await closed).toContain('超时')
  })

  it('lets one address hold a few connections at once; the next is refused and closed', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => openConnection(limited.port)))
    try {
      const refused = await ask('清丰县人民政府.政务\r\n', limited.port)
      expect(refused).toMatch(/^% .*连接过多/)
    } finally {
      for (const { socket } of held) socket.destroy()
      await Promise.all(held.map(({ closed }) => closed))
    }
  })

  it('limits the queries of an address with RDAP’s bucket and lets it in again once it refills', async () => {
    limitedClock += 10 * 60_000 // a full bucket, whatever the test above spent
    for (let i = 0; i < 3; i += 1) expect(await ask('从未注册过的名称.政务\r\n', limited.port)).toMatch(/^No match/)
    const refused = await ask('从未注册过的名称.政务\r\n', limited.port)
    expect(refused).toMatch(/^% 查询过于频繁，请 \d+ 秒后再试/)
    limitedClock += 60_000
    expect(await ask('从未注册过的名称.政务\r\n', limited.port)).toMatch(/^No match/)
  })

  it('stops: no connection is accepted after stop()', async () => {
    const extra = await startWhoisServer(t.db.prisma, 0, '127.0.0.1', { timeoutMs: 30_000 })
    const { closed } = await openConnection(extra.port)
    await extra.stop()
    await closed
    await expect(ask('x.政务\r\n', extra.port)).rejects.toThrow(/ECONNREFUSED/)
  })
})
