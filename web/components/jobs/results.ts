// A job run's result summary (JSON of counts, written by each job) as Chinese text for the jobs page.
// Relative, not '@/': the API tests (tests/api/jobs.test.ts) import this module too.
import { formatYuan } from '../ui/format'

/** Chinese labels of the keys jobs put in their result summary. */
const RESULT_LABELS: Record<string, string> = {
  charged: '扣费成功',
  skipped: '未扣',
  already: '已扣',
  chargedFen: '扣费金额',
  // 标识安装检测 (modules/installChecks): while it runs, also how far it is.
  total: '应检测',
  sites: '网站',
  checked: '检测',
  found: '已安装',
  missing: '未找到',
  failed: '无法访问',
  etaSeconds: '预计剩余秒数',
  overdue: '逾期未安装',
  notified: '已提醒',
  notifications: '发出通知',
  domains: '提醒域名',
  expired: '已到期',
  within1: '1 天内到期',
  within7: '7 天内到期',
  within30: '30 天内到期',
  waiting: '超时申请',
  escalations: '上报',
  siteApplications: '网站申请',
  paper: '书面材料',
  badgeChanges: '标识变更',
  offices: '编办',
  staff: '工作人员',
  // 域名到期处理 (modules/lifecycle)
  movedDomains: '变更状态的域名',
  grace: '进入宽限期',
  redemption: '进入赎回期',
  deleted: '删除',
  released: '名称释放',
  waitingForCharge: '已收费待扣费暂缓',
  movedOn: '已被其他操作变更',
  // 迁移账号认领通知 (modules/migration/claim)
  invited: '已发送认领通知',
  deferred: '手机号发送受限暂缓',
  notYetInvited: '尚未通知',
  stoppedBy: '提前停止',
  // 简繁变体补留 (modules/domainNames/backfill)
  scanned: '检查的域名',
  reserved: '保留的简繁变体',
  lastDomainId: '检查到的域名编号',
}

/** Jobs write money as integer fen under a key ending in Fen (chargedFen); the page shows yuan like everywhere else. */
const isFen = (key: string) => key.endsWith('Fen')

/** The JSON summary of a run as 键：值 text. */
export function describeResult(result: string | null | undefined): string {
  if (!result) return '—'
  try {
    const parsed = JSON.parse(result) as Record<string, unknown>
    const parts = Object.entries(parsed)
      .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
      .map(([key, value]) => `${RESULT_LABELS[key] ?? key} ${isFen(key) ? `${formatYuan(value)} 元` : value}`)
    return parts.length ? parts.join('，') : '—'
  } catch {
    return result
  }
}
