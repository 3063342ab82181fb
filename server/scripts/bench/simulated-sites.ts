// The simulated sites (installCheckSimulation.ts) as a process of their own for bench-install-checks.ts, so the
// servers standing for 200,000 remote sites do not share an event loop with the job being measured. Prints
// READY <json {ports, closedPort}> and serves until stdin closes or it is told to stop.
import { startSimulatedSites } from './installCheckSimulation.ts'

const sites = await startSimulatedSites(Number(process.argv[2]) || 4)
process.stdout.write(`READY ${JSON.stringify({ ports: sites.ports, closedPort: sites.closedPort })}\n`)
const stop = () => void sites.close().finally(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.resume()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop)
