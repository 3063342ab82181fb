// The schema edge's one validation layer, as a Pothos plugin: it wraps every field's resolver (outside Pothos's own
// argument mappers), so each argument is checked and normalised before anything else of the field runs, for every
// field there is and every field added later. Per argument type:
// - String: text.ts (NUL, controls, lone surrogates, noncharacters; zero-width and bidi characters; line breaks
//   unless the field is declared multi-line; a maximum length), then NFC;
// - ID: ids.ts (a row id, or the id no row has) unless the field is declared free text (then as String);
// - connection cursors (after/before): they must decode to a value of the cursor column's type;
// - DateTime and Fen are strict scalars (builder.ts), refused while the variables are read.
// Nested input objects and lists are walked; all problems come in one BAD_USER_INPUT whose extensions.fields name
// each field as the services do (inside an input object argument by its path there, e.g. parts.1.unitId; other
// arguments by their name, e.g. search), so the portal shows them beside the field; the message gives the full
// path (input.parts.1.unitId). A root field also checks the arguments of the fields selected below it: the Prisma
// plugin reads a nested relation's arguments (e.g. MicroSite.newsItems(after)) while it builds the root's query.
import SchemaBuilder, {
  BasePlugin,
  decodeBase64,
  decodeCursorChunk,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core'
import {
  getArgumentValues,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLNamedType,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql'
import { badInput } from '../errors.ts'
import { getDatamodel } from '../generated/pothos-types.ts'
import { FREE_ID_EXTENSION, MAX_ROW_ID, rowId } from './ids.ts'
import { checkText, textRuleOf, type TextRule } from './text.ts'

/** Problems by full path, e.g. input.parts.1.unitId. */
type Problems = Record<string, string>
type Extensions = Readonly<Record<string, unknown>> | null | undefined

const FREE_ID_RULE: TextRule = { kind: 'singleLine', maxLength: 64 }
const CURSOR_MESSAGE = '分页游标无效，请从第一页重新查询'

/** One value of the given input type, checked and normalised; problems are added under their paths. */
function checkValue(
  value: unknown,
  type: GraphQLInputType,
  extensions: Extensions,
  path: string,
  problems: Problems,
): unknown {
  if (value === null || value === undefined) return value
  if (isNonNullType(type)) return checkValue(value, type.ofType, extensions, path, problems)
  if (isListType(type)) {
    return Array.isArray(value)
      ? value.map((item, index) => checkValue(item, type.ofType, extensions, `${path}.${index}`, problems))
      : value
  }
  if (isInputObjectType(type)) {
    const checked: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const field of Object.values(type.getFields())) {
      if (field.name in checked)
        checked[field.name] = checkValue(
          checked[field.name],
          field.type,
          field.extensions,
          `${path}.${field.name}`,
          problems,
        )
    }
    return checked
  }
  if (typeof value !== 'string') return value
  if (type.name === 'ID' && !extensions?.[FREE_ID_EXTENSION]) return rowId(value)
  if (type.name === 'String' || type.name === 'ID') {
    const result = checkText(value, type.name === 'ID' ? FREE_ID_RULE : textRuleOf(extensions))
    if (result.ok) return result.value
    problems[path] = result.problem
  }
  return value
}

function checkArguments(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  prefix: string,
  problems: Problems,
): Record<string, unknown> {
  const checked: Record<string, unknown> = { ...args }
  for (const arg of field.args) {
    if (!(arg.name in checked)) continue
    const path = `${prefix}${arg.name}`
    checked[arg.name] = checkValue(checked[arg.name], arg.type, arg.extensions, path, problems)
    if ((arg.name === 'after' || arg.name === 'before') && typeof checked[arg.name] === 'string' && !problems[path]) {
      if (!cursorFits(field, checked[arg.name] as string)) problems[path] = CURSOR_MESSAGE
    }
  }
  if (cursorColumnType(field)) checkPaging(checked, prefix, problems)
  return checked
}

/** The combinations of paging arguments a Prisma connection cannot serve (it threw an uncoded error for them). */
function checkPaging(args: Record<string, unknown>, prefix: string, problems: Problems) {
  const given = (name: string) => args[name] !== null && args[name] !== undefined
  if (given('after') && given('before')) problems[`${prefix}before`] = '不能同时指定 after 和 before'
  else if (given('before') && given('first')) problems[`${prefix}first`] = '向前翻页（before）请用 last，不能用 first'
  else if (given('after') && given('last')) problems[`${prefix}last`] = '向后翻页（after）请用 first，不能用 last'
}

// ---------------------------------------------------------------------------------------------------------------
// Cursors: base64 of "GPC:" and a tagged value of the connection's cursor column (Pothos's Prisma plugin). A forged
// one of another type, or an id beyond int4, reached Prisma as a value it cannot send. Every connection of this API
// pages by its node's primary key (cursor: 'id', or 'code' for regions); the plugin keeps no record of the cursor
// option, so the column is taken to be that key. A connection paged by another column would have its own cursors
// refused here, which its paging test would show at once.

const prismaModels: Record<string, { fields: readonly { name: string; type: string; isId: boolean }[] }> =
  getDatamodel().datamodel.models
const cursorTypes = new WeakMap<GraphQLField<unknown, unknown>, string | null>()

/** The Prisma type of a Prisma connection's cursor column (Int, String...); null for any other field. */
function cursorColumnType(field: GraphQLField<unknown, unknown>): string | null {
  if (cursorTypes.has(field)) return cursorTypes.get(field)!
  let type: string | null = null
  const connection = getNamedType(field.type)
  const edges = isObjectType(connection) && connection.getFields().pageInfo ? connection.getFields().edges : undefined
  if (edges && field.args.some((arg) => arg.name === 'after')) {
    const edge = getNamedType(edges.type)
    const node = isObjectType(edge) ? edge.getFields().node : undefined
    const model = node ? (getNamedType(node.type).extensions?.pothosPrismaModel as string | undefined) : undefined
    const keys = (model && prismaModels[model]?.fields.filter((candidate) => candidate.isId)) || []
    type = keys.length === 1 ? keys[0]!.type : null
  }
  cursorTypes.set(field, type)
  return type
}

function cursorFits(field: GraphQLField<unknown, unknown>, cursor: string): boolean {
  const type = cursorColumnType(field)
  if (!type) return true
  let value: unknown
  try {
    const decoded = decodeBase64(cursor)
    if (!decoded.startsWith('GPC:')) return false
    value = decodeCursorChunk(decoded.slice(4))
  } catch {
    return false
  }
  if (type === 'Int') return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_ROW_ID
  if (type === 'String') return typeof value === 'string' && checkText(value, FREE_ID_RULE).ok
  // A bigserial key (migration_problems): Pothos writes it as B:<digits> and reads it back as a bigint.
  if (type === 'BigInt') return typeof value === 'bigint' && value >= 0n && value < 2n ** 63n
  return false
}

// ---------------------------------------------------------------------------------------------------------------
// The arguments of fields selected below a root field.

function checkSelection(
  selectionSet: SelectionSetNode | undefined,
  parentType: GraphQLNamedType,
  info: GraphQLResolveInfo,
  problems: Problems,
  seenFragments = new Set<string>(),
) {
  if (!selectionSet || !(isObjectType(parentType) || isInterfaceType(parentType))) return
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = info.fragments[selection.name.value]
      if (!fragment || seenFragments.has(fragment.name.value)) continue
      seenFragments.add(fragment.name.value)
      checkSelection(
        fragment.selectionSet,
        info.schema.getType(fragment.typeCondition.name.value) ?? parentType,
        info,
        problems,
        seenFragments,
      )
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? info.schema.getType(selection.typeCondition.name.value) : parentType
      checkSelection(selection.selectionSet, type ?? parentType, info, problems, seenFragments)
    } else {
      const field = parentType.getFields()[selection.name.value]
      if (!field) continue
      if (field.args.length) {
        const key = selection.alias?.value ?? selection.name.value
        checkArguments(field, getArgumentValues(field, selection, info.variableValues), `${key}.`, problems)
      }
      checkSelection(selection.selectionSet, getNamedType(field.type), info, problems, seenFragments)
    }
  }
}

function refusal(field: GraphQLField<unknown, unknown>, problems: Problems) {
  // The field's input object arguments (input, filter): their fields are named without the argument's name.
  const objectArguments = new Set(
    field.args.filter((arg) => isInputObjectType(getNamedType(arg.type))).map((arg) => `${arg.name}.`),
  )
  const fields: Record<string, string> = {}
  for (const [path, problem] of Object.entries(problems)) {
    const prefix = [...objectArguments].find((candidate) => path.startsWith(candidate))
    fields[prefix ? path.slice(prefix.length) : path] = problem
  }
  const paths = Object.keys(problems)
  const first = `${paths[0]} ${problems[paths[0]!]}`
  return badInput(paths.length > 1 ? `${first}（另有 ${paths.length - 1} 处输入有误）` : first, fields)
}

/**
 * Root field nodes whose selection passed checkSelection, by the variables it passed with. A field node belongs to
 * one parsed document, which yoga reuses for every request of the same query text, so a portal page does not walk
 * its selection again on every request. Only short variable sets are kept, a few per node (cleared when full).
 */
const cleanSelections = new WeakMap<FieldNode, Set<string>>()
const CLEAN_VARIABLE_SETS_PER_NODE = 64

/** The variables as a key of at most 1,024 characters; null when too long, or not JSON (a coerced BigInt). */
function variablesKey(variables: unknown): string | null {
  try {
    const key = JSON.stringify(variables) ?? ''
    return key.length <= 1024 ? key : null
  } catch {
    return null
  }
}

function checkRootSelection(node: FieldNode, type: GraphQLNamedType, info: GraphQLResolveInfo, problems: Problems) {
  const key = variablesKey(info.variableValues)
  const known = key === null ? undefined : cleanSelections.get(node)
  if (key !== null && known?.has(key)) return
  const before = Object.keys(problems).length
  checkSelection(node.selectionSet, type, info, problems)
  if (key === null || Object.keys(problems).length !== before) return
  if (!known) cleanSelections.set(node, new Set([key]))
  else {
    if (known.size >= CLEAN_VARIABLE_SETS_PER_NODE) known.clear()
    known.add(key)
  }
}

/** The field's own arguments checked and normalised; for a root field, those of its selection checked too. */
export function validatedArguments(
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
  root: boolean,
): Record<string, unknown> {
  const field = info.parentType.getFields()[info.fieldName]!
  const problems: Problems = {}
  const checked = checkArguments(field, args, '', problems)
  if (root) for (const node of info.fieldNodes) checkRootSelection(node, getNamedType(field.type), info, problems)
  if (Object.keys(problems).length) throw refusal(field, problems)
  return checked
}

export class InputValidationPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    const root = fieldConfig.kind === 'Query' || fieldConfig.kind === 'Mutation'
    if (!resolver || (!root && Object.keys(fieldConfig.args).length === 0)) return resolver
    return (parent, args, context, info) =>
      resolver(parent, validatedArguments(info, args as Record<string, unknown>, root), context, info)
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputValidation: InputValidationPlugin<Types>
    }
  }
}

SchemaBuilder.registerPlugin('inputValidation', InputValidationPlugin)

export default 'inputValidation' as const
