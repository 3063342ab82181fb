// The configuration a production portal cannot run without, checked when its server starts (instrumentation.ts):
// a missing or malformed variable stops the start with a sentence naming it, instead of the first public request
// failing (or, as before, falling back to request headers). Node.js only.
import { publicPortalUrlProblem } from './publicPortal'

export function refuseToStartMisconfigured(): void {
  const problem = publicPortalUrlProblem()
  if (!problem) return
  console.error(`[portal] refusing to start: ${problem}`)
  process.exit(1)
}
