// The state of a site application's paper materials (书面材料) as its same-level office recorded them.
import { formatDateTime } from '@/components/ui/format'
import type { SiteApplication_DetailFragment } from '@/graphql/generated/graphql'

type App = SiteApplication_DetailFragment

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
