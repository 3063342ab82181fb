// Prints the closing line CI reads ("N passed, N failed, N skipped") and writes the counts to a file so the
// npm test script can add them to the other checks it ran.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'
import { artifactsDir } from './paths.ts'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      // A file that failed to load has no tests but must count as a failure.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed'))
        failed++
    }
    failed += unhandledErrors.length
    mkdirSync(artifactsDir, { recursive: true })
    writeFileSync(
      path.join(artifactsDir, `summary-${process.env.TEST_SUMMARY_NAME ?? 'vitest'}.json`),
      JSON.stringify({ passed, failed, skipped }),
    )
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  }
}
