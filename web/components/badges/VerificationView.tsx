// 网站标识核验: the public facts of one badge, for anybody who clicked it on a site. Only what the API makes
// public (no personal data of principal or handler, no IP).
import type { ReactNode } from 'react'
import { BADGE_PLACEMENT_LABELS, BADGE_STATUS_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import type { BadgeFacts } from './publicData'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate } from '@/components/ui/format'

export function VerificationView({ badgeNumber, facts }: { badgeNumber: string; facts: BadgeFacts | null }) {
  return (
    <section className="panel badge-verify" aria-labelledby="badge-verify-title">
      <div className="panel-head">
        <h1 id="badge-verify-title">网站标识核验</h1>
        <span className="panel-meta">
          标识编号 <strong className="mono">{badgeNumber}</strong>
        </span>
      </div>
      {!facts ? (
        <p className="badge-banner badge-banner-warning" role="alert" data-testid="badge-not-found">
          <span className="badge-banner-icon" aria-hidden="true">
            !
          </span>
          <span>
            未找到编号为 <span className="mono">{badgeNumber}</span> 的网站标识
            <span className="badge-banner-note">请核对标识编号。该网站可能未通过网站开办审核，请谨慎访问。</span>
          </span>
        </p>
      ) : (
        <>
          {facts.status === 'CANCELLED' ? (
            <p className="badge-banner badge-banner-warning" role="alert" data-testid="badge-cancelled">
              <span className="badge-banner-icon" aria-hidden="true">
                !
              </span>
              <span>
                该网站标识已注销
                {facts.cancelledAt && (
                  <span className="badge-banner-note">注销日期：{formatDate(facts.cancelledAt)}</span>
                )}
              </span>
            </p>
          ) : (
            <p className="badge-banner badge-banner-valid" role="status" data-testid="badge-active">
              <span className="badge-banner-icon" aria-hidden="true">
                ✓
              </span>
              <span>经核验，该网站已通过机构编制部门网站开办审核，网站标识有效</span>
            </p>
          )}
          <div className="badge-verify-body">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              className="badge-verify-image"
              src={`/badge/${facts.badgeNumber}.svg`}
              alt={`${UNIT_TYPE_LABELS[facts.unitType]}网站标识`}
              width={120}
              height={150}
            />
            <TableScroll labelledBy="badge-verify-title">
              <table className="table badge-facts" data-testid="badge-facts">
                <tbody>
                  <Row label="标识编号" value={<span className="mono">{facts.badgeNumber}</span>} />
                  <Row label="标识状态" value={BADGE_STATUS_LABELS[facts.status]} />
                  <Row label="开办主体" value={facts.unitName} />
                  {facts.reorganisation && (
                    <Row
                      label="机构改革"
                      value={
                        <span data-testid="badge-reorganisation">
                          原单位 {facts.reorganisation.formerUnitName}，{facts.reorganisation.effectiveDate}
                          {REORGANISATION_TEXT[facts.reorganisation.kind] ?? ''}
                        </span>
                      }
                    />
                  )}
                  <Row label="单位类型" value={UNIT_TYPE_LABELS[facts.unitType]} />
                  <Row label="单位地址" value={facts.address} />
                  <Row label="开办主体职能" value={facts.functions || '—'} />
                  <Row label="网站名称" value={facts.siteName} />
                  <Row label="中文域名" value={facts.chineseDomains.length ? facts.chineseDomains.join('、') : '—'} />
                  <Row label="英文域名" value={facts.englishDomain ?? '—'} />
                  <Row label="挂标位置" value={BADGE_PLACEMENT_LABELS[facts.placement]} />
                  <Row label="颁发机构" value={facts.issuer} />
                  <Row label="发放日期" value={formatDate(facts.issuedAt)} />
                  {facts.cancelledAt && <Row label="注销日期" value={formatDate(facts.cancelledAt)} />}
                </tbody>
              </table>
            </TableScroll>
          </div>
        </>
      )}
    </section>
  )
}

/** How the former unit became the one shown (the API names the kind). */
const REORGANISATION_TEXT: Record<string, string> = {
  RENAME: ' 更名',
  MERGE: ' 合并',
  SPLIT: ' 拆分',
  ABOLISH: ' 撤销后划转',
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="table-wrap-cell">{value}</td>
    </tr>
  )
}
