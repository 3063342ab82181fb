// How many requests 标识安装检测 has open at once: at most `global` in all, and at most `perAddress` to any one IP
// address, so a hosting server that carries hundreds of government sites (a province's 政务云) sees a few of our
// requests at a time, never hundreds. Waiters are served first come, first served, per address and overall.
export interface Limits {
  global: number
  perAddress: number
}

type Waiter = () => void

export class AddressLimiter {
  private open = 0
  private readonly perAddress = new Map<string, { open: number; waiting: Waiter[] }>()
  /** Addresses with a waiter that may go as soon as a global slot frees, in the order they became ready. */
  private readonly ready: string[] = []

  constructor(readonly limits: Limits) {
    if (!(limits.global >= 1 && limits.perAddress >= 1)) throw new Error('limits must be at least 1')
  }

  /** Requests open now (for progress and tests). */
  get inFlight(): number {
    return this.open
  }

  /** Waits for a slot for `address`; the returned function gives it back (call it exactly once). */
  acquire(address: string): Promise<() => void> {
    let entry = this.perAddress.get(address)
    if (!entry) this.perAddress.set(address, (entry = { open: 0, waiting: [] }))
    return new Promise((resolve) => {
      entry.waiting.push(() => resolve(this.releaser(address)))
      if (entry.waiting.length === 1 && entry.open < this.limits.perAddress) this.ready.push(address)
      this.pump()
    })
  }

  private releaser(address: string): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      this.open -= 1
      const entry = this.perAddress.get(address)!
      entry.open -= 1
      // The address may take its next waiter (it was not in `ready` while it was full).
      if (entry.waiting.length > 0 && entry.open === this.limits.perAddress - 1) this.ready.push(address)
      if (entry.open === 0 && entry.waiting.length === 0) this.perAddress.delete(address)
      this.pump()
    }
  }

  private pump() {
    while (this.open < this.limits.global && this.ready.length > 0) {
      const address = this.ready.shift()!
      const entry = this.perAddress.get(address)!
      const next = entry.waiting.shift()!
      entry.open += 1
      this.open += 1
      // Still room and still waiters: it stays ready, behind the others.
      if (entry.waiting.length > 0 && entry.open < this.limits.perAddress) this.ready.push(address)
      next()
    }
  }
}
