// The operations the portal sends, as limits.test.ts and measure-portal.ts survey them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  getNamedType,
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { MAX_PAGE_SIZE } from '../builder.ts'
import { repositoryRoot } from '../config.ts'
import { operationCost } from './cost.ts'
import { countTokens, measure } from './measure.ts'

export const portalDocumentsFile = path.join(repositoryRoot, 'web/graphql/generated/persisted-documents.json')

export interface PortalOperation {
  hash: string
  name: string
  source: string
}

/** Every document of the portal's persisted-documents.json (codegen writes it from all the portal's documents). */
export function portalOperations(file = portalDocumentsFile): PortalOperation[] {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
  return Object.entries(manifest).map(([hash, source]) => {
    const operation = parse(source).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )
    return { hash, name: operation?.name?.value ?? hash, source }
  })
}

/** The document as urql's cache sends it: `__typename` added to every selection set below the operation's root. */
export function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet(node: SelectionSetNode, _key, parent) {
      const isOperationRoot =
        parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION
      if (
        isOperationRoot ||
        node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)
      )
        return
      return {
        ...node,
        selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
      }
    },
  })
}

/** Variables at their most expensive: every Int variable (page sizes among them) at MAX_PAGE_SIZE. */
export function worstCaseVariables(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {}
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    for (const variable of definition.variableDefinitions ?? []) {
      let type = variable.type
      while (type.kind !== Kind.NAMED_TYPE) type = type.type
      if (getNamedType(schema.getType(type.name.value) ?? undefined)?.name === 'Int')
        variables[variable.variable.name.value] = MAX_PAGE_SIZE
    }
  }
  return variables
}

export interface Measures {
  depth: number
  aliases: number
  tokens: number
  directives: number
  cost: number
}

/** An operation's measures as sent (the larger of the plain and the urql-formatted text), at worst-case variables. */
export function measureOperation(schema: GraphQLSchema, source: string): Measures {
  const plain = parse(source)
  const formatted = withTypenames(plain)
  const variables = worstCaseVariables(schema, plain)
  return {
    depth: measure(schema, formatted, 'depth'),
    aliases: measure(schema, formatted, 'aliases'),
    directives: measure(schema, formatted, 'directives'),
    tokens: Math.max(countTokens(source), countTokens(print(formatted))),
    cost: operationCost(schema, formatted, variables),
  }
}
