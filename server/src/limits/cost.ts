// Cost analysis: an estimate, before execution, of how many objects an operation can make the server produce.
// Used for the per-operation cost limit and for the API tokens' rate limit (points per window).
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql'

/** Rows a page holds when `first`/`last` is not given: Pothos' defaultConnectionSize in builder.ts. */
export const DEFAULT_PAGE_SIZE = 20

/**
 * The cost of one operation of `document` (the one named `operationName`, or the only one):
 * - every field costs 1 (introspection fields too); `__typename` is free, since clients such as urql add it to
 *   every selection and it costs the server nothing;
 * - a field with a `first`/`last` argument multiplies the cost of its items by that page size (literal or variable,
 *   else DEFAULT_PAGE_SIZE): the edges/nodes of a connection, or the items of a paged list;
 * - any other list multiplies the cost of its items by DEFAULT_PAGE_SIZE, except introspection lists (counted once:
 *   the schema is small and graphql's MaxIntrospectionDepthRule bounds their nesting);
 * - fragments and inline fragments are followed (all type conditions counted: an upper bound); a fragment cycle
 *   counts nothing further (validation refuses cycles anyway).
 * Returns 0 when the operation cannot be found.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined = {},
  operationName?: string | null,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined
  if (!operation) return 0
  const rootType = schema.getRootType(operation.operation)
  if (!rootType) return 0

  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const variableDefaults = new Map<string, ValueNode>()
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue)
  }

  /** A page-size argument's value, or undefined when neither given nor defaulted. */
  function intValue(node: ValueNode): number | undefined {
    if (node.kind === Kind.INT) return Number(node.value)
    if (node.kind === Kind.VARIABLE) {
      const value = variables?.[node.name.value]
      if (typeof value === 'number') return value
      const fallback = variableDefaults.get(node.name.value)
      return fallback ? intValue(fallback) : undefined
    }
    return undefined
  }

  function pageSizeOf(field: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    if (!definition.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return undefined
    const sizes = (field.arguments ?? [])
      .filter((arg) => arg.name.value === 'first' || arg.name.value === 'last')
      .map((arg) => intValue(arg.value))
      .filter((size): size is number => size !== undefined)
    return sizes.length ? Math.max(0, ...sizes) : DEFAULT_PAGE_SIZE
  }

  function fieldDefinition(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (parent === schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef
    }
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined
  }

  // Fragment costs depend only on the page size they are entered with, so each is computed once per size: a chain
  // of fragments each spreading the next twice stays linear to evaluate.
  const fragmentCosts = new Map<string, number>()
  const entered = new Set<string>()

  /** `connectionPageSize`: set when `parent` is a connection whose edges/nodes hold that many items. */
  function selectionCost(
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType,
    connectionPageSize: number | undefined,
  ): number {
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, connectionPageSize)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent
        total += selectionCost(selection.selectionSet, type ?? parent, connectionPageSize)
      } else {
        const name = selection.name.value
        const key = `${name}:${connectionPageSize ?? ''}`
        const known = fragmentCosts.get(key)
        if (known !== undefined) {
          total += known
          continue
        }
        const fragment = fragments.get(name)
        if (!fragment || entered.has(name)) continue
        entered.add(name)
        const type = schema.getType(fragment.typeCondition.name.value)
        const cost = selectionCost(fragment.selectionSet, type ?? parent, connectionPageSize)
        entered.delete(name)
        fragmentCosts.set(key, cost)
        total += cost
      }
    }
    return total
  }

  function fieldCost(field: FieldNode, parent: GraphQLNamedType, connectionPageSize: number | undefined): number {
    if (field.name.value === '__typename') return 0
    const definition = fieldDefinition(parent, field.name.value)
    if (!definition) return 1
    const type = getNamedType(definition.type)
    const pageSize = pageSizeOf(field, definition)
    const isConnection = isObjectType(type) && 'pageInfo' in type.getFields() && 'edges' in type.getFields()
    const items =
      field.selectionSet && isCompositeType(type)
        ? selectionCost(field.selectionSet, type, isConnection ? pageSize : undefined)
        : 0
    if (!isListType(getNullableType(definition.type))) return 1 + items
    const multiplier =
      pageSize ??
      (connectionPageSize !== undefined ? connectionPageSize : isIntrospectionType(type) ? 1 : DEFAULT_PAGE_SIZE)
    return 1 + multiplier * items
  }

  return selectionCost(operation.selectionSet, rootType, undefined)
}
