// Preloaded (node --require) into the PostGraphile child only. PostGraphile 4.14 needs graphql 15 and npm nests a
// copy under node_modules/postgraphile, but it hoists some of PostGraphile's own packages (graphile-build-pg,
// graphql-parse-resolve-info) to the root, where `graphql` is the app's 16: two graphql modules in one schema, and
// every query fails ("Cannot use GraphQLScalarType from another module or realm"). Here every `graphql` import of
// this process resolves to PostGraphile's copy.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require), patching CommonJS resolution */
const Module = require('node:module')
const path = require('node:path')

const postgraphileDir = path.dirname(require.resolve('postgraphile/package.json'))
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'graphql' || request.startsWith('graphql/'))
    return resolve.call(
      this,
      request,
      {
        id: postgraphileDir,
        filename: path.join(postgraphileDir, 'index.js'),
        paths: Module._nodeModulePaths(postgraphileDir),
      },
      ...rest,
    )
  return resolve.call(this, request, parent, ...rest)
}
