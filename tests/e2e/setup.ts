// Runs in every e2e test file (vitest setupFiles): a Content-Security-Policy violation seen by any browser context
// (testkit/browser.ts records them) fails the test during which it happened, and one seen after the last test fails
// the file.
import { afterAll, afterEach } from 'vitest'
import { flushCspReports, takeCspViolations, type CspViolation } from '../testkit/browser.ts'

function describe(seen: CspViolation[]): string {
  return seen
    .map((v) =>
      `  ${v.directive} on ${v.page}: blocked ${v.blocked || '(inline)'} ${v.sample ? `"${v.sample.slice(0, 200)}"` : ''} ${v.source}`.trimEnd(),
    )
    .join('\n')
}

async function failOnViolations(when: string) {
  await flushCspReports()
  const seen = takeCspViolations()
  if (seen.length) throw new Error(`Content-Security-Policy violations ${when}:\n${describe(seen)}`)
}

afterEach(() => failOnViolations('during this test'))
afterAll(() => failOnViolations('after the last test'))
