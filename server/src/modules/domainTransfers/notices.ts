// Who hears about a 过户: the approving offices' staff when it is filed, both units at every outcome.
import type { Prisma } from '../../generated/prisma/client.ts'
import type { NotificationDraft } from '../../lib/outbox.ts'
import { staffNotices, unitContactNotices } from '../notifications/drafts.ts'
import type { NotificationParams, NotificationTemplateName } from '../notifications/templates.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { contactOf, type TransferUnit } from './targets.ts'

type Tx = Prisma.TransactionClient

export const paramsOf = (
  domain: { name: string; suffix: 'ZHENGWU' | 'GONGYI' },
  fromUnit: { name: string },
  toUnit: { name: string },
): NotificationParams => ({ domain: fullNameOf(domain), unit: fromUnit.name, toUnit: toUnit.name })

/** Staff of every office in the chain (CONAC's by role), one IN_APP notice each. */
export async function approverNotices(
  tx: Tx,
  offices: readonly { regionCode: string; level: string }[],
  params: NotificationParams,
  requestId: number,
): Promise<NotificationDraft[]> {
  const drafts: NotificationDraft[] = []
  for (const office of offices)
    drafts.push(
      ...(await staffNotices(
        tx,
        office.level === 'CENTRAL' ? 'conac' : { sameLevelOfficeOf: office.regionCode },
        'domainTransfer.awaitingApproval',
        params,
        { key: `domain-transfer:${requestId}:${office.regionCode}`, payload: { domainTransferId: requestId } },
      )),
    )
  return drafts
}

/** One outcome to both units (SMS, email, in the portal). */
export function bothUnitsNotices(
  fromUnit: TransferUnit,
  toUnit: TransferUnit,
  template: NotificationTemplateName,
  params: NotificationParams,
  requestId: number,
): NotificationDraft[] {
  const options = { key: `domain-transfer:${requestId}:${template}`, payload: { domainTransferId: requestId } }
  return [
    ...unitContactNotices(contactOf(fromUnit), template, params, { ...options, key: `${options.key}:from` }),
    ...unitContactNotices(contactOf(toUnit), template, params, { ...options, key: `${options.key}:to` }),
  ]
}
