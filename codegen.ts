// GraphQL Code Generator: typed documents for the portal (web/) and the API tests (tests/), both from the
// committed schema.graphql. `npm run codegen` writes both; each workspace's generate task (turbo) writes its own
// with CODEGEN_TARGET=web or CODEGEN_TARGET=tests.
import type { CodegenConfig } from '@graphql-codegen/cli'
import path from 'node:path'

const root = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname)

function clientPresetFor(folder: string, documentGlob: string): CodegenConfig['generates'] {
  const output = path.join(root, folder, 'graphql/generated/')
  return {
    [output]: {
      preset: 'client',
      documents: [path.join(root, folder, documentGlob), `!${output}**`],
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
  }
}

const targets = {
  web: clientPresetFor('web', '{app,components,graphql}/**/*.{ts,tsx}'),
  tests: clientPresetFor('tests', '{api,e2e,testkit}/**/*.ts'),
}

const only = process.env.CODEGEN_TARGET as keyof typeof targets | undefined

const config: CodegenConfig = {
  schema: path.join(root, 'schema.graphql'),
  ignoreNoDocuments: true,
  generates: only ? targets[only] : { ...targets.web, ...targets.tests },
}

export default config
