// 审核记录 of one site application (every decision, oldest first, kept across resubmissions) and the state of its
// paper materials (书面材料).
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import type { SiteApplication_DetailFragment } from '@/graphql/generated/graphql'
import { REVIEW_LEVEL_TEXT, REVIEW_RESULT_TEXT } from './format'

type App = SiteApplication_DetailFragment

export function ReviewHistory({ decisions, showReviewer }: { decisions: App['reviewDecisions']; showReviewer?: boolean }) {
  if (decisions.length === 0) return <p className="empty">暂无审核记录</p>
  return (
    <TableScroll label="审核记录">
      <table className="table" data-testid="site-review-history">
        <thead>
          <tr>
            <th scope="col">审核环节</th>
            <th scope="col">结果</th>
            <th scope="col">原因/意见</th>
            <th scope="col">审核机构</th>
            {showReviewer && <th scope="col">审核人</th>}
            <th scope="col">时间</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((decision) => (
            <tr key={decision.id}>
              <td>{REVIEW_LEVEL_TEXT[decision.level]}</td>
              <td>
                <span className={decision.result === 'APPROVED' ? 'status status-ok' : 'status status-off'}>{REVIEW_RESULT_TEXT[decision.result]}</span>
              </td>
              <td className="table-wrap-cell">{decision.reason ?? '—'}</td>
              <td className="table-wrap-cell">{decision.office.name}</td>
              {showReviewer && <td>{decision.reviewerName}</td>}
              <td>{formatDateTime(decision.decidedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

const yesNo = (value: boolean) => (value ? '已收到' : '未收到')

export function PaperStatus({ paper }: { paper: NonNullable<App['paperSubmission']> }) {
  return (
    <dl className="facts" data-testid="site-paper-status">
      <div>
        <dt>加盖公章的申请函</dt>
        <dd>{yesNo(paper.letterReceived)}</dd>
      </div>
      <div>
        <dt>申请表</dt>
        <dd>
          已收到 {paper.formCopiesReceived} 份 / 需 {paper.copiesRequired} 份
        </dd>
      </div>
      <div>
        <dt>经办人身份证复印件</dt>
        <dd>{yesNo(paper.idCopyReceived)}</dd>
      </div>
      <div>
        <dt>登记时间</dt>
        <dd>{formatDateTime(paper.receivedAt)}</dd>
      </div>
      <div className="wide">
        <dt>缺件说明</dt>
        <dd>{paper.missingNote ?? '—'}</dd>
      </div>
      <div>
        <dt>确认时间</dt>
        <dd>{paper.confirmedAt ? formatDateTime(paper.confirmedAt) : '尚未确认'}</dd>
      </div>
    </dl>
  )
}
