'use client'
// 经办人交接 started by an office (单位账号管理, /office/units): when a unit's handler has left and nobody can sign
// in to its primary account, the 管理员 of its same-level office names the new handler for it. The rows that offer it
// are those the API says the viewer may hand over (ManagedAccount.canStartHandover); the panel above the list holds
// the unit's form, or its pending handover with 取消交接 (the starter's, cancelHandover). Resending the SMS code
// belongs to the new handler's link page (resendHandoverCode takes the link), so the panel says so.
import { useEffect, useMemo, useRef, useState } from 'react'
import { useQuery } from 'urql'
import { ResultNotice, type ActionResult } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import styles from './handover.module.css'
import { PendingHandover, type PendingHandoverView } from './PendingHandover'
import { StartHandoverForm } from './StartHandoverForm'

const OfficeUnitHandoversQuery = graphql(`
  query OfficeUnitHandovers {
    unitHandovers {
      ...PendingHandover_Handover
    }
  }
`)

// A handover just started must show even when the office had none before (no row to invalidate).
const HANDOVERS_CONTEXT = { additionalTypenames: ['UnitHandover'] }

/** The office's handovers that wait for their new handler, by unit id (lapsed ones no longer hold the unit). */
export function usePendingHandovers(pause: boolean) {
  const [{ data }, refetch] = useQuery({ query: OfficeUnitHandoversQuery, pause, context: HANDOVERS_CONTEXT })
  const byUnit = useMemo(() => {
    const pending = new Map<string, PendingHandoverView>()
    for (const handover of data?.unitHandovers ?? [])
      if (handover.status === 'PENDING' && !handover.expired && !pending.has(handover.unitId))
        pending.set(handover.unitId, handover)
    return pending
  }, [data])
  return { byUnit, reload: () => refetch({ requestPolicy: 'network-only' }) }
}

export interface HandoverUnit {
  unitId: string
  unitName: string
  /** The handler who left (the primary account's person). */
  handlerName: string
}

/** The row's button: 经办人交接, or 交接待确认 while one waits. */
export function OfficeHandoverButton({
  unit,
  pending,
  onOpen,
}: {
  unit: HandoverUnit
  pending: boolean
  onOpen: (unit: HandoverUnit) => void
}) {
  return (
    <button
      type="button"
      className="button button-light"
      data-testid={`office-handover-${unit.unitId}`}
      onClick={() => onOpen(unit)}
    >
      {pending ? '交接待确认' : '经办人交接'}
    </button>
  )
}

export function OfficeHandoverPanel({
  unit,
  pending,
  onClose,
  onChanged,
}: {
  unit: HandoverUnit
  pending: PendingHandoverView | undefined
  onClose: () => void
  /** A handover started or cancelled: the lists reload. */
  onChanged: () => void
}) {
  const [result, setResult] = useState<ActionResult | null>(null)
  const panel = useRef<HTMLElement>(null)
  // The button that opens it sits in a row far below on a phone: bring the form into view. (The page mounts one
  // panel per unit, key = unitId, so another unit's panel starts clean.)
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }, [])
  const done = (next: ActionResult) => {
    setResult(next)
    onChanged()
  }
  const close = (
    <button type="button" className="button button-light" onClick={onClose}>
      关闭
    </button>
  )

  return (
    <section
      ref={panel}
      className={`panel reg-form ${styles.officePanel}`}
      aria-labelledby="office-handover-title"
      data-testid="office-handover-panel"
    >
      <div className="panel-head">
        <h2 id="office-handover-title">经办人交接</h2>
        <span className="panel-meta">{unit.unitName}</span>
      </div>
      <p className="reg-help">
        {`原经办人${unit.handlerName}已离职、无法登录时，由同级编办管理员为单位登记新经办人。` +
          '系统向新经办人的邮箱发送确认链接、向其手机发送验证码；新经办人设置新密码后交接完成，单位登录名不变，' +
          '原经办人的所有登录立即退出，新旧经办人都会收到通知。'}
      </p>
      <ResultNotice result={result} testId="office-handover-result" />
      {pending ? (
        <PendingHandover handover={pending} onDone={done}>
          {close}
        </PendingHandover>
      ) : (
        <StartHandoverForm unitId={unit.unitId} unitName={unit.unitName} onStarted={done}>
          {close}
        </StartHandoverForm>
      )}
    </section>
  )
}
