import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    // One copy of graphql: the server's dependencies (yoga, shield) load its CommonJS build, so our sources must
    // too, or there are two GraphQLError classes and coded errors get masked.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    reporters: ['default', './testkit/summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: ['api/**/*.test.ts'],
          globalSetup: ['./testkit/global-setup.ts'],
          // The API's request lines (observability/log.ts) would be thousands here; tests/api/observability.test.ts
          // captures them itself.
          env: { LOG_LEVEL: process.env.LOG_LEVEL || 'warn' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          // Fails every browser test that saw a Content-Security-Policy violation (testkit/browser.ts records them).
          setupFiles: ['./e2e/setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
})
