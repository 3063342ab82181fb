/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditLogFilter = {
  /** Exact action name, e.g. siteApplication.review */
  action?: string | null | undefined;
  /** At or after this instant */
  from?: string | null | undefined;
  subjectId?: string | number | null | undefined;
  /** e.g. SiteApplication, Domain */
  subjectType?: string | null | undefined;
  /** At or before this instant */
  to?: string | null | undefined;
};

/** MICRO_SITE 网络红页, SELF_BUILT 自建网站 */
export type BadgePlacement =
  | 'MICRO_SITE'
  | 'SELF_BUILT';

/** ACTIVE 有效, CANCELLED 已注销 */
export type BadgeStatus =
  | 'ACTIVE'
  | 'CANCELLED';

export type DomainFilter = {
  /** 到期时间 from (inclusive) */
  expiresFrom?: string | null | undefined;
  /** 到期时间 to (exclusive) */
  expiresTo?: string | null | undefined;
  /** Units in this region and below */
  regionCode?: string | null | undefined;
  /** Part of the domain name or of the unit name */
  search?: string | null | undefined;
  /** 审核状态 (any of) */
  statuses?: Array<DomainStatus> | null | undefined;
  suffix?: DomainSuffix | null | undefined;
  unitId?: string | number | null | undefined;
};

export type DomainReviewDecision =
  /** 通过 */
  | 'APPROVE'
  /** 不通过 (a reason is required) */
  | 'REJECT';

/** PENDING_OFFICE_REVIEW 待审核, OFFICE_REJECTED 编办审核未通过, OFFICE_APPROVED 编办审核通过, CONAC_REJECTED CONAC审核未通过, CONAC_APPROVED CONAC审核通过, FEE_COLLECTED 待缴费 (已收费，待扣费), REGISTERED 注册成功, EXPIRED 已过期, CANCELLED 已撤销, GRACE 宽限期 (已到期，仍解析，可续费), REDEMPTION 赎回期 (停止解析，只能由编办续费), DELETED 已删除 (名称保留中), RELEASED 已释放 (名称可重新申请) */
export type DomainStatus =
  | 'CANCELLED'
  | 'CONAC_APPROVED'
  | 'CONAC_REJECTED'
  | 'DELETED'
  | 'EXPIRED'
  | 'FEE_COLLECTED'
  | 'GRACE'
  | 'OFFICE_APPROVED'
  | 'OFFICE_REJECTED'
  | 'PENDING_OFFICE_REVIEW'
  | 'REDEMPTION'
  | 'REGISTERED'
  | 'RELEASED';

/** ZHENGWU .政务 (党政机关、群团机关), GONGYI .公益 (事业单位、社会组织) */
export type DomainSuffix =
  | 'GONGYI'
  | 'ZHENGWU';

/** 编办级别: CENTRAL 中央编办 (CONAC), PROVINCE 省, CITY 市, COUNTY 县 */
export type OfficeLevel =
  | 'CENTRAL'
  | 'CITY'
  | 'COUNTY'
  | 'PROVINCE';

/** SUBMITTED 已汇款待认款, CONFIRMED 已认款 */
export type RemittanceStatus =
  | 'CONFIRMED'
  | 'SUBMITTED';

export type ReviewDomainInput = {
  decision: DomainReviewDecision;
  id: string | number;
  /** 不通过原因, 2-500 characters; required for REJECT */
  reason?: string | null | undefined;
  /** The version the reviewer saw; a stale one is a CONFLICT. */
  version: number;
};

/** OFFICE 同级编办初审, CONAC 复审, PAPER 书面材料确认 */
export type ReviewLevel =
  | 'CONAC'
  | 'OFFICE'
  | 'PAPER';

/** APPROVED 通过, REJECTED 不通过 */
export type ReviewResult =
  | 'APPROVED'
  | 'REJECTED';

export type SiteApplicationFilter = {
  statuses?: Array<SiteApplicationStatus> | null | undefined;
};

/** NEW_SITE 新开办网站申请, RE_REVIEW 已开办网站复核 */
export type SiteApplicationKind =
  | 'NEW_SITE'
  | 'RE_REVIEW';

/** DRAFT 草稿, PENDING_OFFICE_REVIEW 初审中, OFFICE_REJECTED 初审未通过, PENDING_CONAC_REVIEW 复审中, CONAC_REJECTED 复审未通过, AWAITING_PAPER 审核通过，待提交书面材料, PAPER_REJECTED 书面材料未通过, BADGE_ISSUED 已发放网站标识, WITHDRAWN 已撤回, BADGE_CANCELLED 标识已注销（可重新申请） */
export type SiteApplicationStatus =
  | 'AWAITING_PAPER'
  | 'BADGE_CANCELLED'
  | 'BADGE_ISSUED'
  | 'CONAC_REJECTED'
  | 'DRAFT'
  | 'OFFICE_REJECTED'
  | 'PAPER_REJECTED'
  | 'PENDING_CONAC_REVIEW'
  | 'PENDING_OFFICE_REVIEW'
  | 'WITHDRAWN';

/** 系统类别 */
export type SystemCategory =
  | 'COURT'
  | 'CPPCC'
  | 'DEMOCRATIC_PARTY'
  | 'GOVERNMENT'
  | 'MASS_ORGANIZATION'
  | 'OTHER'
  | 'PARTY_COMMITTEE'
  | 'PEOPLES_CONGRESS'
  | 'PROCURATORATE'
  | 'PUBLIC_INSTITUTION'
  | 'SOCIAL_ORGANIZATION';

export type UnitPaymentFilter = {
  /** Collected at or after (inclusive) */
  from?: string | null | undefined;
  /** Units in this region and below (6-digit code) */
  regionCode?: string | null | undefined;
  /** Collected before (exclusive) */
  to?: string | null | undefined;
  /** Part of the unit name */
  unitName?: string | null | undefined;
};

export type UnitStatus =
  | 'ACTIVE'
  | 'INACTIVE';

/** 单位类型: PARTY_GOVERNMENT 党政机关, MASS_ORGANIZATION 群团机关, PUBLIC_INSTITUTION 事业单位, SOCIAL_ORGANIZATION 社会组织 */
export type UnitType =
  | 'MASS_ORGANIZATION'
  | 'PARTY_GOVERNMENT'
  | 'PUBLIC_INSTITUTION'
  | 'SOCIAL_ORGANIZATION';

/** 角色: UNIT_USER 单位用户, OFFICE_STAFF 编办工作人员, CONAC_STAFF CONAC 工作人员 */
export type UserRole =
  | 'CONAC_STAFF'
  | 'OFFICE_STAFF'
  | 'UNIT_USER';

export type AuditLogsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: AuditLogFilter | null | undefined;
}>;


export type AuditLogsQuery = { auditLogs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, action: string, subjectType: string, subjectId: string | null, actorTokenName: string | null, actor: { displayName: string, role: UserRole } | null } }> } };

export type BadgesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BadgesQuery = { badges: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, badgeNumber: string, status: BadgeStatus, placement: BadgePlacement, siteName: string, englishDomain: string | null, issuedAt: string, installDeadline: string, installedAt: string | null, installOverdue: boolean, lastCheckedAt: string | null, lastCheckFound: boolean | null, verificationUrl: string, unit: { name: string } } }> } };

export type OverdueBadgeInstallationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OverdueBadgeInstallationsQuery = { overdueBadgeInstallations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, badgeNumber: string, status: BadgeStatus, placement: BadgePlacement, siteName: string, englishDomain: string | null, issuedAt: string, installDeadline: string, installedAt: string | null, installOverdue: boolean, lastCheckedAt: string | null, lastCheckFound: boolean | null, verificationUrl: string, unit: { name: string } } }> } };

export type BadgeRowFragment = { id: string, badgeNumber: string, status: BadgeStatus, placement: BadgePlacement, siteName: string, englishDomain: string | null, issuedAt: string, installDeadline: string, installedAt: string | null, installOverdue: boolean, lastCheckedAt: string | null, lastCheckFound: boolean | null, verificationUrl: string, unit: { name: string } };

export type DomainsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: DomainFilter | null | undefined;
}>;


export type DomainsQuery = { domains: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, fullName: string, suffix: DomainSuffix, status: DomainStatus, years: number, submittedAt: string, registeredAt: string | null, expiresAt: string | null, unit: { id: string, name: string, region: { code: string, fullName: string } } } }> } };

export type DomainQueryVariables = Exact<{
  id: string | number;
}>;


export type DomainQuery = { domain: { id: string, fullName: string, suffix: DomainSuffix, status: DomainStatus, years: number, submittedAt: string, registeredAt: string | null, expiresAt: string | null, reviewDecisions: Array<{ level: ReviewLevel, result: ReviewResult, reason: string | null, reviewerName: string, decidedAt: string }>, unit: { id: string, name: string, region: { code: string, fullName: string } } } };

export type DomainRowFragment = { id: string, fullName: string, suffix: DomainSuffix, status: DomainStatus, years: number, submittedAt: string, registeredAt: string | null, expiresAt: string | null, unit: { id: string, name: string, region: { code: string, fullName: string } } };

export type UnitPaymentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: UnitPaymentFilter | null | undefined;
}>;


export type UnitPaymentsQuery = { unitPayments: { totalCount: number, totalAmountFen: number, totalInvoiceCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, collectedAt: string, amountFen: number, invoiceCount: number, itemsSummary: string, remittanceStatus: RemittanceStatus | null, remittedAt: string | null, remittanceConfirmedAt: string | null, office: { name: string }, unit: { name: string } } }> } };

export type OfficeAccountQueryVariables = Exact<{
  officeId?: string | number | null | undefined;
}>;


export type OfficeAccountQuery = { officeAccount: { collectedFen: number, inTransitFen: number, prepaidFen: number, office: { name: string } } };

export type ReviewQueuesQueryVariables = Exact<{
  withBadgeChanges: boolean;
}>;


export type ReviewQueuesQuery = { domainReviewQueueSummary: { pending: number, overThreeDays: number, oldestSubmittedAt: string | null }, siteApplicationReviewQueue: { totalCount: number }, badgeChangeReviewQueue?: { totalCount: number } };

export type DomainReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DomainReviewQueueQuery = { domainReviewQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, fullName: string, status: DomainStatus, years: number, version: number, awaitingReviewSince: string | null, unit: { name: string, region: { fullName: string } } } }> } };

export type SiteApplicationReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SiteApplicationReviewQueueQuery = { siteApplicationReviewQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, serialNumber: string, kind: SiteApplicationKind, status: SiteApplicationStatus, siteName: string, submittedAt: string | null, version: number, unit: { name: string } } }> } };

export type SiteApplicationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: SiteApplicationFilter | null | undefined;
}>;


export type SiteApplicationsQuery = { siteApplications: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, serialNumber: string, status: SiteApplicationStatus, siteName: string, englishDomain: string | null, submittedAt: string | null, unit: { name: string } } }> } };

export type ReviewDomainMutationVariables = Exact<{
  input: ReviewDomainInput;
}>;


export type ReviewDomainMutation = { reviewDomain: { id: string, status: DomainStatus, version: number } };

export type RegionStatisticsSummaryQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type RegionStatisticsSummaryQuery = { regionStatistics: { region: { code: string, name: string }, units: { total: number }, domains: { total: number, expiringWithin30Days: number, byStatus: Array<{ key: string, count: number }> }, fees: { collectedFen: number, chargedFen: number }, invoices: { stock: number, issued: number, issuedAmountFen: number }, reviews: { overdueDomainApplications: number, overdueSiteApplications: number }, children: Array<{ region: { code: string, name: string }, units: { total: number }, domains: { total: number }, fees: { collectedFen: number } }> } };

export type RegionalStatisticsQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type RegionalStatisticsQuery = { units: { totalCount: number }, allDomains: { totalCount: number }, pendingReview: { totalCount: number }, awaitingPayment: { totalCount: number }, registered: { totalCount: number }, payments: { totalCount: number, totalAmountFen: number, totalInvoiceCount: number }, invoices: { totalCount: number, totalAmountFen: number, totalSheets: number } };

export type ProvinceCoordinationQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ProvinceCoordinationQuery = { provinceCoordination: { province: { code: string, name: string }, totals: { collectionCount: number, collectedFen: number, remittedFen: number, confirmedFen: number, officePrepaidFen: number, invoicedFen: number, rewardFen: number }, rows: Array<{ collectionCount: number, collectedFen: number, officeCollectedFen: number, officeInTransitFen: number, officePrepaidFen: number, invoiceStock: number, rewardFen: number, office: { name: string, level: OfficeLevel } }> } };

export type UnitsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  regionCode?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type UnitsQuery = { units: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, creditCode: string, type: UnitType, systemCategory: SystemCategory, status: UnitStatus, createdAt: string, region: { code: string, fullName: string } } }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { displayName: string, role: UserRole, office: { id: string, name: string, level: OfficeLevel, region: { code: string, fullName: string } } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const BadgeRowFragmentDoc = new TypedDocumentString(`
    fragment BadgeRow on Badge {
  id
  badgeNumber
  status
  placement
  siteName
  englishDomain
  issuedAt
  installDeadline
  installedAt
  installOverdue
  lastCheckedAt
  lastCheckFound
  verificationUrl
  unit {
    name
  }
}
    `, {"fragmentName":"BadgeRow"}) as unknown as TypedDocumentString<BadgeRowFragment, unknown>;
export const DomainRowFragmentDoc = new TypedDocumentString(`
    fragment DomainRow on Domain {
  id
  fullName
  suffix
  status
  years
  submittedAt
  registeredAt
  expiresAt
  unit {
    id
    name
    region {
      code
      fullName
    }
  }
}
    `, {"fragmentName":"DomainRow"}) as unknown as TypedDocumentString<DomainRowFragment, unknown>;
export const AuditLogsDocument = new TypedDocumentString(`
    query AuditLogs($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLogs(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        at
        action
        subjectType
        subjectId
        actorTokenName
        actor {
          displayName
          role
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogsQuery, AuditLogsQueryVariables>;
export const BadgesDocument = new TypedDocumentString(`
    query Badges($first: Int, $after: String) {
  badges(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...BadgeRow
      }
    }
  }
}
    fragment BadgeRow on Badge {
  id
  badgeNumber
  status
  placement
  siteName
  englishDomain
  issuedAt
  installDeadline
  installedAt
  installOverdue
  lastCheckedAt
  lastCheckFound
  verificationUrl
  unit {
    name
  }
}`) as unknown as TypedDocumentString<BadgesQuery, BadgesQueryVariables>;
export const OverdueBadgeInstallationsDocument = new TypedDocumentString(`
    query OverdueBadgeInstallations($first: Int, $after: String) {
  overdueBadgeInstallations(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...BadgeRow
      }
    }
  }
}
    fragment BadgeRow on Badge {
  id
  badgeNumber
  status
  placement
  siteName
  englishDomain
  issuedAt
  installDeadline
  installedAt
  installOverdue
  lastCheckedAt
  lastCheckFound
  verificationUrl
  unit {
    name
  }
}`) as unknown as TypedDocumentString<OverdueBadgeInstallationsQuery, OverdueBadgeInstallationsQueryVariables>;
export const DomainsDocument = new TypedDocumentString(`
    query Domains($first: Int, $after: String, $filter: DomainFilter) {
  domains(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...DomainRow
      }
    }
  }
}
    fragment DomainRow on Domain {
  id
  fullName
  suffix
  status
  years
  submittedAt
  registeredAt
  expiresAt
  unit {
    id
    name
    region {
      code
      fullName
    }
  }
}`) as unknown as TypedDocumentString<DomainsQuery, DomainsQueryVariables>;
export const DomainDocument = new TypedDocumentString(`
    query Domain($id: ID!) {
  domain(id: $id) {
    ...DomainRow
    reviewDecisions {
      level
      result
      reason
      reviewerName
      decidedAt
    }
  }
}
    fragment DomainRow on Domain {
  id
  fullName
  suffix
  status
  years
  submittedAt
  registeredAt
  expiresAt
  unit {
    id
    name
    region {
      code
      fullName
    }
  }
}`) as unknown as TypedDocumentString<DomainQuery, DomainQueryVariables>;
export const UnitPaymentsDocument = new TypedDocumentString(`
    query UnitPayments($first: Int, $after: String, $filter: UnitPaymentFilter) {
  unitPayments(first: $first, after: $after, filter: $filter) {
    totalCount
    totalAmountFen
    totalInvoiceCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        collectedAt
        amountFen
        invoiceCount
        itemsSummary
        remittanceStatus
        remittedAt
        remittanceConfirmedAt
        office {
          name
        }
        unit {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitPaymentsQuery, UnitPaymentsQueryVariables>;
export const OfficeAccountDocument = new TypedDocumentString(`
    query OfficeAccount($officeId: ID) {
  officeAccount(officeId: $officeId) {
    office {
      name
    }
    collectedFen
    inTransitFen
    prepaidFen
  }
}
    `) as unknown as TypedDocumentString<OfficeAccountQuery, OfficeAccountQueryVariables>;
export const ReviewQueuesDocument = new TypedDocumentString(`
    query ReviewQueues($withBadgeChanges: Boolean!) {
  domainReviewQueueSummary {
    pending
    overThreeDays
    oldestSubmittedAt
  }
  siteApplicationReviewQueue(first: 0) {
    totalCount
  }
  badgeChangeReviewQueue(first: 0) @include(if: $withBadgeChanges) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<ReviewQueuesQuery, ReviewQueuesQueryVariables>;
export const DomainReviewQueueDocument = new TypedDocumentString(`
    query DomainReviewQueue($first: Int, $after: String) {
  domainReviewQueue(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        fullName
        status
        years
        version
        awaitingReviewSince
        unit {
          name
          region {
            fullName
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DomainReviewQueueQuery, DomainReviewQueueQueryVariables>;
export const SiteApplicationReviewQueueDocument = new TypedDocumentString(`
    query SiteApplicationReviewQueue($first: Int, $after: String) {
  siteApplicationReviewQueue(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        serialNumber
        kind
        status
        siteName
        submittedAt
        version
        unit {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SiteApplicationReviewQueueQuery, SiteApplicationReviewQueueQueryVariables>;
export const SiteApplicationsDocument = new TypedDocumentString(`
    query SiteApplications($first: Int, $after: String, $filter: SiteApplicationFilter) {
  siteApplications(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        serialNumber
        status
        siteName
        englishDomain
        submittedAt
        unit {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SiteApplicationsQuery, SiteApplicationsQueryVariables>;
export const ReviewDomainDocument = new TypedDocumentString(`
    mutation ReviewDomain($input: ReviewDomainInput!) {
  reviewDomain(input: $input) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<ReviewDomainMutation, ReviewDomainMutationVariables>;
export const RegionStatisticsSummaryDocument = new TypedDocumentString(`
    query RegionStatisticsSummary($regionCode: String, $from: DateTime, $to: DateTime) {
  regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
    region {
      code
      name
    }
    units {
      total
    }
    domains {
      total
      byStatus {
        key
        count
      }
      expiringWithin30Days
    }
    fees {
      collectedFen
      chargedFen
    }
    invoices {
      stock
      issued
      issuedAmountFen
    }
    reviews {
      overdueDomainApplications
      overdueSiteApplications
    }
    children {
      region {
        code
        name
      }
      units {
        total
      }
      domains {
        total
      }
      fees {
        collectedFen
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RegionStatisticsSummaryQuery, RegionStatisticsSummaryQueryVariables>;
export const RegionalStatisticsDocument = new TypedDocumentString(`
    query RegionalStatistics($regionCode: String, $from: DateTime, $to: DateTime) {
  units(regionCode: $regionCode, first: 0) {
    totalCount
  }
  allDomains: domains(filter: {regionCode: $regionCode}, first: 0) {
    totalCount
  }
  pendingReview: domains(
    filter: {regionCode: $regionCode, statuses: [PENDING_OFFICE_REVIEW, OFFICE_APPROVED]}
    first: 0
  ) {
    totalCount
  }
  awaitingPayment: domains(
    filter: {regionCode: $regionCode, statuses: [CONAC_APPROVED]}
    first: 0
  ) {
    totalCount
  }
  registered: domains(
    filter: {regionCode: $regionCode, statuses: [REGISTERED]}
    first: 0
  ) {
    totalCount
  }
  payments: unitPayments(
    filter: {regionCode: $regionCode, from: $from, to: $to}
    first: 0
  ) {
    totalCount
    totalAmountFen
    totalInvoiceCount
  }
  invoices: unitInvoices(
    filter: {regionCode: $regionCode, from: $from, to: $to}
    first: 0
  ) {
    totalCount
    totalAmountFen
    totalSheets
  }
}
    `) as unknown as TypedDocumentString<RegionalStatisticsQuery, RegionalStatisticsQueryVariables>;
export const ProvinceCoordinationDocument = new TypedDocumentString(`
    query ProvinceCoordination($regionCode: String, $from: DateTime, $to: DateTime) {
  provinceCoordination(regionCode: $regionCode, from: $from, to: $to) {
    province {
      code
      name
    }
    totals {
      collectionCount
      collectedFen
      remittedFen
      confirmedFen
      officePrepaidFen
      invoicedFen
      rewardFen
    }
    rows {
      office {
        name
        level
      }
      collectionCount
      collectedFen
      officeCollectedFen
      officeInTransitFen
      officePrepaidFen
      invoiceStock
      rewardFen
    }
  }
}
    `) as unknown as TypedDocumentString<ProvinceCoordinationQuery, ProvinceCoordinationQueryVariables>;
export const UnitsDocument = new TypedDocumentString(`
    query Units($first: Int, $after: String, $regionCode: String, $search: String) {
  units(first: $first, after: $after, regionCode: $regionCode, search: $search) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        creditCode
        type
        systemCategory
        status
        createdAt
        region {
          code
          fullName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitsQuery, UnitsQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    displayName
    role
    office {
      id
      name
      level
      region {
        code
        fullName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;