'use client'
// 单位信息 (unit): the unit's registered facts; 「申请变更」 opens a form with only the changeable facts (the region is
// not one: moving a unit changes its office); a waiting request shows before → after with 撤回; the history lists
// every decided request with the office's decision. The facts change only when the same-level office approves.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { UNIT_TYPE_LABELS, SYSTEM_CATEGORY_LABELS } from '@/components/labels'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { UnitChangeForm } from './UnitChangeForm'
import { UnitChangeItem } from './UnitChangeItem'
import styles from './UnitChanges.module.css'

export const UnitChange_Row = graphql(`
  fragment UnitChange_Row on UnitChangeRequest {
    id
    status
    version
    reason
    requestedAt
    requestedByName
    reviewedAt
    reviewedByName
    reviewNote
    reviewOffice {
      id
      name
    }
    changes {
      field
      before
      after
    }
  }
`)

export const UnitProfileQuery = graphql(`
  query UnitProfile($first: Int, $after: String) {
    me {
      id
      unit {
        id
        name
        type
        systemCategory
        creditCode
        region {
          code
          fullName
        }
        superiorUnitName
        functions
        address
        postcode
        version
        pendingChangeRequest {
          ...UnitChange_Row
        }
      }
    }
    # 变更记录 holds the decided requests: the waiting one is shown above it with 撤回, not listed twice.
    unitChangeRequests(first: $first, after: $after, statuses: [APPROVED, REJECTED, WITHDRAWN]) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...UnitChange_Row
        }
      }
    }
  }
`)

export const WithdrawUnitChangeMutation = graphql(`
  mutation WithdrawUnitChange($input: WithdrawUnitChangeInput!) {
    withdrawUnitChange(input: $input) {
      ...UnitChange_Row
    }
  }
`)

export function UnitProfile() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UnitProfileQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, withdraw] = useMutation(WithdrawUnitChangeMutation)
  const confirm = useConfirm()
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const unit = data?.me?.unit
  const pending = unit?.pendingChangeRequest
  const history = data?.unitChangeRequests

  async function onWithdraw(id: string, version: number) {
    const ok = await confirm({
      title: '撤回变更申请',
      message: '确定撤回这份单位信息变更申请吗？撤回后编办不再审核，单位信息保持不变。',
      confirmLabel: '撤回',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    const result = await withdraw({ input: { id, version } })
    setBusy(false)
    setMessage(
      result.error
        ? { text: describeFailure(result.error).message, error: true }
        : { text: resultMessage('withdrawUnitChange'), error: false },
    )
    reload()
  }

  if (!data) {
    return (
      <section className="panel" aria-labelledby="unit-profile-title">
        <div className="panel-head">
          <h1 id="unit-profile-title">单位信息</h1>
        </div>
        <ErrorNotice error={error} />
        {fetching && <Loading />}
      </section>
    )
  }
  if (!unit) {
    return (
      <section className="panel" aria-labelledby="unit-profile-title">
        <div className="panel-head">
          <h1 id="unit-profile-title">单位信息</h1>
        </div>
        <EmptyState>本账号未关联单位</EmptyState>
      </section>
    )
  }

  return (
    <section className="panel" aria-labelledby="unit-profile-title" data-testid="unit-profile">
      <div className="panel-head">
        <h1 id="unit-profile-title">单位信息</h1>
        {!pending && !editing && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setEditing(true)
              setMessage(null)
            }}
          >
            申请变更
          </button>
        )}
      </div>
      <ResultNotice result={message} testId="unit-profile-result" />
      <ErrorNotice error={error} />
      <dl className="facts" data-testid="unit-facts">
        <div className="wide">
          <dt>单位名称</dt>
          <dd>{unit.name}</dd>
        </div>
        <div>
          <dt>单位类型</dt>
          <dd>{UNIT_TYPE_LABELS[unit.type]}</dd>
        </div>
        <div>
          <dt>系统类别</dt>
          <dd>{SYSTEM_CATEGORY_LABELS[unit.systemCategory]}</dd>
        </div>
        <div>
          <dt>统一社会信用代码</dt>
          <dd className="mono">{unit.creditCode}</dd>
        </div>
        <div>
          <dt>所属区域</dt>
          <dd>{unit.region.fullName}</dd>
        </div>
        <div className="wide">
          <dt>单位地址</dt>
          <dd data-testid="unit-address">{unit.address}</dd>
        </div>
        <div>
          <dt>邮政编码</dt>
          <dd>{unit.postcode}</dd>
        </div>
        <div>
          <dt>上级主管单位</dt>
          <dd>{unit.superiorUnitName || '（未填写）'}</dd>
        </div>
        <div className="wide">
          <dt>开办主体职能</dt>
          <dd className={styles.note}>{unit.functions || '（未填写）'}</dd>
        </div>
      </dl>

      {editing && !pending && (
        <UnitChangeForm
          unit={unit}
          onCancel={() => setEditing(false)}
          onFiled={() => {
            setEditing(false)
            setMessage({ text: resultMessage('requestUnitChange'), error: false })
            reload()
          }}
        />
      )}

      {pending && (
        <div className={styles.section} data-testid="unit-change-pending">
          <h2 className={styles.sectionTitle}>待审核的变更申请</h2>
          <p className="muted">由{pending.reviewOffice.name}审核，审核通过后单位信息和网站标识核验页同步更新。</p>
          <ul className={styles.list}>
            <UnitChangeItem request={pending}>
              <div className={styles.actions}>
                <button
                  type="button"
                  className="button button-light"
                  disabled={busy}
                  onClick={() => onWithdraw(pending.id, pending.version)}
                >
                  撤回申请
                </button>
              </div>
            </UnitChangeItem>
          </ul>
        </div>
      )}

      <div className={styles.section}>
        <h2 className={styles.sectionTitle} id="unit-change-history-title">
          变更记录
        </h2>
        {!history || history.edges.length === 0 ? (
          <EmptyState testId="unit-change-history-empty">暂无单位信息变更记录</EmptyState>
        ) : (
          <ul className={styles.list} aria-labelledby="unit-change-history-title" data-testid="unit-change-history">
            {history.edges.map(({ node }) => (
              <UnitChangeItem key={node.id} request={node} />
            ))}
          </ul>
        )}
        {history && <ConnectionPager pages={pages} pageInfo={history.pageInfo} />}
      </div>
    </section>
  )
}
