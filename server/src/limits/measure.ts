// Measures an operation the way the limits see it: depth, aliases and directives with graphql-armor's own counting
// (its validation rules, run with no limit), tokens with armor's counting parser. The enforcing plugins
// (operationLimits.ts) and the portal survey (measure-portal.ts) share these, so a limit is judged by the same
// count that set it.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives'
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens'
import {
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type Source,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'

export type MeasuredLimit = 'depth' | 'aliases' | 'directives'

/**
 * A validation rule that hands each operation's count to `report`. Depth: field nesting, fragments flattened (a
 * spread is not a level of its own), `__schema` not counted (graphql's MaxIntrospectionDepthRule bounds it);
 * aliases: aliased fields other than `__typename`; directives: every directive use. Fragments are followed.
 */
export function measuringRule(
  limit: MeasuredLimit,
  report: (context: ValidationContext, found: number) => void,
): ValidationRule {
  const options = {
    n: Number.POSITIVE_INFINITY,
    propagateOnRejection: false,
    onAccept: [(context: ValidationContext | null, details: { n: number }) => context && report(context, details.n)],
  }
  const rule =
    limit === 'depth'
      ? maxDepthRule({ ...options, flattenFragments: true, ignoreIntrospection: true })
      : limit === 'aliases'
        ? maxAliasesRule(options)
        : maxDirectivesRule(options)
  // armor's visitors are classes with an OperationDefinition handler; graphql's ASTVisitor type is structural.
  return (context) => rule(context) as unknown as ReturnType<ValidationRule>
}

/** The largest count of one measure over the operations of a document. */
export function measure(schema: GraphQLSchema, document: DocumentNode, limit: MeasuredLimit): number {
  let largest = 0
  validate(schema, document, [measuringRule(limit, (_context, found) => (largest = Math.max(largest, found)))])
  return largest
}

/** Lexical tokens of a document as armor's max-tokens counts them (comments excluded). Throws on syntax errors. */
export function countTokens(source: string | Source): number {
  const parser = new MaxTokensParserWLexer(source, { n: Number.POSITIVE_INFINITY })
  parser.parseDocument()
  return parser.tokenCount
}
