// Accessibility checks with axe-core in the browser tests: `axeViolations(page)` runs axe's default rule set
// (WCAG 2.x A/AA and best practices, not the experimental rules) on the page as it is now and returns the
// violations of serious or critical impact.
//
// axe's source is evaluated through the DevTools protocol (page.evaluate), which the portal's Content-Security-Policy
// does not govern, so the policy stays on (testkit/browser.ts refuses bypassCSP) and axe runs on the real page.
import { createRequire } from 'node:module'
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
/** axe.min.js as text, read once per test file. */
const AXE_SOURCE: string = (require('axe-core') as { source: string }).source

export type Impact = Exclude<ImpactValue, null>

/** What a test needs of a violation to say where it is and how to fix it. */
export interface Violation {
  /** The rule, e.g. "label-content-name-mismatch" */
  id: string
  impact: Impact
  help: string
  helpUrl: string
  nodes: { target: string; html: string; summary: string }[]
}

export interface AxeOptions {
  /** Which impacts to return; serious and critical unless told. */
  impacts?: Impact[]
}

const DEFAULT_IMPACTS: Impact[] = ['serious', 'critical']

/** The page's axe violations of the given impacts (serious and critical by default), on the DOM as it is now. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<Violation[]> {
  const impacts = options.impacts ?? DEFAULT_IMPACTS
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const runOptions: RunOptions = { resultTypes: ['violations'] }
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    runOptions,
  )
  return results.violations
    .filter((result) => result.impact != null && impacts.includes(result.impact))
    .map(toViolation)
}

function toViolation(result: Result): Violation {
  return {
    id: result.id,
    impact: result.impact as Impact,
    help: result.help,
    helpUrl: result.helpUrl,
    nodes: result.nodes.map((node) => ({
      target: node.target.map(String).join(' '),
      html: node.html,
      summary: node.failureSummary ?? '',
    })),
  }
}

/** Violations as lines a person reads in a failed test: rule, impact, help, and each element with what is wrong. */
export function describeViolations(violations: Violation[], where = ''): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map(
        (node) => `    ${node.target}  ${node.html.slice(0, 160)}\n      ${node.summary.replace(/\n/g, '\n      ')}`,
      )
      return [`${where ? `${where}: ` : ''}${violation.id} (${violation.impact}) ${violation.help}`, ...nodes].join(
        '\n',
      )
    })
    .join('\n')
}

/** What every portal page is held to: no serious or critical violation, and a level-one heading (axe rates that moderate). */
export async function portalViolations(page: Page): Promise<Violation[]> {
  const found = await axeViolations(page, { impacts: ['moderate', 'serious', 'critical'] })
  return found.filter((violation) => violation.impact !== 'moderate' || violation.id === 'page-has-heading-one')
}
