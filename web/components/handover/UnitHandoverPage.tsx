'use client'
// 经办人交接 (/unit/handover): the unit's primary account names the new handler (name, mobile, email, ID number); the
// new handler completes it on their own device with the emailed link and the SMS code to the new mobile
// (/handover?token=…). While it waits the page shows it with 取消交接; below, every handover of the unit.
import Link from 'next/link'
import { useState } from 'react'
import { useQuery } from 'urql'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { graphql } from '@/graphql/generated'
import type { UnitHandoverPageQuery as PageResult } from '@/graphql/generated/graphql'
import styles from './handover.module.css'
import { HandlerFacts } from './HandlerFacts'
import { PendingHandover } from './PendingHandover'
import { StartHandoverForm } from './StartHandoverForm'

const UnitHandoverPageQuery = graphql(`
  query UnitHandoverPage {
    me {
      id
      unitRole
    }
    myUnitContacts {
      unitId
      unitName
      handlerName
      handlerMobile
      handlerEmail
    }
    unitHandovers {
      ...PendingHandover_Handover
      oldName
      oldMobile
      completedAt
      cancelledAt
    }
  }
`)

type Handover = PageResult['unitHandovers'][number]

function statusOf(handover: Handover): { tone: StatusTone; label: string } {
  if (handover.status === 'COMPLETED') return { tone: 'ok', label: '已完成' }
  if (handover.status === 'CANCELLED') return { tone: 'neutral', label: '已取消' }
  return handover.expired ? { tone: 'neutral', label: '已过期' } : { tone: 'warn', label: '待新经办人确认' }
}

export function UnitHandoverPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: UnitHandoverPageQuery })
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const [result, setResult] = useState<ActionResult | null>(null)

  if (!data) {
    return (
      <section className="panel reg-form" aria-labelledby="handover-title">
        <div className="panel-head">
          <h1 id="handover-title">经办人交接</h1>
        </div>
        <ErrorNotice error={error} />
        {fetching && <Loading />}
      </section>
    )
  }
  const contacts = data.myUnitContacts
  const primary = data.me?.unitRole === 'PRIMARY'
  const pending = data.unitHandovers.find((handover) => handover.status === 'PENDING' && !handover.expired)
  return (
    <>
      <section className="panel reg-form" aria-labelledby="handover-title" data-testid="handover-page">
        <div className="panel-head">
          <h1 id="handover-title">经办人交接</h1>
          <span className="panel-meta">{contacts.unitName}</span>
        </div>
        <p className="reg-help">
          {'经办人离职或更换时，由单位主账号在此登记新经办人。系统向新经办人的邮箱发送确认链接、向其手机发送验证码；' +
            '新经办人在自己的设备上打开链接，输入验证码并设置新密码后交接完成。单位登录名、域名和历史记录保持不变，' +
            '原经办人的所有登录将立即退出，新旧经办人都会收到通知。'}
        </p>
        <HandlerFacts
          label="现经办人"
          name={contacts.handlerName}
          mobile={contacts.handlerMobile}
          email={contacts.handlerEmail}
          nameTestId="current-handler"
        />
        <ResultNotice result={result} testId="handover-result" />
        {!primary ? (
          <p className="notice" data-testid="handover-primary-only">
            经办人交接需由单位主账号办理。
          </p>
        ) : pending ? (
          <PendingHandover handover={pending} onDone={(next) => (setResult(next), reload())} />
        ) : (
          <StartHandoverForm onStarted={(next) => (setResult(next), reload())}>
            <Link href="/unit/contacts">变更联系人</Link>
          </StartHandoverForm>
        )}
      </section>
      <HandoverHistory handovers={data.unitHandovers} />
    </>
  )
}

function HandoverHistory({ handovers }: { handovers: Handover[] }) {
  return (
    <section className={`panel reg-form ${styles.history}`} aria-labelledby="handover-history-title">
      <div className="panel-head">
        <h2 id="handover-history-title">交接记录</h2>
      </div>
      {handovers.length === 0 ? (
        <EmptyState testId="handover-history-empty">本单位尚无经办人交接记录。</EmptyState>
      ) : (
        <TableScroll labelledBy="handover-history-title">
          <table className="table" data-testid="handover-history">
            <thead>
              <tr>
                <th scope="col">发起时间</th>
                <th scope="col">原经办人</th>
                <th scope="col">新经办人</th>
                <th scope="col">新手机</th>
                <th scope="col">发起人</th>
                <th scope="col">状态</th>
                <th scope="col">完成/取消时间</th>
              </tr>
            </thead>
            <tbody>
              {handovers.map((handover) => {
                const status = statusOf(handover)
                return (
                  <tr key={handover.id}>
                    <td>{formatDateTime(handover.createdAt)}</td>
                    <td>{handover.oldName}</td>
                    <td>{handover.newName}</td>
                    <td className="mono">{handover.newMobile}</td>
                    <td>{handover.startedByName}</td>
                    <td>
                      <StatusTag tone={status.tone}>{status.label}</StatusTag>
                    </td>
                    <td>{formatDateTime(handover.completedAt ?? handover.cancelledAt) || '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
