// How the matrix asks a root field: targeted fields name a target's object (by-id fields) or look for it in the
// rows (lists); every other field is called with placeholder arguments generated from its schema type.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql'
import type { GraphQLErrorShape } from '../../testkit/app.ts'
import type { TargetObjects } from './world.ts'

export type Outcome = 'allowed' | 'hidden' | 'denied'

export interface Probe {
  /** The operation's selection on the root type, with the result aliased as `result`. */
  field: (target: TargetObjects) => string
  /** For lists: is the target's row among the rows? For by-id fields leave it out (null or NOT_FOUND = hidden). */
  contains?: (result: any, target: TargetObjects) => boolean
}

const id = (value: number) => JSON.stringify(String(value))
const nodeIds = (result: any): string[] => (result?.edges ?? []).map((edge: any) => String(edge.node.id))

/** The fields whose outcome depends on whose object is asked for: by-id lookups and unit-scoped lists. */
export const TARGETED_PROBES: Record<string, Probe> = {
  'Query.unit': { field: (o) => `unit(id: ${id(o.unitId)}) { id }` },
  'Query.domain': { field: (o) => `domain(id: ${id(o.domainId)}) { id }` },
  'Query.domainCancellationImpact': {
    field: (o) => `domainCancellationImpact(domainId: ${id(o.domainId)}) { domainId }`,
  },
  // A credit code no unit has: the own domain answers BAD_USER_INPUT (allowed), another unit's NOT_FOUND.
  'Query.domainTransferRecipient': {
    field: (o) => `domainTransferRecipient(domainId: ${id(o.domainId)}, creditCode: "12345") { name }`,
  },
  'Query.siteApplication': { field: (o) => `siteApplication(id: ${id(o.siteApplicationId)}) { id }` },
  'Query.badgeInstallation': { field: (o) => `badgeInstallation(badgeId: ${id(o.badgeId)}) { id }` },
  'Query.microSite': { field: (o) => `microSite(unitId: ${id(o.microSiteUnitId)}) { id }` },
  'Query.officeAccount': { field: (o) => `officeAccount(officeId: ${id(o.officeId)}) { office { id } }` },
  'Query.paymentSettings': { field: (o) => `paymentSettings(officeId: ${id(o.officeId)}) { office { id } }` },
  'Query.ledgerEntries': {
    field: (o) => `ledgerEntries(accountId: ${id(o.accountId)}, first: 5) { edges { node { id } } }`,
  },
  'Query.unitReorganisation': { field: (o) => `unitReorganisation(id: ${id(o.reorganisationId)}) { id }` },
  'Query.unitReorganisations': {
    field: (o) => `unitReorganisations(first: 100, sourceUnitId: ${id(o.unitId)}) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.reorganisationId)),
  },
  'Query.renewalQuote': { field: (o) => `renewalQuote(domainIds: [${id(o.domainId)}], years: 1) { __typename }` },
  'Query.provinceCoordination': {
    field: (o) => `provinceCoordination(regionCode: "${o.provinceCode}") { __typename }`,
  },
  'Query.units': {
    field: () => `units(first: 100) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.unitId)),
  },
  'Query.domains': {
    field: (o) => `domains(first: 100, filter: { unitId: ${id(o.unitId)} }) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.domainId)),
  },
  'Query.siteApplications': {
    field: () => `siteApplications(first: 100) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.siteApplicationId)),
  },
  'Query.badges': {
    field: () => `badges(first: 100) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.badgeId)),
  },
  'Query.overdueBadgeInstallations': {
    field: () => `overdueBadgeInstallations(first: 100) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.badgeId)),
  },
  'Query.domainReviewQueue': {
    field: () => `domainReviewQueue(first: 100) { edges { node { id } } }`,
    contains: (result, o) => nodeIds(result).includes(String(o.pendingDomainId)),
  },
  'Query.auditLogs': {
    field: (o) =>
      `auditLogs(first: 10, filter: { subjectType: "Unit", subjectId: ${id(o.unitId)} }) { edges { node { id } } }`,
    contains: (result) => nodeIds(result).length > 0,
  },
}

const DENIAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'INVALID_TOKEN'])

/**
 * What happened, in the matrix's terms. A refusal by role (UNAUTHENTICATED, FORBIDDEN, INVALID_TOKEN) is
 * "denied". For targeted probes a NOT_FOUND, a null, or a list without the target's row is "hidden". Anything
 * else (data, or an error about the arguments or the item's state) means the viewer got past the checks: "allowed".
 */
export function classify(
  body: { data?: any; errors?: GraphQLErrorShape[] },
  probe?: Probe,
  target?: TargetObjects,
): Outcome {
  const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE')
  if (codes.some((code) => DENIAL_CODES.has(code))) return 'denied'
  if (!probe) return 'allowed'
  if (codes.includes('NOT_FOUND')) return 'hidden'
  if (codes.length) return 'allowed'
  const result = body.data?.result
  if (result === null || result === undefined) return 'hidden'
  if (probe.contains) return probe.contains(result, target!) ? 'allowed' : 'hidden'
  return 'allowed'
}

/** `name(args) { selection }` for a field asked with placeholders of the right shape for its required arguments. */
export function placeholderField(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: ${placeholder(arg.type)}`)
  const named = getNamedType(field.type)
  // A connection's resolver runs only when something of the page is asked for, so ask for the page info.
  const selection = !isObjectType(named)
    ? ''
    : 'pageInfo' in named.getFields()
      ? ' { pageInfo { hasNextPage } }'
      : ' { __typename }'
  return `${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection}`
}

/**
 * A literal of the given input type, with only the required fields of input objects. Ids point at nothing
 * (999999999), so a mutation that gets past the checks finds no row to change.
 */
function placeholder(type: GraphQLInputType): string {
  if (isNonNullType(type)) return placeholder(type.ofType)
  if (isListType(type)) return `[${placeholder(type.ofType)}]`
  if (isEnumType(type)) return type.getValues()[0]!.name
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type))
    return `{ ${fields.map((field) => `${field.name}: ${placeholder(field.type)}`).join(', ')} }`
  }
  const scalars: Record<string, string> = {
    ID: '"999999999"',
    String: '"x"',
    Int: '1',
    Boolean: 'true',
    DateTime: '"2026-01-01T00:00:00Z"',
    Fen: '100',
  }
  return scalars[type.name] ?? '"x"'
}
