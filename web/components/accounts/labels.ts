// The words 用户管理 shows for roles and account states.
import type { OfficeRole, UnitUserRole, UserStatus } from '@/graphql/generated/graphql'

export const ROLE_LABELS: Record<OfficeRole, string> = { ADMIN: '管理员', REVIEWER: '审核员', FINANCE: '财务' }
export const ALL_ROLES = Object.keys(ROLE_LABELS) as OfficeRole[]

export const STATUS_LABELS: Record<UserStatus, string> = {
  PENDING_ACTIVATION: '待激活',
  ACTIVE: '正常',
  DISABLED: '已停用',
}

export const UNIT_ROLE_LABELS: Record<UnitUserRole, string> = { PRIMARY: '主账号', DEPUTY: '其他用户' }
