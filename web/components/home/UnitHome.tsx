// 单位首页: what the unit has to do (its domains, site applications and badges, UnitWork.tsx), then its own
// details as registered.
import { SYSTEM_CATEGORY_LABELS, UNIT_STATUS_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { StatusTag } from '@/components/ui/StatusTag'
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { UnitHomeQuery as UnitHomeData } from '@/graphql/generated/graphql'
import { ProfileHeader } from './ProfileHeader'
import { UnitWork } from './UnitWork'

export const UnitHomeQuery = graphql(`
  query UnitHome {
    me {
      id
      ...ProfileHeader_User
      unit {
        id
        name
        type
        systemCategory
        creditCode
        superiorUnitName
        address
        postcode
        handlerName
        handlerMobile
        handlerEmail
        landline
        status
      }
    }
    ...UnitWork_Query
  }
`)

export function UnitHome({ data, now }: { data: UnitHomeData; now: number }) {
  const me = data.me
  if (!me) return null
  const unit = me.unit
  return (
    <>
      <ProfileHeader user={me} title="单位首页" />
      <UnitWork data={data} now={now} />
      {unit ? (
        <section className="panel" aria-labelledby="unit-info-title">
          <div className="panel-head">
            <h2 id="unit-info-title">单位信息</h2>
            <StatusTag tone={unit.status === 'ACTIVE' ? 'ok' : 'neutral'}>{UNIT_STATUS_LABELS[unit.status]}</StatusTag>
          </div>
          <dl className="facts">
            <div>
              <dt>单位类型</dt>
              <dd data-testid="unit-type">{UNIT_TYPE_LABELS[unit.type]}</dd>
            </div>
            <div>
              <dt>系统类别</dt>
              <dd>{SYSTEM_CATEGORY_LABELS[unit.systemCategory]}</dd>
            </div>
            <div>
              <dt>统一社会信用代码</dt>
              <dd className="mono" data-testid="credit-code">
                {unit.creditCode}
              </dd>
            </div>
            <div>
              <dt>上级主管单位</dt>
              <dd>{unit.superiorUnitName || '—'}</dd>
            </div>
            <div className="wide">
              <dt>单位地址</dt>
              <dd data-testid="unit-address">
                {unit.address}
                {unit.postcode ? `（邮编 ${unit.postcode}）` : ''}
              </dd>
            </div>
            <div className="wide">
              <dt>经办人</dt>
              <dd data-testid="unit-handler">
                <span>{unit.handlerName}</span>
                <span className="muted">
                  {[unit.handlerMobile, unit.landline, unit.handlerEmail].filter(Boolean).join(' · ')}
                </span>
              </dd>
            </div>
          </dl>
        </section>
      ) : (
        <EmptyState>未找到本账号所属的单位信息，请联系所在地编办。</EmptyState>
      )}
    </>
  )
}
