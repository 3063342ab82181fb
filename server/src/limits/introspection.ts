// In production, introspection (__schema, __type) and the "Did you mean …?" hints of validation errors are for
// logged-in users and API tokens only: anonymous callers should not get a map of the API. In development both stay
// open (GraphiQL).
//
// The viewer is resolved in the context, which yoga builds after validation (process-request.js: parse, validate,
// contextFactory, execute). So introspection is refused in onExecute, where the context exists and nothing has run
// yet; hints are removed from the result, resolving the viewer then only when a result carries a hint. Neither is
// done in validation: yoga caches validation results per document, shared by all viewers.
import { GraphQLError, Kind, type DocumentNode, type ExecutionResult, type SelectionSetNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { resolveViewer } from '../modules/auth/viewer.ts'
import type { Viewer } from '../viewer.ts'
import { limitError } from './errors.ts'

/** Whether the operation selects __schema or __type anywhere (fragments followed). */
export function usesIntrospection(document: DocumentNode, operationName?: string | null): boolean {
  const fragments = new Map<string, SelectionSetNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet)
  }
  const seen = new Set<string>()
  const visit = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return (
          selection.name.value === '__schema' ||
          selection.name.value === '__type' ||
          (!!selection.selectionSet && visit(selection.selectionSet))
        )
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet)
      const fragment = fragments.get(selection.name.value)
      if (!fragment || seen.has(selection.name.value)) return false
      seen.add(selection.name.value)
      return visit(fragment)
    })
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName) &&
      visit(definition.selectionSet),
  )
}

const SUGGESTION = / ?Did you mean [^?]*\?/g

function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!error.message.includes('Did you mean')) return error
  // A new error: the original may sit in yoga's validation cache, shared with viewers who keep their hints.
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  })
}

const hasSuggestion = (result: ExecutionResult) =>
  result.errors?.some((error) => error.message.includes('Did you mean')) ?? false

export function useIntrospectionForViewers({
  production,
  prisma,
}: {
  production: boolean
  prisma: PrismaClient
}): Plugin {
  if (!production) return {}
  const viewers = new WeakMap<Request, Viewer>()
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { viewer, request } = args.contextValue as unknown as Context
      viewers.set(request, viewer)
      if (viewer.kind === 'anonymous' && usesIntrospection(args.document, args.operationName)) {
        setResultAndStopExecution({
          errors: [
            limitError('INTROSPECTION_DISABLED', '内省查询（__schema、__type）仅对已登录用户和 API 令牌开放', 403),
          ],
        })
      }
    },
    async onResultProcess({ request, result, setResult }) {
      if (Symbol.asyncIterator in result) return
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[]
      if (!results.some(hasSuggestion)) return
      // Known when the operation reached execution; otherwise (a validation error) resolved now.
      const viewer =
        viewers.get(request) ?? (await resolveViewer(prisma, request).catch((): Viewer => ({ kind: 'anonymous' })))
      if (viewer.kind !== 'anonymous') return
      const stripped = results.map((r) => (hasSuggestion(r) ? { ...r, errors: r.errors!.map(withoutSuggestions) } : r))
      setResult((Array.isArray(result) ? stripped : stripped[0]!) as typeof result)
    },
  }
}
