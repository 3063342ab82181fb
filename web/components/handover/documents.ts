// 经办人交接's documents shared by the unit's page (/unit/handover) and the office's 单位账号管理 (/office/units).
import { graphql } from '@/graphql/generated'

/** What the pending-handover panel shows (PendingHandover). */
export const PendingHandoverFields = graphql(`
  fragment PendingHandover_Handover on UnitHandover {
    id
    unitId
    unitName
    status
    expired
    newName
    newMobile
    newEmail
    newIdNumber
    startedByName
    createdAt
    expiresAt
    canCancel
  }
`)

export const StartHandoverDocument = graphql(`
  mutation StartHandover($input: StartHandoverInput!) {
    startHandover(input: $input) {
      ...PendingHandover_Handover
    }
  }
`)

export const CancelHandoverDocument = graphql(`
  mutation CancelHandover($id: ID!) {
    cancelHandover(id: $id)
  }
`)
