'use client'
// One site application as its unit sees it: the form while it is a draft or was rejected (with the reasons on top),
// otherwise the submitted facts; 撤回 while the office has not passed it on; from 审核通过 on, for 党政机关/群团机关,
// what to print and send to the same-level office; the badge once issued; and the review history.
import Link from 'next/link'
import { useState } from 'react'
import { useMutation } from 'urql'
import {
  BADGE_STATUS_LABELS,
  SITE_APPLICATION_KIND_LABELS,
  SITE_APPLICATION_STATUS_LABELS,
  SITE_APPLICATION_STATUS_TONES,
} from '@/components/labels'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import type { SiteApplication_DetailFragment, SiteFormContext_QueryFragment } from '@/graphql/generated/graphql'
import { WithdrawSiteApplicationMutation } from './documents'
import { ReviewHistory } from '@/components/reviews/ReviewHistory'
import { StatusTag } from '@/components/ui/StatusTag'
import { formatDateTime, formatDeadline } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { PaperStatus } from './PaperStatus'
import { SiteApplicationFacts } from './SiteApplicationFacts'
import { SiteApplicationForm, type HandlerDefaults } from './SiteApplicationForm'
import {
  describeSiteError,
  needsPaper,
  REJECTED_STATUSES,
  REVIEW_LEVEL_TEXT,
  WITHDRAWABLE_STATUSES,
  type SiteFailure,
} from './format'

type App = SiteApplication_DetailFragment

/** The printing pages (申请函 and 申请表, each as a page to print and as a PDF). */
export function printLinks(id: string) {
  const base = `/print/site-application/${id}`
  return {
    letter: `${base}/letter`,
    form: `${base}/form`,
    letterPdf: `${base}/letter.pdf`,
    formPdf: `${base}/form.pdf`,
  }
}

export function UnitSiteApplication({
  context,
  initial,
  defaults,
  showOutboxLink,
}: {
  context: SiteFormContext_QueryFragment
  initial: App | null
  defaults: HandlerDefaults | null
  showOutboxLink: boolean
}) {
  const [app, setApp] = useState<App | null>(initial)
  const [notice, setNotice] = useState<string | null>(null)
  const [failure, setFailure] = useState<SiteFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const [, withdraw] = useMutation(WithdrawSiteApplicationMutation)
  const confirm = useConfirm()

  const editable = app == null || app.status === 'DRAFT' || REJECTED_STATUSES.includes(app.status)
  const rejected = app != null && REJECTED_STATUSES.includes(app.status)
  const rejection = rejected
    ? [...app.reviewDecisions].reverse().find((decision) => decision.result === 'REJECTED')
    : undefined
  const unitType = app?.unit.type ?? context.me?.unit?.type
  const paperUnit = unitType != null && needsPaper(unitType)
  const office = app?.unit.region.office ?? context.me?.unit?.region.office ?? null
  const officeName = office?.name ?? '同级编办'

  async function onWithdraw() {
    if (!app || busy) return
    const message = `确定撤回网站开办申请 ${app.serialNumber}（${app.siteName || '未命名网站'}）吗？撤回后不能恢复，如需办理请重新申请。`
    if (!(await confirm({ title: '撤回网站开办申请', message, confirmLabel: '撤回', danger: true }))) return
    setBusy(true)
    setFailure(null)
    setNotice(null)
    const result = await withdraw({ input: { id: app.id, version: app.version } })
    setBusy(false)
    const updated = result.data?.withdrawSiteApplication
    if (updated) {
      setApp(updated)
      setNotice(resultMessage('withdrawSiteApplication'))
    } else if (result.error) setFailure(describeSiteError(result.error))
  }

  const title = app ? `网站开办申请 ${app.serialNumber}` : '新建网站开办申请'

  return (
    <>
      <p className="dns-back">
        <Link href="/unit/sites">← 返回网站开办申请列表</Link>
      </p>
      <section className="panel" aria-labelledby="site-app-title">
        <div className="panel-head">
          <h1 id="site-app-title">{title}</h1>
          {app && (
            <StatusTag tone={SITE_APPLICATION_STATUS_TONES[app.status]} testId="site-status">
              {SITE_APPLICATION_STATUS_LABELS[app.status]}
            </StatusTag>
          )}
        </div>
        {notice && (
          <p className="notice notice-ok" role="status" data-testid="site-notice">
            {notice}
          </p>
        )}
        <ErrorNotice message={failure?.message} code={failure?.code} offerReload={failure?.stale} />
        {app ? (
          <dl className="facts">
            <div>
              <dt>申请类型</dt>
              <dd>{SITE_APPLICATION_KIND_LABELS[app.kind]}</dd>
            </div>
            <div>
              <dt>网站名称</dt>
              <dd>{app.siteName || '—'}</dd>
            </div>
            <div>
              <dt>创建时间</dt>
              <dd>{formatDateTime(app.createdAt)}</dd>
            </div>
            <div>
              <dt>提交时间</dt>
              <dd>{formatDateTime(app.submittedAt)}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">
            请如实填写申请表，提交后由同级编办（{officeName}）初审、CONAC 复审。
            {paperUnit
              ? '审核通过后须打印申请函和申请表，加盖单位公章后连同经办人身份证复印件报送同级编办。'
              : '事业单位、社会组织无需报送书面材料，复审通过后即发放网站标识。'}
          </p>
        )}
        {app && WITHDRAWABLE_STATUSES.includes(app.status) && (
          <div className="site-actions">
            <button type="button" className="button button-light" disabled={busy} onClick={onWithdraw}>
              撤回申请
            </button>
            <span className="muted">同级编办初审通过前可以撤回；撤回后不能恢复。</span>
          </div>
        )}
      </section>

      {rejection && (
        <section className="notice notice-error site-rejection" role="alert" data-testid="site-rejection">
          <strong>
            {REVIEW_LEVEL_TEXT[rejection.level]}未通过（{rejection.office.name}，{formatDateTime(rejection.decidedAt)}）
          </strong>
          <p>不通过原因：{rejection.reason}</p>
          <p>请根据原因修改申请信息，获取新的短信验证码后重新提交。</p>
        </section>
      )}

      {app?.badge && (
        <section className="panel" aria-labelledby="site-badge-title">
          <div className="panel-head">
            <h2 id="site-badge-title">网站标识</h2>
          </div>
          <dl className="facts" data-testid="site-badge">
            <div>
              <dt>标识编号</dt>
              <dd className="mono" data-testid="site-badge-number">
                {app.badge.badgeNumber}
              </dd>
            </div>
            <div>
              <dt>发放时间</dt>
              <dd data-testid="site-badge-issued">{formatDateTime(app.badge.issuedAt)}</dd>
            </div>
            <div>
              <dt>安装期限</dt>
              <dd data-testid="site-badge-deadline">{formatDeadline(app.badge.installDeadline)}</dd>
            </div>
            <div>
              <dt>状态</dt>
              <dd>{BADGE_STATUS_LABELS[app.badge.status]}</dd>
            </div>
          </dl>
          {app.badge.status === 'ACTIVE' && (
            <p className="site-panel-text">
              请在 <Link href="/unit/badges">标识管理</Link> 中获取标识代码，将其粘贴到网站所有页面代码的 &lt;/body&gt;
              之前，使网站标识显示在页面底部中间位置。
            </p>
          )}
        </section>
      )}

      {app && paperUnit && ['AWAITING_PAPER', 'BADGE_ISSUED', 'BADGE_CANCELLED'].includes(app.status) && (
        <section className="panel" aria-labelledby="site-paper-title">
          <div className="panel-head">
            <h2 id="site-paper-title">书面材料</h2>
            {app.paperSubmission?.confirmedAt && <span className="panel-meta">已确认</span>}
          </div>
          {app.status === 'AWAITING_PAPER' && (
            <div className="site-panel-text" data-testid="site-paper-instructions">
              <p>
                同级编办和 CONAC
                审核均已通过。请打印《关于申请对我单位开办的网站进行开办审核/资格复核的函》和《党政机关网站开办审核/资格复核申请表》（一式
                {app.paperSubmission?.copiesRequired ?? 4}{' '}
                份），加盖单位公章，连同申请经办人的身份证复印件，报送同级编办（{officeName}）。
              </p>
              <p>编办确认书面材料无误后，系统将生成网站标识代码，并通过短信和邮件通知您。</p>
            </div>
          )}
          <div className="site-print-links" data-testid="site-print-links">
            <a className="button button-primary" href={printLinks(app.id).letter} target="_blank" rel="noopener">
              打印申请函
            </a>
            <a className="button button-primary" href={printLinks(app.id).form} target="_blank" rel="noopener">
              打印申请表
            </a>
            <a className="button button-light" href={printLinks(app.id).letterPdf} download>
              下载申请函 PDF
            </a>
            <a className="button button-light" href={printLinks(app.id).formPdf} download>
              下载申请表 PDF
            </a>
          </div>
          {app.paperSubmission?.receivedAt ? (
            <PaperStatus paper={app.paperSubmission} />
          ) : (
            <p className="muted">编办尚未登记收到的书面材料。</p>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="site-form-title">
        <div className="panel-head">
          <h2 id="site-form-title">{editable ? (rejected ? '修改申请表' : '填写申请表') : '申请表'}</h2>
          {app && !editable && app.status !== 'WITHDRAWN' && !paperUnit && (
            <span className="panel-meta">事业单位、社会组织无需报送书面材料</span>
          )}
        </div>
        {editable ? (
          <SiteApplicationForm
            context={context}
            app={app}
            defaults={defaults}
            showOutboxLink={showOutboxLink}
            onSaved={(saved) => setApp(saved)}
            onSubmitted={(done) => {
              setApp(done)
              setFailure(null)
              setNotice(resultMessage(rejected ? 'resubmitSiteApplication' : 'submitSiteApplication'))
              window.scrollTo({ top: 0 })
            }}
          />
        ) : (
          app && (
            <div className="site-facts-body">
              <SiteApplicationFacts app={app} />
            </div>
          )
        )}
      </section>

      {app && app.reviewDecisions.length > 0 && (
        <section className="panel" aria-labelledby="site-history-title">
          <div className="panel-head">
            <h2 id="site-history-title">审核记录</h2>
          </div>
          <ReviewHistory decisions={app.reviewDecisions} levelText={REVIEW_LEVEL_TEXT} testId="site-review-history" />
        </section>
      )}
    </>
  )
}
