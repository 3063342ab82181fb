// The sets of states that the site application rules name.
import type { SiteApplicationStatus } from '../../generated/prisma/enums.ts'

/** Sent back at one of the three steps (初审, 复审, 书面材料): the unit may edit and resubmit, or withdraw. */
export const REJECTED: SiteApplicationStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED', 'PAPER_REJECTED']

/** The states in which an application holds its Chinese domain (the partial unique index site_applications_one_live_per_domain). */
export const LIVE: SiteApplicationStatus[] = [
  'PENDING_OFFICE_REVIEW',
  'PENDING_CONAC_REVIEW',
  'AWAITING_PAPER',
  'BADGE_ISSUED',
  ...REJECTED,
]
