// PostgreSQL CPU spent for one server: the utime + stime of the backends serving its connections (found by the
// application_name each server's connection string sets), sampled while a phase runs so that a backend which
// closes mid-phase still counts up to its last sample. Needs the database on this machine (/proc); elsewhere the
// figure is reported as unavailable.
import type pg from 'pg'
import { cpuMs } from './processes.ts'

export class BackendCpu {
  /** CPU at the phase's start (0 for a backend that connected during it) and at its last sample, by pid. */
  private readonly seen = new Map<number, { first: number; last: number }>()
  private timer: NodeJS.Timeout | null = null
  private pending: Promise<void> = Promise.resolve()
  private started = false
  /** False when a backend pid cannot be read in /proc (database on another machine). */
  available = true

  constructor(
    private readonly admin: pg.Client,
    private readonly applicationName: string,
  ) {}

  private async sample() {
    const { rows } = await this.admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [this.applicationName],
    )
    for (const { pid } of rows) {
      const cpu = cpuMs(pid)
      if (cpu === null) {
        this.available = false
        continue
      }
      const known = this.seen.get(pid)
      if (known) known.last = cpu
      else this.seen.set(pid, { first: this.started ? 0 : cpu, last: cpu })
    }
    // Backends still alive but not listed (closing) keep their last sample.
    for (const [pid, known] of this.seen) {
      const cpu = cpuMs(pid)
      if (cpu !== null && cpu >= known.last) known.last = cpu
    }
  }

  /** Takes the starting sample, then samples every `everyMs` until stop(). */
  async start(everyMs = 500) {
    this.seen.clear()
    this.started = false
    await this.sample()
    this.started = true
    this.timer = setInterval(() => {
      this.pending = this.pending.then(() => this.sample()).catch(() => {})
    }, everyMs)
  }

  /** The last sample; returns the CPU milliseconds the backends used since start(), or null if unavailable. */
  async stop(): Promise<number | null> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.pending
    await this.sample()
    if (!this.available) return null
    let total = 0
    for (const { first, last } of this.seen.values()) total += last - first
    return total
  }
}
