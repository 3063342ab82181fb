// Input refused before any resolver runs, in the API's terms: graphql-js reports a variable that does not fit its
// type (a strict scalar's refusal included) as `Variable "$input" got invalid value … at "input.from"; <why>` and an
// inline literal a scalar refuses as a validation error without a path. Both become BAD_USER_INPUT with a Chinese
// message and extensions.fields naming the field, like the refusals of the validation plugin.
import { GraphQLError, Kind, visit, BREAK, type ASTNode, type DocumentNode } from 'graphql'

const TYPE_NAMES: Record<string, string> = {
  String: '文本',
  ID: '编号（文本或整数）',
  Int: '-2147483648 到 2147483647 之间的整数',
  Float: '数字',
  Boolean: '布尔值（true 或 false）',
}

/** graphql-js's reason for one value, in Chinese; `field` when the reason is about a field inside the value. */
function reasonOf(inner: GraphQLError | Error | undefined): { reason: string; field?: string } {
  if (!inner) return { reason: '值无效' }
  // The strict scalars (DateTime, Fen) already say it in Chinese.
  if (inner instanceof GraphQLError && inner.extensions?.code === 'BAD_USER_INPUT') return { reason: inner.message }
  const message = inner.message
  let match: RegExpExecArray | null
  if ((match = /^Field "([^"]+)" of required type "[^"]+" was not provided\./.exec(message)))
    return { reason: '必填', field: match[1] }
  if ((match = /^Field "([^"]+)" is not defined by type/.exec(message)))
    return { reason: '不是该输入类型的字段', field: match[1] }
  if (/^Expected non-nullable type .* not to be null\./.test(message)) return { reason: '不能为空' }
  if (/^Expected type "[^"]+" to be an object\./.test(message)) return { reason: '应为对象' }
  if (/does not exist in "[^"]+" enum|^Enum "[^"]+" cannot represent/.test(message)) return { reason: '不是允许的取值' }
  if ((match = /^(String|ID|Int|Float|Boolean) cannot represent/.exec(message)))
    return { reason: `应为${TYPE_NAMES[match[1]!]}` }
  return { reason: '值无效' }
}

/**
 * A field as the services name it in extensions.fields: inside an input object (input.from) without the
 * argument's or variable's name (from); a list item (domainIds.2) or a plain argument (date) as it is.
 */
function fieldKey(path: string): string {
  const [first, second] = path.split('.')
  return second !== undefined && !/^\d+$/.test(second) ? path.slice(first!.length + 1) : path
}

// The original's extensions stay (yoga's extensions.http makes a request-level refusal a 400).
const refused = (error: GraphQLError, message: string, fields: Record<string, string>) =>
  new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', fields },
  })

/** A variable coercion error of graphql-js as BAD_USER_INPUT naming the field; null for any other error. */
export function describeVariableError(error: GraphQLError): GraphQLError | null {
  if (error.message.startsWith('Too many errors processing variables'))
    return refused(error, '输入有误之处过多，已停止检查', {})
  const variable = /^Variable "\$([^"]+)" /.exec(error.message)?.[1]
  if (!variable) return null
  if (/^Variable "\$[^"]+" of required type "[^"]+" was not provided\./.test(error.message))
    return refused(error, `${variable} 必填`, { [variable]: '必填' })
  if (/^Variable "\$[^"]+" of non-null type "[^"]+" must not be null\./.test(error.message))
    return refused(error, `${variable} 不能为空`, { [variable]: '不能为空' })
  if (!error.message.includes(' got invalid value ')) return null
  const inner = error.originalError
  // "... at "input.parts[1].count"; <inner message>": the path is what precedes the inner message.
  const prefix =
    inner && error.message.endsWith(`; ${inner.message}`)
      ? error.message.slice(0, -inner.message.length - 2)
      : error.message
  const at = / at "([^"]+)"$/.exec(prefix)?.[1] ?? variable
  const { reason, field } = reasonOf(inner)
  const path = (field ? `${at}.${field}` : at).replace(/\[(\d+)\]/g, '.$1')
  // graphql-js's own words follow for developers: the value it saw and, where suggestions are allowed (limits/),
  // what was probably meant.
  const detail =
    inner && !(inner instanceof GraphQLError && inner.extensions?.code === 'BAD_USER_INPUT')
      ? `（${inner.message}）`
      : ''
  return refused(error, `${path} ${reason}${detail}`, { [fieldKey(path)]: reason })
}

/**
 * A strict scalar's refusal of an inline literal (a validation error carrying BAD_USER_INPUT and the literal's
 * node) with the path of the argument it was given for, e.g. filter.from.
 */
export function withLiteralPath(error: GraphQLError, document: DocumentNode): GraphQLError {
  const target = error.nodes?.[0]
  if (error.extensions?.code !== 'BAD_USER_INPUT' || !target || error.extensions.fields) return error
  let names: string[] | null = null
  visit(document, {
    enter(node, _key, _parent, keys) {
      if (node !== target) return undefined
      names = []
      let current: unknown = document
      for (let index = 0; index < keys.length; index++) {
        current = (current as Record<string | number, unknown>)[keys[index]!]
        const kind = (current as ASTNode | undefined)?.kind
        if (kind === Kind.ARGUMENT) names = [(current as { name: { value: string } }).name.value]
        else if (kind === Kind.OBJECT_FIELD) names.push((current as { name: { value: string } }).name.value)
        else if (keys[index - 1] === 'values' && typeof keys[index] === 'number') names.push(String(keys[index]))
      }
      return BREAK
    },
  })
  if (!names || !(names as string[]).length) return error
  const path = (names as string[]).join('.')
  return refused(error, `${path} ${error.message}`, { [fieldKey(path)]: error.message })
}
