// The application as submitted, read-only, in the order of the 申请表 (seed 004): 开办主体基本情况, 网站基本情况,
// 网站主要负责人 and 网站申请经办人. Fields changed since the last review can be marked.
import type { ReactNode } from 'react'
import { SITE_APPLICATION_KIND_LABELS, SYSTEM_CATEGORY_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import type { SiteApplication_DetailFragment } from '@/graphql/generated/graphql'
import { RevealIdNumber } from '@/components/pii/RevealIdNumber'

type App = SiteApplication_DetailFragment

function Fact({
  label,
  field,
  changed,
  wide,
  children,
}: {
  label: string
  field?: string
  changed?: Set<string>
  wide?: boolean
  children: ReactNode
}) {
  const isChanged = field != null && changed?.has(field)
  const classes = [wide ? 'wide' : '', isChanged ? 'site-changed' : ''].filter(Boolean).join(' ')
  return (
    <div className={classes || undefined} data-field={field}>
      <dt>
        {label}
        {isChanged && <span className="tag site-changed-tag">已修改</span>}
      </dt>
      <dd>{children}</dd>
    </div>
  )
}

const orDash = (value: string | null | undefined) => (value && value.trim() ? value : '—')

export function SiteApplicationFacts({ app, changed }: { app: App; changed?: Set<string> }) {
  return (
    <>
      <h3 className="site-section-title">开办主体基本情况</h3>
      <dl className="facts" data-testid="site-unit-facts">
        <Fact label="开办主体名称">{app.unitName}</Fact>
        <Fact label="单位类型">{UNIT_TYPE_LABELS[app.unit.type]}</Fact>
        <Fact label="上级主管单位">{orDash(app.superiorUnitName)}</Fact>
        <Fact label="系统类别">{SYSTEM_CATEGORY_LABELS[app.systemCategory]}</Fact>
        <Fact label="开办主体职能" wide>
          {orDash(app.unitFunctions)}
        </Fact>
        <Fact label="通讯地址">{app.address}</Fact>
        <Fact label="邮编">{app.postcode}</Fact>
      </dl>
      <h3 className="site-section-title">网站基本情况</h3>
      <dl className="facts" data-testid="site-facts">
        <Fact label="申请类型" field="kind" changed={changed}>
          {SITE_APPLICATION_KIND_LABELS[app.kind]}
        </Fact>
        <Fact label="网站名称" field="siteName" changed={changed}>
          {orDash(app.siteName)}
        </Fact>
        <Fact label="网站简介" field="siteIntro" changed={changed} wide>
          <span className="site-intro">{orDash(app.siteIntro)}</span>
        </Fact>
        <Fact label="中文域名" field="chineseDomainId" changed={changed}>
          {app.chineseDomain?.fullName ?? '—'}
        </Fact>
        <Fact label="英文域名" field="englishDomain" changed={changed}>
          {app.useMicroSite ? '使用网络红页（不填写英文域名）' : orDash(app.englishDomain)}
        </Fact>
        <Fact label="使用网络红页" field="useMicroSite" changed={changed}>
          {app.useMicroSite ? '是' : '否'}
        </Fact>
        <Fact label="网站 IP 地址" field="ipAddress" changed={changed}>
          {orDash(app.ipAddress)}
        </Fact>
        <Fact label="绑定域名" wide>
          {app.boundDomains.length ? app.boundDomains.map((domain) => domain.fullName).join('、') : '—'}
        </Fact>
      </dl>
      <h3 className="site-section-title">网站主要负责人</h3>
      <dl className="facts" data-testid="site-principal">
        <Fact label="姓名" field="principalName" changed={changed}>
          {orDash(app.principalName)}
        </Fact>
        <Fact label="固定电话" field="principalLandline" changed={changed}>
          {orDash(app.principalLandline)}
        </Fact>
        <Fact label="手机" field="principalMobile" changed={changed}>
          {orDash(app.principalMobile)}
        </Fact>
        <Fact label="电子邮箱" field="principalEmail" changed={changed}>
          {orDash(app.principalEmail)}
        </Fact>
      </dl>
      <h3 className="site-section-title">网站申请经办人</h3>
      <dl className="facts" data-testid="site-handler">
        <Fact label="姓名" field="handlerName" changed={changed}>
          {orDash(app.handlerName)}
        </Fact>
        <Fact label="固定电话" field="handlerLandline" changed={changed}>
          {orDash(app.handlerLandline)}
        </Fact>
        <Fact label="手机" field="handlerMobile" changed={changed}>
          {orDash(app.handlerMobile)}
        </Fact>
        <Fact label="电子邮箱" field="handlerEmail" changed={changed}>
          {orDash(app.handlerEmail)}
        </Fact>
        <Fact label="身份证号" field="handlerIdNumber" changed={changed}>
          <RevealIdNumber subject="SITE_APPLICATION" id={app.id} masked={app.handlerIdNumber || null} />
        </Fact>
      </dl>
      <p className="reg-help site-public-note">
        注：除网站主要负责人、网站申请经办人的个人信息外，申请表所列信息均可向社会公开。
      </p>
    </>
  )
}
