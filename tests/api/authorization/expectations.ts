// The authorization matrix's expected outcomes, one row per root field (tests/api/authorization/matrix.test.ts
// enumerates the schema's root fields and fails on a field without a row, or on any cell that differs).
//
// Columns: anonymous, API token read-only, API token read-write (both of the 濮阳市 office), unit user (清丰县人民政府
// 办公室), county office (清丰县), city office (濮阳市), province office (河南省), CONAC.
//
// A cell is one outcome for every target, or a pattern over the principal's targets (world.ts says which object
// plays own / sibling / descendant / other province for whom):
//   allowed  the viewer got past every check (data, or an error about the arguments or the item's state)
//   hidden   NOT_FOUND, null, or the row is not in the list: the object is outside the viewer's scope
//   denied   UNAUTHENTICATED / FORBIDDEN / INVALID_TOKEN: the viewer may not use the field at all
// Untargeted mutations are called with placeholder arguments that point at nothing, so "allowed" there means the
// viewer's role passed; which rows a mutation may touch is tested per module and by the IDOR pairs (idor.test.ts).
//
// Role columns (design §2.3): 濮阳市's three one-role clerks and its 财务-only read-write token. A row whose policy
// names `roles` states them with `.roles({ … })` and the matrix probes them; on every other row they are not
// probed, and their cell is their base column's (ROLE_PRINCIPAL in world.ts), so role-free rows stay as they were.
import type { Outcome } from './probes.ts'
import { ROLE_PRINCIPAL, type AnyPrincipal, type Principal, type RolePrincipal, type Target } from './world.ts'

export type Expected = Outcome | Partial<Record<Target, Outcome>>

/** One field's expected outcomes: every base principal, and the role principals where the row states them. */
export type MatrixRow = Record<Principal, Expected> & Partial<Record<RolePrincipal, Expected>>
interface RowWithoutRoles extends MatrixRow {
  /** The role principals' cells, for a field whose policy names `roles`. */
  roles(cells: Record<RolePrincipal, Expected>): MatrixRow
}

/** A principal's expected outcome: its own cell, or for a role principal on a role-free row its base column's. */
export function expectedFor(row: MatrixRow, principal: AnyPrincipal): Expected {
  const own = row[principal]
  if (own !== undefined) return own
  return row[ROLE_PRINCIPAL[principal as RolePrincipal].base]
}

/** Whether the row states role cells of its own (it must exactly when its policy names `roles`). */
export const statesRoles = (row: MatrixRow) => Object.keys(ROLE_PRINCIPAL).some((principal) => principal in row)

const ALLOW = 'allowed'
const DENY = 'denied'
/** An office (or token) sees its own region and everything below; a unit user sees only its own unit. */
const SUBTREE = { own: 'allowed', sibling: 'hidden', descendant: 'allowed', otherProvince: 'hidden' } as const
/** CONAC sees everything. */
const EVERYWHERE = { own: 'allowed', sibling: 'allowed', descendant: 'allowed', otherProvince: 'allowed' } as const
/** Review queues: only items whose first review is at the viewer's own level (同级编办), not those below. */
const OWN_LEVEL = { own: 'allowed', sibling: 'hidden', descendant: 'hidden', otherProvince: 'hidden' } as const
/** CONAC's domain queue holds only CONAC-level reviews, none of the office-level fixtures. */
const NOWHERE = { own: 'hidden', sibling: 'hidden', descendant: 'hidden', otherProvince: 'hidden' } as const
/** A unit reads the payment settings of its same-level office only (its county sibling shares that office). */
const SAME_LEVEL_OFFICE = { own: 'allowed', sibling: 'allowed', otherProvince: 'hidden' } as const
/** 两代一统: a province office its own province; another province is refused outright. */
const OWN_PROVINCE = { own: 'allowed', descendant: 'allowed', otherProvince: 'denied' } as const

function row(
  anonymous: Expected,
  tokenReadOnly: Expected,
  tokenReadWrite: Expected,
  unit: Expected,
  county: Expected,
  city: Expected,
  province: Expected,
  conac: Expected,
): RowWithoutRoles {
  const cells: MatrixRow = { anonymous, tokenReadOnly, tokenReadWrite, unit, county, city, province, conac }
  // Not enumerable, so the table's cells are exactly the principals.
  return Object.defineProperty(cells, 'roles', {
    value: (roleCells: Record<RolePrincipal, Expected>): MatrixRow => ({ ...cells, ...roleCells }),
    enumerable: false,
  }) as RowWithoutRoles
}

// The role columns of the rows that need them.
const REVIEWER_ONLY = { cityAdmin: DENY, cityReviewer: ALLOW, cityFinance: DENY, tokenFinance: DENY } as const
const FINANCE_ONLY = { cityAdmin: DENY, cityReviewer: DENY, cityFinance: ALLOW, tokenFinance: ALLOW } as const
/** Money reads (帐户余额, ledger entries): 财务 only, each in its own subtree. */
const FINANCE_SUBTREE = { cityAdmin: DENY, cityReviewer: DENY, cityFinance: SUBTREE, tokenFinance: SUBTREE } as const
const REVIEWER_OR_FINANCE = { cityAdmin: DENY, cityReviewer: ALLOW, cityFinance: ALLOW, tokenFinance: ALLOW } as const
/** CONAC-only commands: the city's clerks are refused whatever their role. */
const ADMIN_ONLY = { cityAdmin: ALLOW, cityReviewer: DENY, cityFinance: DENY, tokenFinance: DENY } as const
const ADMIN_OR_REVIEWER = { cityAdmin: ALLOW, cityReviewer: ALLOW, cityFinance: DENY, tokenFinance: DENY } as const
const NO_CITY_ROLE = { cityAdmin: DENY, cityReviewer: DENY, cityFinance: DENY, tokenFinance: DENY } as const

// prettier-ignore
export const EXPECTED: Record<string, MatrixRow> = {
  //                          anonymous tokenRO  tokenRW  unit     county   city     province conac
  'Query.accountLink': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.activationLinkState': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.apiTokens': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.auditLogs': row(DENY, SUBTREE, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.badgeChangeRequests': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.badgeChangeReviewQueue': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY),
  'Query.badgeInstallation': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.badgeVerification': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.badges': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.chargeOverview': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.chargeRuns': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.developmentOutbox': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.developmentOutboxEnabled': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domain': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.domainCancellationImpact': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.domainCancellationRequests': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domainCancellationReviewQueue': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY),
  'Query.domainAvailability': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domainReviewDecisions': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domainReviewQueue': row(DENY, OWN_LEVEL, OWN_LEVEL, DENY, OWN_LEVEL, OWN_LEVEL, OWN_LEVEL, NOWHERE),
  'Query.domainReviewQueueSummary': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domains': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.feeCollections': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.handoverLink': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.invoiceRequests': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.ledgerEntries': row(DENY, DENY, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE).roles(FINANCE_SUBTREE),
  'Query.me': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.microSite': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.myInvoiceStock': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.myMicroSite': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Query.myNotifications': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.mySessions': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.myTrustedDevices': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.myUnitContacts': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Query.officeAccount': row(DENY, DENY, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE).roles(FINANCE_SUBTREE),
  'Query.officeUsers': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Query.overdueBadgeInstallations': row(DENY, SUBTREE, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.latestInstallCheckRun': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.paymentSettings': row(DENY, SUBTREE, SUBTREE, SAME_LEVEL_OFFICE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.priceList': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.provinceCoordination': row(DENY, DENY, DENY, DENY, DENY, DENY, OWN_PROVINCE, EVERYWHERE),
  'Query.publicMicroSite': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.region': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.regionStatistics': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.regions': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.remittances': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.renewalQuote': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.domainLifecyclePeriods': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  // 批量机构改革: every office and CONAC (another office's batch is NOT_FOUND: reorganisation-batch.test.ts).
  'Query.reorganisationBatch': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.reorganisationBatchDryRun': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.reorganisationBatches': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.rewardRates': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.scheduledJobs': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  // 数据迁移: CONAC only, no token; its commands CONAC 管理员 (modules/migration/policy.ts, migration-run.test.ts).
  'Query.migrationRun': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.migrationRuns': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.siteApplication': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.siteApplicationReviewQueue': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.siteApplications': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.smsBudget': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW),
  'Query.unit': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.unitChangeRequests': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.unitChangeReviewQueue': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY),
  // 机构改革: requests filed or reviewed by the viewer's office or one below it; CONAC all.
  'Query.unitReorganisation': row(DENY, SUBTREE, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.unitReorganisations': row(DENY, SUBTREE, SUBTREE, DENY, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.reorganisationDryRun': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, DENY),
  'Query.domainTransfers': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.domainTransferQueue': row(DENY, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  // The giving unit looks up a receiving unit for one of its own domains: another unit's domain is NOT_FOUND.
  'Query.domainTransferRecipient': row(DENY, DENY, DENY, { own: ALLOW, sibling: 'hidden', otherProvince: 'hidden' }, DENY, DENY, DENY, DENY),
  'Query.unitHandovers': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.unitInvoices': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.unitPayments': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.unitUsers': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_OR_REVIEWER),
  'Query.unclaimedAccounts': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Query.units': row(DENY, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, SUBTREE, EVERYWHERE),
  'Query.unitsAwaitingPayment': row(DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Query.unreadNotificationCount': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),

  'Mutation.activateAccount': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.addDnsRecord': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.addMicroSiteNewsItem': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.applyForDomain': row(DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, DENY).roles(REVIEWER_OR_FINANCE),
  'Mutation.changeExpiredPassword': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.changePassword': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.checkBadgeInstallation': row(DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.collectFee': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.completeLogin': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.confirmPaperMaterials': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.confirmRemittance': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.confirmTotp': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.cancelHandover': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, DENY).roles(ADMIN_ONLY),
  'Mutation.completeHandover': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.createApiToken': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.createOfficeUser': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.createRemittance': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.createUnitUser': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.deleteDnsRecord': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.deleteMicroSiteNewsItem': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.disableTotp': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.disableUser': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.enableUser': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.endOtherSessions': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.endSession': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.forgetDevice': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.helpResetPassword': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_OR_REVIEWER),
  'Mutation.issueInvoice': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.login': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.logout': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.markNotificationsRead': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.publishMicroSite': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.recordPaperMaterials': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.redLetterInvoice': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.registerUnit': row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.rejectInvoiceRequest': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.requestBadgeCancellation': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.requestBadgeChange': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.requestInvoices': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.requestPasswordReset': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.requestDomainCancellation': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.requestRenewal': row(DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(FINANCE_ONLY),
  'Mutation.requestUnitChange': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.proposeReorganisation': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(REVIEWER_ONLY),
  'Mutation.withdrawReorganisation': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(REVIEWER_ONLY),
  'Mutation.reviewReorganisation': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.requestDomainTransfer': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.withdrawDomainTransfer': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.decideDomainTransfer': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.resendActivation': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.resendClaimInvitation': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.resendClaimInvitations': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.resetPassword': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.resubmitDomainApplication': row(DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_OR_FINANCE),
  'Mutation.resendHandoverCode': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.resubmitSiteApplication': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.revealIdNumber': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.reviewBadgeChange': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.reviewDomainCancellation': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(REVIEWER_ONLY),
  'Mutation.reviewDomain': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.reviewReorganisationBatch': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.reviewSiteApplication': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_ONLY),
  'Mutation.submitReorganisationBatch': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_OR_REVIEWER),
  'Mutation.withdrawReorganisationBatch': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_OR_REVIEWER),
  'Mutation.reviewUnitChange': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(REVIEWER_ONLY),
  'Mutation.revokeApiToken': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.runDailyCharge': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.runInstallChecks': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.runJobNow': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.createMigrationRun': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.validateMigrationRun': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.commitMigrationRun': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.removeMigrationUpload': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.saveMicroSite': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.saveSiteApplicationDraft': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.sendLoginCode': row(ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.sendVerificationCode': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.setOfficeUserRoles': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(ADMIN_ONLY),
  'Mutation.setDomainLifecyclePeriods': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.setRewardRate': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.shipInvoiceRequest': row(DENY, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW).roles(NO_CITY_ROLE),
  'Mutation.signInvoiceRequest': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.splitInvoice': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.startTotpSetup': row(DENY, DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW),
  'Mutation.startHandover': row(DENY, DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, DENY).roles(ADMIN_ONLY),
  'Mutation.submitSiteApplication': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.unpublishMicroSite': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.updateDnsRecord': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.setDomainNameResolves': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.updateMicroSiteNewsItem': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.updatePaymentSettings': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, ALLOW).roles(FINANCE_ONLY),
  'Mutation.updateUnitContacts': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.voidInvoice': row(DENY, DENY, ALLOW, DENY, ALLOW, ALLOW, ALLOW, DENY).roles(FINANCE_ONLY),
  'Mutation.withdrawBadgeChangeRequest': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.withdrawDomainCancellation': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.withdrawDomainApplication': row(DENY, DENY, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW).roles(REVIEWER_OR_FINANCE),
  'Mutation.withdrawSiteApplication': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
  'Mutation.withdrawUnitChange': row(DENY, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY),
}
