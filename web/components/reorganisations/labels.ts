// 机构改革: the words for kinds, statuses, object types and actions.
import type {
  ReorganisationAction,
  ReorganisationKind,
  ReorganisationStatus,
  ReorganisedObjectType,
} from '@/graphql/generated/graphql'
import type { StatusTone } from '@/components/ui/StatusTag'

export const KIND_LABELS: Record<ReorganisationKind, string> = {
  RENAME: '更名',
  MERGE: '合并',
  SPLIT: '拆分',
  ABOLISH: '撤销',
}

export const KIND_HELP: Record<ReorganisationKind, string> = {
  RENAME: '一个单位更改名称，单位及其域名、网站标识、用户保持不变。',
  MERGE: '两个以上单位合并为一个新设单位，或由其中一个单位吸收其他单位。',
  SPLIT: '一个单位拆分为两个以上单位，各对象分别划转。',
  ABOLISH: '撤销单位，其对象注销或划转到指定单位。',
}

export const STATUS_LABELS: Record<ReorganisationStatus, string> = {
  PENDING: '待审核',
  APPROVED: '审核通过',
  REJECTED: '审核未通过',
  WITHDRAWN: '已撤回',
  CARRIED_OUT: '已实施',
}

export const STATUS_TONES: Record<ReorganisationStatus, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
  CARRIED_OUT: 'ok',
}

export const OBJECT_LABELS: Record<ReorganisedObjectType, string> = {
  DOMAIN: '域名',
  BADGE: '网站标识',
  SITE_APPLICATION: '网站开办申请',
  MICRO_SITE: '微网站',
  USER: '用户',
}

export const ACTION_LABELS: Record<ReorganisationAction, string> = { MOVE: '划转', CANCEL: '注销' }
