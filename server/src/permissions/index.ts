// Who may do what, in one table. Everything is denied unless listed here: root fields by name, and every
// object type explicitly (tests/api/permissions.test.ts fails when a type of the schema is missing).
import { GraphQLError } from 'graphql'
import { allow, and, deny, shield } from 'graphql-shield'
import { canWrite, isAuthenticated, isOfficeOrConac, isStaffSession } from './rules.ts'

export const permissionTable = {
  Query: {
    '*': deny,
    me: allow, // null for anonymous viewers
    region: isAuthenticated,
    regions: isAuthenticated,
    units: isAuthenticated, // rows scoped by unitScope
    unit: isAuthenticated, // row scoped by unitScope
    apiTokens: isStaffSession,
    domains: isAuthenticated, // rows scoped by domainScope
    domain: isAuthenticated, // row scoped by domainScope
  },
  Mutation: {
    '*': deny,
    login: allow,
    logout: allow,
    createApiToken: and(isStaffSession, canWrite),
    revokeApiToken: and(isStaffSession, canWrite),
  },
  // Object types: reachable only through the root fields above, which already checked the viewer and scoped the rows.
  User: allow,
  Unit: allow,
  Region: allow,
  Office: allow,
  ApiToken: isOfficeOrConac,
  Domain: allow,
  ReviewDecision: allow,
  LoginPayload: allow,
  CreateApiTokenPayload: allow,
  PageInfo: allow,
  RegionChildrenConnection: allow,
  RegionChildrenConnectionEdge: allow,
  QueryRegionsConnection: allow,
  QueryRegionsConnectionEdge: allow,
  QueryUnitsConnection: allow,
  QueryUnitsConnectionEdge: allow,
  QueryApiTokensConnection: allow,
  QueryApiTokensConnectionEdge: allow,
  QueryDomainsConnection: allow,
  QueryDomainsConnectionEdge: allow,
} as const

export const permissions = shield(permissionTable, {
  fallbackRule: deny,
  fallbackError: new GraphQLError('无权访问', { extensions: { code: 'FORBIDDEN' } }),
  // Resolver errors (our coded GraphQLErrors) pass through instead of becoming "Not Authorised!".
  allowExternalErrors: true,
})
