// Who may do what. Everything is denied unless listed: root fields by the policy table (commands/table.ts, each
// field's policy at the top of the file that defines it), and every object type explicitly here
// (tests/api/permissions.test.ts fails when a type of the schema is missing).
import { GraphQLError, type GraphQLSchema } from 'graphql'
import { middleware, type IMiddlewareFieldMap } from 'graphql-middleware'
import { allow, deny, shield } from 'graphql-shield'

import { shieldRuleFor, type ShieldRule } from '../commands/policy.ts'
import { POLICY_TABLE, type Operation } from '../commands/table.ts'
import { isAuthenticated, isOfficeOrConac } from './rules.ts'

/** Shield's rules for the root fields, generated from the policy table (authentication and read/write access). */
function rootFieldRules(operation: Operation): Record<string, ShieldRule> {
  const rules: Record<string, ShieldRule> = { '*': deny }
  for (const row of POLICY_TABLE)
    if (row.operation === operation) rules[row.name] = shieldRuleFor(row.policy, operation)
  return rules
}

export const permissionTable = {
  Query: rootFieldRules('query'),
  Mutation: rootFieldRules('mutation'),
  // Object types: reachable only through the root fields above, which already checked the viewer and scoped the rows.
  User: allow,
  Unit: allow,
  Region: allow,
  Office: allow,
  ApiToken: isOfficeOrConac,
  Domain: allow,
  DomainLifecycleStep: allow, // 到期后的下一阶段: reached through Domain.nextLifecycleStep on a domain the viewer may read
  ReviewDecision: allow,
  DnsRecord: allow, // reached through Domain.dnsRecords or the DNS mutations, both scoped
  DnsRecordChange: allow, // 解析变更记录: reached through Domain.dnsChanges, on a domain the viewer may already read
  DomainName: allow, // 域名及简繁变体: reached through Domain.names (a domain the viewer may read) or setDomainNameResolves (scoped)
  DnsRecordState: allow,
  DnsPublication: allow, // 发布状态 of a domain's zone: reached through Domain.dnsPublication on a domain the viewer may read
  DomainDnsChangesConnection: allow,
  DomainDnsChangesConnectionEdge: allow,
  LoginPayload: allow,
  ManagedAccount: allow, // 用户管理: reached only through the account queries and commands, scoped by accounts/reach.ts
  AccountLink: allow, // whose live emailed link it is: the link's secret is the key
  ActivateAccountPayload: allow,
  QueryOfficeUsersConnection: allow,
  QueryOfficeUsersConnectionEdge: allow,
  QueryUnitUsersConnection: allow,
  QueryUnitUsersConnectionEdge: allow,
  SendLoginCodePayload: allow, // only the masked number of the challenge's own account
  TotpSetup: allow, // only the caller's own new secret
  TrustedDevice: allow, // rows of the caller's own devices only (myTrustedDevices)
  ChangePasswordPayload: allow, // only the caller's own count of ended sessions
  RequestPasswordResetPayload: allow, // the same fixed words for every login
  ResetPasswordPayload: allow, // the login whose password the caller just reset
  HelpResetPasswordPayload: allow, // masked addresses of an account the caller administers
  SignInSession: allow, // reached only through mySessions, the caller's own sessions
  CreateApiTokenPayload: allow,
  SendVerificationCodePayload: allow,
  RegisterUnitPayload: allow,
  UnitContacts: allow,
  UnitHandover: allow, // 经办人交接: reached through unitHandovers (scoped) or startHandover
  HandoverLink: allow, // masked greeting of an emailed handover link
  CompleteHandoverPayload: allow,
  ResendHandoverCodePayload: allow,
  OutboxMessage: allow,
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
  PaymentSettings: allow,
  PriceListEntry: allow,
  FeeCollection: allow,
  FeeCollectionItem: allow,
  Remittance: isOfficeOrConac,
  // Invoices (modules/invoices): rows reach a viewer only through scoped queries; a unit sees its own invoices.
  InvoiceRequest: isOfficeOrConac,
  InvoiceStockMovement: isOfficeOrConac,
  Invoice: isAuthenticated,
  QueryInvoiceRequestsConnection: allow,
  QueryInvoiceRequestsConnectionEdge: allow,
  Account: isOfficeOrConac,
  LedgerTransaction: isOfficeOrConac,
  LedgerEntry: isOfficeOrConac,
  ChargeRun: isOfficeOrConac,
  ChargeOverview: isOfficeOrConac, // reached only through chargeOverview (CONAC)
  ChargeTally: isOfficeOrConac,
  ChargeWaiting: isOfficeOrConac,
  OfficeAccount: isOfficeOrConac,
  UnitAwaitingPayment: allow,
  PaymentDueItem: allow,
  DomainRenewal: allow,
  RenewalQuote: allow,
  RenewalQuoteItem: allow,
  RequestRenewalPayload: allow,
  QueryFeeCollectionsConnection: allow,
  QueryFeeCollectionsConnectionEdge: allow,
  QueryRemittancesConnection: allow,
  QueryRemittancesConnectionEdge: allow,
  QueryChargeRunsConnection: allow,
  QueryChargeRunsConnectionEdge: allow,
  QueryLedgerEntriesConnection: allow,
  QueryLedgerEntriesConnectionEdge: allow,
  DomainAvailability: allow,
  DomainReviewQueueSummary: allow,
  QueryDomainReviewQueueConnection: allow,
  QueryDomainReviewQueueConnectionEdge: allow,
  QueryDomainReviewDecisionsConnection: allow,
  QueryDomainReviewDecisionsConnectionEdge: allow,
  SiteApplication: allow, // reached through scoped root fields
  PaperSubmission: allow,
  Badge: allow,
  FieldChange: allow,
  QuerySiteApplicationsConnection: allow,
  QuerySiteApplicationsConnectionEdge: allow,
  QuerySiteApplicationReviewQueueConnection: allow,
  QuerySiteApplicationReviewQueueConnectionEdge: allow,
  QueryBadgesConnection: allow,
  QueryBadgesConnectionEdge: allow,
  BadgeChangeRequest: allow, // reached through Badge.changeRequests or the scoped root fields
  BadgeFieldChange: allow,
  BadgeVerification: allow, // public by design: no personal data, no IP
  UnitChangeRequest: allow, // reached through Unit.pendingChangeRequest or the scoped root fields
  UnitFactChange: allow,
  QueryUnitChangeRequestsConnection: allow,
  QueryUnitChangeRequestsConnectionEdge: allow,
  QueryUnitChangeReviewQueueConnection: allow,
  QueryUnitChangeReviewQueueConnectionEdge: allow,
  // 域名注销: reached through Domain.pendingCancellation or the scoped root fields (domainCancellations)
  DomainCancellationRequest: allow,
  DomainCancellationImpact: allow,
  DomainCancellationDependents: allow,
  DomainCancellationBadge: allow,
  DomainCancellationSiteApplication: allow,
  DomainCancellationMicroSite: allow,
  QueryDomainCancellationRequestsConnection: allow,
  QueryDomainCancellationRequestsConnectionEdge: allow,
  QueryDomainCancellationReviewQueueConnection: allow,
  QueryDomainCancellationReviewQueueConnectionEdge: allow,
  // 域名过户: reached through Domain.pendingTransfer or the scoped root fields; names only, no unit or domain object.
  DomainTransferRequest: allow,
  DomainTransferApproval: allow,
  DomainTransferBadge: allow,
  DomainTransferRecipient: allow,
  TransferDependentBadge: allow,
  QueryDomainTransfersConnection: allow,
  QueryDomainTransfersConnectionEdge: allow,
  QueryDomainTransferQueueConnection: allow,
  QueryDomainTransferQueueConnectionEdge: allow,
  QueryBadgeChangeRequestsConnection: allow,
  QueryBadgeChangeRequestsConnectionEdge: allow,
  QueryBadgeChangeReviewQueueConnection: allow,
  QueryBadgeChangeReviewQueueConnectionEdge: allow,
  BadgeInstallCheck: allow, // reached through Badge.installChecks
  InstallCheckRun: isOfficeOrConac, // reached only through latestInstallCheckRun / runInstallChecks (CONAC)
  ScheduledJob: isOfficeOrConac, // reached only through scheduledJobs / runJobNow (CONAC)
  ScheduledJobRun: isOfficeOrConac,
  JobRunResult: isOfficeOrConac,
  SmsBudgetStatus: isOfficeOrConac, // reached only through smsBudget (CONAC)
  SmsBudgetAlert: isOfficeOrConac,
  QueryOverdueBadgeInstallationsConnection: allow,
  QueryOverdueBadgeInstallationsConnectionEdge: allow,
  MicroSite: allow, // reached through myMicroSite / microSite (scoped) or the unit's own mutations
  MicroSiteNewsItem: allow,
  MicroSiteNewsItemsConnection: allow,
  MicroSiteNewsItemsConnectionEdge: allow,
  PublicMicroSite: allow, // public by design: only the published content
  PublicMicroSiteNewsItem: allow,
  PublicMicroSiteBadge: allow,
  UnitPaymentRow: allow, // reached only through unitPayments (scoped); remittance details flattened for unit users
  UnitPaymentsConnection: allow,
  UnitPaymentsConnectionEdge: allow,
  UnitInvoicesConnection: allow,
  UnitInvoicesConnectionEdge: allow,
  ProvinceCoordination: isOfficeOrConac,
  OfficeCoordinationRow: isOfficeOrConac,
  CityCoordination: isOfficeOrConac,
  CoordinationTotals: isOfficeOrConac,
  // 域名生命周期期限: national settings, read by every office (domainLifecyclePeriods) and set by CONAC.
  DomainLifecyclePeriods: isOfficeOrConac,
  RewardRate: isOfficeOrConac,
  InboxNotification: isAuthenticated, // reached only through myNotifications (the viewer's own rows)
  QueryMyNotificationsConnection: allow,
  QueryMyNotificationsConnectionEdge: allow,
  AuditEntry: isOfficeOrConac, // reached only through auditLogs (scoped); before/after redacted
  AuditActor: isOfficeOrConac,
  QueryAuditLogsConnection: isOfficeOrConac,
  QueryAuditLogsConnectionEdge: isOfficeOrConac,
  // 区域统计 (modules/statistics): reached only through regionStatistics, whose subtree the service checked.
  RegionStatistics: isOfficeOrConac,
  UnitStatistics: isOfficeOrConac,
  DomainStatistics: isOfficeOrConac,
  SiteApplicationStatistics: isOfficeOrConac,
  BadgeStatistics: isOfficeOrConac,
  FeeStatistics: isOfficeOrConac,
  InvoiceStatistics: isOfficeOrConac,
  ReviewStatistics: isOfficeOrConac,
  ReviewTurnaround: isOfficeOrConac,
  KeyCount: isOfficeOrConac,
  MonthCount: isOfficeOrConac,
  MonthAmount: isOfficeOrConac,
  // 批量机构改革 (modules/reorganisationBatches): reached only through its root fields, scoped by reads.ts batchScope.
  ReorganisationBatch: isOfficeOrConac,
  ReorganisationBatchRow: isOfficeOrConac,
  ReorganisationBatchRowSummary: isOfficeOrConac,
  ReorganisationBatchProblem: isOfficeOrConac,
  ReorganisationBatchDryRun: isOfficeOrConac,
  QueryReorganisationBatchesConnection: isOfficeOrConac,
  QueryReorganisationBatchesConnectionEdge: isOfficeOrConac,
  // 数据迁移: reached only through the migration root fields (CONAC; modules/migration/policy.ts).
  MigrationRun: isOfficeOrConac,
  MigrationRunFile: isOfficeOrConac,
  MigrationKindCount: isOfficeOrConac,
  MigrationProblem: isOfficeOrConac,
  MigrationRunProblemsConnection: isOfficeOrConac,
  MigrationRunProblemsConnectionEdge: isOfficeOrConac,
  QueryMigrationRunsConnection: isOfficeOrConac,
  QueryMigrationRunsConnectionEdge: isOfficeOrConac,
  // 机构改革 (modules/reorganisations): requests reach only offices through the scoped root fields and commands.
  UnitReorganisation: isOfficeOrConac,
  ReorganisationTarget: isOfficeOrConac,
  ReorganisationObject: isOfficeOrConac,
  ReorganisationProblem: isOfficeOrConac,
  ReorganisationReviewOffice: isOfficeOrConac,
  ReorganisationDryRun: isOfficeOrConac,
  QueryUnitReorganisationsConnection: isOfficeOrConac,
  QueryUnitReorganisationsConnectionEdge: isOfficeOrConac,
  UnitSuccession: allow, // 单位沿革: reached through Unit.successions on a unit the viewer may read
  BadgeReorganisation: allow, // public by design on the verification page: the former unit's name and the date
  // 账号认领 (modules/migration/claim): reached only through its root fields, scoped by claim/scope.ts.
  UnclaimedAccount: isOfficeOrConac,
  ClaimInvitation: isOfficeOrConac,
  ResendClaimSummary: isOfficeOrConac,
  QueryUnclaimedAccountsConnection: isOfficeOrConac,
  QueryUnclaimedAccountsConnectionEdge: isOfficeOrConac,
  ActivationLinkStateView: allow, // what became of an activation link: the link's secret is the key, no names
} as const

/** Shield's rule tree and options, unchanged: `shielded` is what graphql-shield would apply to every field. */
const shielded = shield(permissionTable, {
  fallbackRule: deny,
  fallbackError: new GraphQLError('无权访问', { extensions: { code: 'FORBIDDEN' } }),
  // Resolver errors (our coded GraphQLErrors) pass through instead of becoming "Not Authorised!".
  allowExternalErrors: true,
})

type RuleTree = Record<string, ShieldRule | Record<string, ShieldRule>>

/**
 * The rule shield applies to `type.field`, resolved the way its generator does: a type's rule applies to all its
 * fields; in a field map the field's own rule, else the map's '*', else the fallback (deny); a type not in the
 * table gets the fallback.
 */
export function ruleOfField(typeName: string, fieldName: string): ShieldRule {
  const rules = (permissionTable as RuleTree)[typeName]
  if (rules === undefined) return deny
  // A field map is a plain object; a rule is an instance of one of shield's rule classes.
  if (Object.getPrototypeOf(rules) !== Object.prototype) return rules as ShieldRule
  const map = rules as Record<string, ShieldRule>
  return map[fieldName] ?? map['*'] ?? deny
}

/**
 * The permission middleware: shield's own per-field middleware, but only on fields whose rule is not `allow`.
 * Shield wraps every field of the schema (each scalar of each row then goes through an async wrapper and a rule
 * that always says yes); a field under `allow` runs exactly as without shield, so leaving it unwrapped changes no
 * decision and no error, while every other field (deny, the fallback, the office and role rules) keeps shield's
 * wrapper, its contextual cache and its error handling.
 */
export const permissions = middleware((schema: GraphQLSchema) => {
  const generated = shielded.generate(schema) as Record<string, Record<string, unknown>>
  const ruled: Record<string, Record<string, unknown>> = {}
  for (const [typeName, fields] of Object.entries(generated)) {
    const kept = Object.entries(fields).filter(([fieldName]) => ruleOfField(typeName, fieldName) !== allow)
    if (kept.length > 0) ruled[typeName] = Object.fromEntries(kept)
  }
  return ruled as IMiddlewareFieldMap
})
