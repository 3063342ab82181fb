// The paper step (书面材料) of 党政机关/群团机关: after CONAC's approval the unit sends a sealed letter, the form
// and the handler's ID copy to its same-level office, which records what arrived and then confirms or rejects.
import { ALL_OFFICES, type Policy } from '../../commands/policy.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { UnitType } from '../../generated/prisma/enums.ts'

type Tx = Prisma.TransactionClient

/** Who records and confirms the paper materials (targets.ts sameLevelOffice enforces the rule). */
export const PAPER_STEP_POLICY = {
  who: ALL_OFFICES,
  tokens: true,
  roles: ['REVIEWER'],
  rule: 'staff of the unit’s same-level office (同级编办) only; CONAC never is one (FORBIDDEN once the row is found)',
} as const satisfies Policy

/** 申请表一式四份 (seed 004). */
export const FORM_COPIES_REQUIRED = 4

/** 事业单位 and 社会组织 skip the paper step (seed 000). */
const NEEDS_PAPER: Record<UnitType, boolean> = {
  PARTY_GOVERNMENT: true,
  MASS_ORGANIZATION: true,
  PUBLIC_INSTITUTION: false,
  SOCIAL_ORGANIZATION: false,
}

export const needsPaperStep = (unitType: UnitType) => NEEDS_PAPER[unitType]

/** Opens the paper step; a resubmission after a paper rejection starts it over. */
export async function startPaperStep(tx: Tx, siteApplicationId: number) {
  const fresh = {
    copiesRequired: FORM_COPIES_REQUIRED,
    receivedAt: null,
    receivedById: null,
    letterReceived: false,
    formCopiesReceived: 0,
    idCopyReceived: false,
    missingNote: null,
    confirmedAt: null,
    confirmedById: null,
  }
  await tx.paperSubmission.upsert({
    where: { siteApplicationId },
    create: { siteApplicationId, ...fresh },
    update: fresh,
  })
}

type Received = { letterReceived: boolean; formCopiesReceived: number; idCopyReceived: boolean; copiesRequired: number }

/** Everything arrived: the sealed letter, every copy of the form and the ID copy. */
export const paperComplete = (paper: Received | null): boolean =>
  paper !== null && paper.letterReceived && paper.idCopyReceived && paper.formCopiesReceived >= paper.copiesRequired
