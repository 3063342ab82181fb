// Tasks that share a key run one after another in this process, waiting in memory (not on a database connection).
// Login uses it per (name, address): the throttle counts an attempt as a failure until its password proves right
// (throttle.ts), so two right passwords checked at the same moment would count each other as failures and could
// lock their own address out. Run one at a time, each attempt sees the outcome of the one before. The database
// claims in throttle.ts still bound what several API processes can do at once.

export class SerialQueues {
  private readonly queues = new Map<string, { tail: Promise<void>; length: number }>()

  /** `maxLength`: tasks of one key queued or running at most; more are not run (a flood waits nowhere). */
  constructor(private readonly maxLength: number) {}

  /** Runs `task` after every earlier task of `key` has settled; `{ ran: false }` when the key's queue is full. */
  async run<T>(key: string, task: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), length: 0 }
    if (queue.length >= this.maxLength) return { ran: false }
    queue.length += 1
    this.queues.set(key, queue)
    const previous = queue.tail
    let release!: () => void
    queue.tail = new Promise<void>((resolve) => (release = resolve))
    try {
      await previous
      return { ran: true, value: await task() }
    } finally {
      release()
      queue.length -= 1
      if (queue.length === 0) this.queues.delete(key)
    }
  }
}
