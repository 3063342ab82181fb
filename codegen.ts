// GraphQL Code Generator: typed documents for the portal (web/) and the API tests (tests/), both from the
// committed schema.graphql. `npm run codegen` writes both; each workspace's generate task (turbo) writes its own
// with CODEGEN_TARGET=web or CODEGEN_TARGET=tests.
import type { CodegenConfig } from '@graphql-codegen/cli'
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset'
import { buildSchema } from 'graphql'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname)
const schemaFile = path.join(root, 'schema.graphql')

function clientPresetFor(folder: string, documentGlob: string, { persisted = false } = {}): CodegenConfig['generates'] {
  const output = path.join(root, folder, 'graphql/generated/')
  return {
    [output]: {
      preset: 'client',
      documents: [path.join(root, folder, documentGlob), `!${output}**`],
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
      // persisted: every document carries its sha256 hash, and persisted-documents.json lists hash -> text. The API
      // accepts only those documents from a portal session (trusted documents); anything else needs an API token.
      presetConfig: {
        fragmentMasking: false,
        ...(persisted ? { persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } } : {}),
      },
      // The API runs the manifest's text, not the client's: the portal's documents must already carry the
      // __typename that urql's cache needs to refresh lists after a mutation.
      ...(folder === 'web' ? { documentTransforms: [addTypenameSelectionDocumentTransform] } : {}),
    },
  }
}

/** Every root mutation of the schema as one string union. The client preset types only the operations a folder
 * sends, so nothing else tells the type checker which commands exist: the portal's result messages
 * (web/components/ui/resultMessages.ts) are keyed by this union, and a mutation without one fails `tsc`. */
function mutationNamesModule(): string {
  const names = Object.keys(buildSchema(readFileSync(schemaFile, 'utf8')).getMutationType()?.getFields() ?? {}).sort()
  const union = names.length ? names.map((name) => `  | '${name}'`).join('\n') : '  never'
  return `/* eslint-disable */\n/** Every root field of the schema's Mutation type: the commands a client can send. */\nexport type MutationName =\n${union}\n`
}

const targets = {
  web: {
    ...clientPresetFor('web', '{app,components,graphql}/**/*.{ts,tsx}', { persisted: true }),
    [path.join(root, 'web/graphql/generated/mutationNames.ts')]: {
      plugins: [{ add: { content: mutationNamesModule() } }],
    },
  },
  // The tests' documents are hashed too: the browser suite's API trusts them as an extra manifest for its set-up calls.
  tests: clientPresetFor('tests', '{api,e2e,testkit,bench}/**/*.ts', { persisted: true }),
  // The integrators' typed client (docs/client): operations in .graphql files, documents as plain strings so any
  // fetch can send them. Its output is committed, so integrators can read and copy it without running codegen.
  client: {
    [path.join(root, 'docs/client/generated/')]: {
      preset: 'client',
      documents: [path.join(root, 'docs/client/operations/**/*.graphql')],
      config: {
        scalars: { DateTime: 'string', Fen: 'number' },
        enumsAsTypes: true,
        useTypeImports: true,
        documentMode: 'string',
      },
      presetConfig: { fragmentMasking: false },
    },
  } satisfies CodegenConfig['generates'],
}

const only = process.env.CODEGEN_TARGET as keyof typeof targets | undefined

const config: CodegenConfig = {
  schema: schemaFile,
  ignoreNoDocuments: true,
  generates: only ? targets[only] : { ...targets.web, ...targets.tests, ...targets.client },
}

export default config
