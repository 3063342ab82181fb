// Local receivers for notification delivery tests: an SMTP server (smtp-server) and an HTTP SMS gateway, both on
// 127.0.0.1, recording what they accepted. Both can be slowed down, told to fail, stopped and started again.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  messageId: string
  subject: string
  text: string
  headers: Record<string, string>
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=), joining adjacent ones. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    )
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** A minimal parser for the single-part text messages the worker sends. */
export function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const body = raw.slice(split + 4)
  const headers: Record<string, string> = {}
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1').toString('utf8')
  return {
    messageId: headers['message-id'] ?? '',
    subject: decodeWords(headers.subject ?? ''),
    text: text.replace(/\r\n$/, ''),
    headers,
  }
}

export interface MailServer {
  port: number
  received: ReceivedMail[]
  /** Milliseconds to wait before answering the end of DATA (a slow server). */
  delayMs: number
  /** Set: every message is answered with this SMTP error. */
  rejectWith: { code: number; message: string } | null
  /** Called when a message is accepted (after the delay). */
  onAccepted?: (mail: ReceivedMail) => void
  stop(): Promise<void>
  /** Listens again on the same port after stop(). */
  start(): Promise<void>
}

export async function startMailServer(options: { port?: number; delayMs?: number } = {}): Promise<MailServer> {
  let server: SMTPServer | null = null
  const mail: MailServer = {
    port: options.port ?? 0,
    received: [],
    delayMs: options.delayMs ?? 0,
    rejectWith: null,
    async start() {
      const instance = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            setTimeout(() => {
              if (mail.rejectWith) {
                const error = Object.assign(new Error(mail.rejectWith.message), { responseCode: mail.rejectWith.code })
                return callback(error)
              }
              const parsed = parseMail(Buffer.concat(chunks).toString('latin1'))
              const received: ReceivedMail = {
                ...parsed,
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              }
              mail.received.push(received)
              mail.onAccepted?.(received)
              callback(null)
            }, mail.delayMs)
          })
        },
      })
      instance.on('error', () => {}) // a client that vanishes mid-message (the crash test) is not an error here
      await new Promise<void>((resolve, reject) => {
        instance.server.once('error', reject)
        instance.listen(mail.port, '127.0.0.1', () => resolve())
      })
      mail.port = (instance.server.address() as AddressInfo).port
      server = instance
    },
    async stop() {
      const instance = server
      server = null
      if (instance) await new Promise<void>((resolve) => instance.close(() => resolve()))
    },
  }
  await mail.start()
  return mail
}

export interface ReceivedSms {
  mobile: string
  text: string
  idempotencyKey: string | undefined
  authorization: string | undefined
}

export interface SmsServer {
  url: string
  received: ReceivedSms[]
  /** Every request gets this status (200 by default) and is recorded only when it is 2xx. */
  status: number
  stop(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startSmsServer(): Promise<SmsServer> {
  const sms: SmsServer = { url: '', received: [], status: 200, stop: async () => {} }
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      if (sms.status >= 200 && sms.status < 300) {
        const { mobile, text } = JSON.parse(body) as { mobile: string; text: string }
        sms.received.push({
          mobile,
          text,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
          authorization: request.headers.authorization,
        })
      }
      response.writeHead(sms.status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(sms.status < 300 ? { ok: true } : { error: `status ${sms.status}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  sms.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`
  sms.stop = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return sms
}
