// 我的域名: what happens next to a domain after expiry and when, in the unit's words (the API's nextLifecycleStep
// says which state comes next and from when; the job moves the domain at 02:00 Beijing time after that instant).
import type { DomainStatus } from '@/graphql/generated/graphql'
import { formatDate } from '@/components/ui/format'

const DAY_MS = 86_400_000
/** A registered domain gets its note this many days before expiry (the reminders start at 30 days too). */
const NOTE_BEFORE_EXPIRY_DAYS = 30

export interface LifecycleNote {
  text: string
  /** urgent: the domain no longer resolves or is about to stop. */
  tone: 'info' | 'warn' | 'error'
}

export function lifecycleNote(
  status: DomainStatus,
  expiresAt: string | null | undefined,
  next: { status: DomainStatus; at: string } | null | undefined,
  now: number,
): LifecycleNote | null {
  const at = next ? formatDate(next.at) : ''
  switch (status) {
    case 'REGISTERED':
    case 'EXPIRED': {
      if (!expiresAt) return null
      const expiry = new Date(expiresAt).getTime()
      if (expiry <= now) return { text: '已到期，即将进入宽限期，请尽快续费', tone: 'warn' }
      if (expiry - now > NOTE_BEFORE_EXPIRY_DAYS * DAY_MS) return null
      return { text: `${formatDate(expiresAt)} 到期；到期后有宽限期，期间解析照常，请及时续费`, tone: 'info' }
    }
    case 'GRACE':
      return { text: `宽限期至 ${at}，解析照常；请尽快续费，逾期将停止解析，只能通过编办续费`, tone: 'warn' }
    case 'REDEMPTION':
      return { text: `赎回期，已停止解析；请于 ${at} 前到同级编办办理续费，逾期域名将被删除`, tone: 'error' }
    case 'DELETED':
      return { text: `已删除，不能续费；名称保留至 ${at}，之后可被重新申请`, tone: 'info' }
    case 'RELEASED':
      return { text: '已删除，名称已释放，可重新申请', tone: 'info' }
    default:
      return null
  }
}
