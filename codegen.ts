// GraphQL Code Generator: typed documents for the portal (web/) and the API tests (tests/), both from the
// committed schema.graphql. Run with `npm run codegen` (turbo's generate task runs it too).
import type { CodegenConfig } from '@graphql-codegen/cli'
import path from 'node:path'

const root = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname)

const clientPreset = {
  preset: 'client' as const,
  config: {
    scalars: { DateTime: 'string' },
    enumsAsTypes: true,
    useTypeImports: true,
  },
  presetConfig: { fragmentMasking: false },
}

const config: CodegenConfig = {
  schema: path.join(root, 'schema.graphql'),
  ignoreNoDocuments: true,
  generates: {
    [path.join(root, 'web/graphql/generated/')]: {
      ...clientPreset,
      documents: [path.join(root, 'web/{app,components,graphql}/**/*.{ts,tsx}'), `!${path.join(root, 'web/graphql/generated/**')}`],
    },
    [path.join(root, 'tests/graphql/generated/')]: {
      ...clientPreset,
      documents: [path.join(root, 'tests/{api,e2e,testkit}/**/*.ts'), `!${path.join(root, 'tests/graphql/generated/**')}`],
    },
  },
}

export default config
