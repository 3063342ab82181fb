// ESLint for server/, web/ and tests/ (`npm run lint`, part of `npm test`). Formatting is Prettier's job
// (.prettierrc.json), so nothing here is about layout. Syntax-only rules (no type information): the repository
// lints in about 40 s of one core (React hooks compiler rules ~16 s, import-x/no-cycle ~10 s); `tsc` checks types.
import js from '@eslint/js'
import nextPlugin from '@next/eslint-plugin-next'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/.next/',
    '**/.turbo/',
    'data/',
    // generated: Prisma client, codegen's typed documents, the docs client's documents
    'server/src/generated/',
    // the server's bundles (server/scripts/build.mjs)
    'server/dist/',
    'web/graphql/generated/',
    'tests/graphql/',
    'docs/client/generated/',
    'tests/.artifacts/',
    '**/next-env.d.ts',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or a destructured field that is deliberately unused (e.g. dropping a key with a
      // rest pattern); everything else unused is dead code.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `catch {}` is how this code says "that failure is expected and the default stands" (an unparsable URL, a
      // non-JSON error body); an empty block anywhere else is still an error.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Chinese text uses the ideographic space U+3000 on purpose (the blanks between 年, 月 and 日 on the printed
      // forms); it is still refused in code, comments and regular expressions.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // `declare global { namespace PothosSchemaTypes { … } }` is how a Pothos plugin extends the builder's types;
      // runtime namespaces stay refused.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },

  // Import cycles: a module must not import (at run time) a module that imports it back. Type-only imports do not
  // count (they vanish at run time). Each workspace resolves through its own tsconfig: the explicit `.ts` imports of
  // server/ and tests/, web's `@/` alias.
  ...['server', 'web', 'tests'].map((workspace) => ({
    files: [`${workspace}/**/*.{ts,tsx,mts,js,mjs}`],
    plugins: { 'import-x': importX },
    settings: {
      // which files import-x reads (the default is .js only: .ts imports would never be followed)
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${workspace}/tsconfig.json` })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  })),

  // The portal: Next.js (core web vitals) and React hooks rules, browser globals.
  {
    files: ['web/**/*.{ts,tsx,mjs,js}'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { next: { rootDir: 'web/' } },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...reactHooks.configs.flat['recommended-latest'].rules,
    },
  },

  // Browser tests run code inside the page (page.evaluate) and read the DOM.
  {
    files: ['tests/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Tests read the JSON answers of hand-written operations that codegen does not type (the authorization
      // matrix's generated probes, raw requests without a persisted document): `any` is what such a body is, and an
      // assertion fails when a field is not there.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
)
