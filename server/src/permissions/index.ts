// Who may do what, in one table. Everything is denied unless listed here: root fields by name, and every
// object type explicitly (tests/api/permissions.test.ts fails when a type of the schema is missing).
import { GraphQLError } from 'graphql'
import { allow, and, deny, shield } from 'graphql-shield'
import { canWrite, isAuthenticated, isOfficeOrConac, isStaffSession } from './rules.ts'

export const permissionTable = {
  Query: {
    '*': deny,
    me: allow, // null for anonymous viewers
    region: allow, // public reference data: the anonymous registration form picks its region
    regions: allow,
    units: isAuthenticated, // rows scoped by unitScope
    unit: isAuthenticated, // row scoped by unitScope
    myUnitContacts: isAuthenticated, // the service allows only a unit user, on its own unit
    developmentOutbox: allow, // public so a person registering can read the code; the resolver checks config.devOutbox
    developmentOutboxEnabled: allow,
    apiTokens: isStaffSession,
    domains: isAuthenticated, // rows scoped by domainScope
    domain: isAuthenticated, // row scoped by domainScope
    // Fees and renewals (modules/fees, modules/renewals): services check the role, rows are scoped.
    paymentSettings: isAuthenticated, // own office, or a unit's same-level office
    priceList: isAuthenticated,
    unitsAwaitingPayment: isAuthenticated, // units in scope
    feeCollections: isAuthenticated, // office subtree / CONAC / the unit's own
    remittances: isOfficeOrConac,
    chargeRuns: isOfficeOrConac, // CONAC only, checked in the resolver
    chargeOverview: isOfficeOrConac, // CONAC only, checked in the resolver
    officeAccount: isOfficeOrConac, // own office, ancestors, CONAC
    ledgerEntries: isOfficeOrConac,
    renewalQuote: isAuthenticated,
    domainAvailability: isAuthenticated,
    domainReviewQueue: isOfficeOrConac, // the viewer's review level, scoped in the service
    domainReviewQueueSummary: isOfficeOrConac,
    domainReviewDecisions: isAuthenticated, // rows scoped by domainScope
    siteApplications: isAuthenticated, // rows scoped by siteApplicationScope
    siteApplication: isAuthenticated,
    siteApplicationReviewQueue: isOfficeOrConac, // the viewer's review level, scoped in the service
    badges: isAuthenticated, // rows scoped by unitScope
    // 标识管理 (modules/badges): change/cancel requests scoped by unitScope; the queue is the office's same-level units.
    badgeChangeRequests: isAuthenticated,
    badgeChangeReviewQueue: isOfficeOrConac, // CONAC gets FORBIDDEN in the service (the same-level office reviews)
    badgeVerification: allow, // 公开核验: public by design, only the public facts in their own type
    badgeInstallation: isAuthenticated, // one badge, scoped by unitScope (NOT_FOUND otherwise)
    overdueBadgeInstallations: isOfficeOrConac, // 逾期未安装: office subtree / CONAC all, scoped in the resolver
    myMicroSite: isAuthenticated, // the service allows only a unit user, on its own unit
    microSite: isAuthenticated, // the unit must be in unitScope (NOT_FOUND otherwise)
    publicMicroSite: allow, // the public 网络红页: only PUBLISHED content, in its own type
    // Invoices (modules/invoices): rows scoped by invoiceRequestScope; roles checked in the service.
    myInvoiceStock: isOfficeOrConac,
    invoiceRequests: isOfficeOrConac,
    // Invoice reports (modules/invoiceReports): rows scoped by unitScope; the province view checks the level itself.
    unitPayments: isAuthenticated, // office subtree / CONAC all / a unit its own
    unitInvoices: isAuthenticated, // office subtree / CONAC all / a unit its own
    provinceCoordination: isOfficeOrConac, // province office (own province) or CONAC, checked in the service
    rewardRates: isOfficeOrConac,
    scheduledJobs: isOfficeOrConac, // 定时任务: CONAC only, checked in the resolver
    smsBudget: isOfficeOrConac, // the SMS budget panel of 定时任务: CONAC only, checked in the resolver
    // 消息中心 (modules/notifications): the viewer's own rows only; the service refuses API tokens.
    myNotifications: isAuthenticated,
    unreadNotificationCount: isAuthenticated,
    auditLogs: isOfficeOrConac, // 操作日志: office subtree by regionPath / CONAC all (incl. no region); ip for CONAC only
    regionStatistics: isOfficeOrConac, // 区域统计: office subtree / CONAC any; the regionCode is checked in the service
  },
  Mutation: {
    '*': deny,
    login: allow,
    logout: allow,
    sendVerificationCode: allow, // UNIT_REGISTRATION is public; the service requires a unit user for other purposes
    registerUnit: allow,
    updateUnitContacts: and(isAuthenticated, canWrite), // the service allows only a unit user, on its own unit
    createApiToken: and(isStaffSession, canWrite),
    revokeApiToken: and(isStaffSession, canWrite),
    updatePaymentSettings: and(isOfficeOrConac, canWrite),
    collectFee: and(isOfficeOrConac, canWrite), // same-level office only, checked in the service
    createRemittance: and(isOfficeOrConac, canWrite),
    confirmRemittance: and(isOfficeOrConac, canWrite), // CONAC only
    runDailyCharge: and(isOfficeOrConac, canWrite), // CONAC only
    requestRenewal: and(isAuthenticated, canWrite),
    applyForDomain: and(isAuthenticated, canWrite), // own unit, or a unit in the office's scope
    resubmitDomainApplication: and(isAuthenticated, canWrite),
    withdrawDomainApplication: and(isAuthenticated, canWrite),
    reviewDomain: and(isOfficeOrConac, canWrite), // the level is decided in the service
    // DNS: the service lets only the domain's own unit users change records (staff get FORBIDDEN there).
    addDnsRecord: and(isAuthenticated, canWrite),
    updateDnsRecord: and(isAuthenticated, canWrite),
    deleteDnsRecord: and(isAuthenticated, canWrite),
    // Site applications: the service lets only unit users draft and submit, and decides the review level.
    saveSiteApplicationDraft: and(isAuthenticated, canWrite),
    submitSiteApplication: and(isAuthenticated, canWrite),
    resubmitSiteApplication: and(isAuthenticated, canWrite),
    withdrawSiteApplication: and(isAuthenticated, canWrite),
    reviewSiteApplication: and(isOfficeOrConac, canWrite),
    recordPaperMaterials: and(isOfficeOrConac, canWrite), // same-level office only
    confirmPaperMaterials: and(isOfficeOrConac, canWrite),
    // Badge change/cancellation: the service lets only the unit's own users ask, and only its same-level office review.
    requestBadgeChange: and(isAuthenticated, canWrite),
    requestBadgeCancellation: and(isAuthenticated, canWrite),
    withdrawBadgeChangeRequest: and(isAuthenticated, canWrite),
    reviewBadgeChange: and(isOfficeOrConac, canWrite),
    // Installation checks (modules/installChecks): a run is CONAC only (checked in the resolver); 立即检测 is the
    // owning unit, offices over it, CONAC (badge scoped by unitScope in the service).
    runInstallChecks: and(isOfficeOrConac, canWrite),
    checkBadgeInstallation: and(isAuthenticated, canWrite),
    // 网络红页: the service lets only the unit's own users (of an ACTIVE unit) change it; staff get FORBIDDEN.
    saveMicroSite: and(isAuthenticated, canWrite),
    publishMicroSite: and(isAuthenticated, canWrite),
    unpublishMicroSite: and(isAuthenticated, canWrite),
    addMicroSiteNewsItem: and(isAuthenticated, canWrite),
    updateMicroSiteNewsItem: and(isAuthenticated, canWrite),
    deleteMicroSiteNewsItem: and(isAuthenticated, canWrite),
    // Invoices: requests and issuing by offices below CONAC, ship/reject by CONAC (checked in the service).
    requestInvoices: and(isOfficeOrConac, canWrite),
    shipInvoiceRequest: and(isOfficeOrConac, canWrite),
    rejectInvoiceRequest: and(isOfficeOrConac, canWrite),
    signInvoiceRequest: and(isOfficeOrConac, canWrite), // the requesting office only
    issueInvoice: and(isOfficeOrConac, canWrite), // same-level units only
    voidInvoice: and(isOfficeOrConac, canWrite), // the issuing office only
    redLetterInvoice: and(isOfficeOrConac, canWrite),
    splitInvoice: and(isOfficeOrConac, canWrite),
    setRewardRate: and(isOfficeOrConac, canWrite), // CONAC only, checked in the service
    runJobNow: and(isOfficeOrConac, canWrite), // 立即运行: CONAC only, checked in the resolver
    markNotificationsRead: and(isAuthenticated, canWrite), // the viewer's own rows only; the service refuses API tokens
  },
  // Object types: reachable only through the root fields above, which already checked the viewer and scoped the rows.
  User: allow,
  Unit: allow,
  Region: allow,
  Office: allow,
  ApiToken: isOfficeOrConac,
  Domain: allow,
  ReviewDecision: allow,
  DnsRecord: allow, // reached through Domain.dnsRecords or the DNS mutations, both scoped
  DnsRecordChange: allow, // 解析变更记录: reached through Domain.dnsChanges, on a domain the viewer may already read
  DnsRecordState: allow,
  DomainDnsChangesConnection: allow,
  DomainDnsChangesConnectionEdge: allow,
  LoginPayload: allow,
  CreateApiTokenPayload: allow,
  SendVerificationCodePayload: allow,
  RegisterUnitPayload: allow,
  UnitContacts: allow,
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
  QueryBadgeChangeRequestsConnection: allow,
  QueryBadgeChangeRequestsConnectionEdge: allow,
  QueryBadgeChangeReviewQueueConnection: allow,
  QueryBadgeChangeReviewQueueConnectionEdge: allow,
  BadgeInstallCheck: allow, // reached through Badge.installChecks
  InstallCheckRunSummary: allow,
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
} as const

export const permissions = shield(permissionTable, {
  fallbackRule: deny,
  fallbackError: new GraphQLError('无权访问', { extensions: { code: 'FORBIDDEN' } }),
  // Resolver errors (our coded GraphQLErrors) pass through instead of becoming "Not Authorised!".
  allowExternalErrors: true,
})
