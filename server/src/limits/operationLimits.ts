// Per-operation size limits, judged before anything executes: tokens before parsing, depth, aliases and directives
// while validating (graphql-armor's counting, see measure.ts). Cost needs the variables: costLimit.ts.
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens'
import type { Plugin } from 'graphql-yoga'
import { limitError, type LimitErrorCode } from './errors.ts'
import { countTokens, measuringRule, type MeasuredLimit } from './measure.ts'

export interface OperationLimits {
  maxDepth: number
  maxAliases: number
  maxTokens: number
  maxDirectives: number
  maxCost: number
}

const validationLimits: {
  measure: MeasuredLimit
  limit: keyof OperationLimits
  code: LimitErrorCode
  message: (found: number, max: number) => string
}[] = [
  {
    measure: 'depth',
    limit: 'maxDepth',
    code: 'QUERY_TOO_DEEP',
    message: (found, max) => `查询嵌套深度为 ${found} 层，超过上限 ${max} 层`,
  },
  {
    measure: 'aliases',
    limit: 'maxAliases',
    code: 'TOO_MANY_ALIASES',
    message: (found, max) => `查询使用了 ${found} 个别名，超过上限 ${max} 个`,
  },
  {
    measure: 'directives',
    limit: 'maxDirectives',
    code: 'TOO_MANY_DIRECTIVES',
    message: (found, max) => `查询使用了 ${found} 个指令，超过上限 ${max} 个`,
  },
]

/**
 * Query texts already counted within the token limit. Counting is a full parse, and the portal sends the same few
 * persisted documents on every request: a text seen before is not counted again. Bounded (cleared when full), and
 * only short texts are kept, so a client sending endless distinct queries costs the count, never the memory.
 */
const KNOWN_WITHIN_LIMIT_MAX = 500
const KNOWN_TEXT_MAX_LENGTH = 16_384

export function useOperationLimits(limits: OperationLimits): Plugin {
  const withinLimit = new Set<string>()
  const rules = validationLimits.map(({ measure, limit, code, message }) =>
    measuringRule(measure, (context, found) => {
      if (found > limits[limit])
        context.reportError(limitError(code, message(found, limits[limit]), 400, { limit: limits[limit], found }))
    }),
  )
  return {
    // Counted on the query text before yoga parses it (and before its parse cache): a parse error thrown from
    // onParse would have its status rewritten to 200 for application/json clients by yoga's GET-mutation check.
    onParams({ params, setResult }) {
      if (typeof params.query !== 'string' || withinLimit.has(params.query)) return
      let rejected = false
      const parser = new MaxTokensParserWLexer(params.query, {
        n: limits.maxTokens,
        onReject: [() => (rejected = true)],
      })
      try {
        parser.parseDocument()
        if (!rejected && params.query.length <= KNOWN_TEXT_MAX_LENGTH) {
          if (withinLimit.size >= KNOWN_WITHIN_LIMIT_MAX) withinLimit.clear()
          withinLimit.add(params.query)
        }
      } catch {
        if (!rejected) return // a syntax error: yoga's own parse reports it
        // armor stops counting at the limit; count the whole document to say how far over it is.
        let found = parser.tokenCount
        try {
          found = countTokens(params.query)
        } catch {
          // A syntax error further on: report the count so far.
        }
        setResult({
          errors: [
            limitError(
              'TOO_MANY_TOKENS',
              `查询包含 ${found} 个词法单元（token），超过上限 ${limits.maxTokens} 个`,
              400,
              { limit: limits.maxTokens, found },
            ),
          ],
        })
      }
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule)
    },
  }
}
