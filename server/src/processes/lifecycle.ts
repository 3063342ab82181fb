// How a long-running process of the server stops: on SIGTERM (systemd, the production supervisor) or SIGINT, it
// finishes what it is doing (a job run, a delivery pass), closes the database and exits 0; a second signal exits at
// once.
export function runUntilSignalled(name: string, stop: () => Promise<void>): void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`[${name}] ${signal}: closing`)
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[${name}] stopping failed:`, error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
