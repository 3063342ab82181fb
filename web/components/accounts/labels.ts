// The words 用户管理 shows for roles and account states.
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import type { OfficeRole, UnitUserRole, UserStatus } from '@/graphql/generated/graphql'

export const ALL_ROLES = Object.keys(OFFICE_ROLE_LABELS) as OfficeRole[]

export const STATUS_LABELS: Record<UserStatus, string> = {
  PENDING_ACTIVATION: '待激活',
  ACTIVE: '正常',
  DISABLED: '已停用',
}

export const UNIT_ROLE_LABELS: Record<UnitUserRole, string> = { PRIMARY: '主账号', DEPUTY: '其他用户' }
