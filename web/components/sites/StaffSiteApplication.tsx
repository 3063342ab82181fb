'use client'
// One site application as office or CONAC staff see it: what changed since the last review (for a resubmission),
// the decision at the viewer's level (编办初审 by the unit's same-level office, CONAC 复审), the paper step
// (登记 then 确认 or 退回) for the same-level office, the whole form and every earlier decision. A decision made on
// a stale version comes back as CONFLICT and the page says so.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { AuditTimeline } from '@/components/audit/AuditTimeline'
import {
  BADGE_STATUS_LABELS,
  SITE_APPLICATION_STATUS_LABELS,
  SITE_APPLICATION_STATUS_TONES,
  UNIT_TYPE_LABELS,
} from '@/components/labels'
import { FieldChanges } from '@/components/reviews/FieldChanges'
import { ReviewHistory } from '@/components/reviews/ReviewHistory'
import { StatusTag } from '@/components/ui/StatusTag'
import { formatDateTime, formatDeadline } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { holdsOneOf } from '@/components/layout/officeRoles'
import type { OfficeRole, SiteApplication_DetailFragment, UserRole } from '@/graphql/generated/graphql'
import { PaperStatus } from './PaperStatus'
import { SiteApplicationFacts } from './SiteApplicationFacts'
import { ConfirmPaperMaterialsMutation, RecordPaperMaterialsMutation, ReviewSiteApplicationMutation } from './documents'
import {
  changeValueText,
  describeSiteError,
  needsPaper,
  REVIEW_LEVEL_TEXT,
  SITE_FIELD_LABELS,
  type SiteFailure,
} from './format'

type App = SiteApplication_DetailFragment

export interface StaffViewer {
  role: UserRole
  /** Reviews and the paper step need 审核员; others of the office read the application only. */
  officeRoles: readonly OfficeRole[]
  office: { id: string; name: string } | null
}

const reasonLength = (text: string) => [...text.trim()].length

export function StaffSiteApplication({
  initial,
  viewer,
  backHref,
  backLabel,
}: {
  initial: App
  viewer: StaffViewer
  backHref: string
  backLabel: string
}) {
  const [app, setApp] = useState(initial)
  const [notice, setNotice] = useState<string | null>(null)
  const [failure, setFailure] = useState<SiteFailure | null>(null)
  const [busy, setBusy] = useState(false)
  const [opinion, setOpinion] = useState('')
  const [opinionError, setOpinionError] = useState<string | null>(null)
  const [paperForm, setPaperForm] = useState(() => paperFormOf(initial))
  const [paperErrors, setPaperErrors] = useState<Record<string, string>>({})
  const [returnReason, setReturnReason] = useState('')
  const [returnError, setReturnError] = useState<string | null>(null)
  const [, review] = useMutation(ReviewSiteApplicationMutation)
  const [, recordPaper] = useMutation(RecordPaperMaterialsMutation)
  const [, confirmPaper] = useMutation(ConfirmPaperMaterialsMutation)
  const confirm = useConfirm()

  const sameLevel =
    viewer.role === 'OFFICE_STAFF' && viewer.office != null && viewer.office.id === app.unit.region.office?.id
  const reviewer = holdsOneOf(viewer.officeRoles, ['REVIEWER'])
  const reviewLevel: 'OFFICE' | 'CONAC' | null = !reviewer
    ? null
    : viewer.role === 'CONAC_STAFF' && app.status === 'PENDING_CONAC_REVIEW'
      ? 'CONAC'
      : sameLevel && app.status === 'PENDING_OFFICE_REVIEW'
        ? 'OFFICE'
        : null
  const paperStep = reviewer && sameLevel && app.status === 'AWAITING_PAPER'
  const awaitsReviewHere =
    (viewer.role === 'CONAC_STAFF' && app.status === 'PENDING_CONAC_REVIEW') ||
    (sameLevel && ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'].includes(app.status))
  const levelText = reviewLevel === 'CONAC' ? '复审' : '初审'
  const changes = app.changesSinceLastReview
  const changed = new Set(changes.map((change) => change.field))
  // Domain ids in the changes, by name: the bound domains were the unit's registered ones at submission.
  const paper = app.paperSubmission
  const paperComplete =
    paper != null && paper.letterReceived && paper.idCopyReceived && paper.formCopiesReceived >= paper.copiesRequired
  const paperDirty = JSON.stringify(paperForm) !== JSON.stringify(paperFormOf(app))

  function begin() {
    setBusy(true)
    setFailure(null)
    setNotice(null)
  }

  function finish(
    updated: App | null | undefined,
    error: Parameters<typeof describeSiteError>[0] | undefined,
    text: (app: App) => string,
  ) {
    setBusy(false)
    if (updated) {
      setApp(updated)
      setPaperForm(paperFormOf(updated))
      setNotice(text(updated))
      setOpinion('')
      setReturnReason('')
      window.scrollTo({ top: 0 })
    } else if (error) setFailure(describeSiteError(error))
  }

  async function decide(decision: 'APPROVE' | 'REJECT') {
    if (busy || !reviewLevel) return
    const text = opinion.trim()
    setOpinionError(null)
    if (decision === 'REJECT' && (reasonLength(text) < 2 || reasonLength(text) > 500)) {
      setOpinionError('请填写 2-500 个字的不通过原因')
      return
    }
    if (reasonLength(text) > 500) {
      setOpinionError('审核意见不能超过 500 个字')
      return
    }
    const question =
      decision === 'APPROVE'
        ? `确定${levelText}通过 ${app.unit.name} 的网站「${app.siteName}」（${app.serialNumber}）吗？`
        : `确定${levelText}不通过 ${app.unit.name} 的网站「${app.siteName}」（${app.serialNumber}）吗？原因：${text}`
    const approving = decision === 'APPROVE'
    if (
      !(await confirm({
        title: `${levelText}${approving ? '通过' : '不通过'}`,
        message: question,
        confirmLabel: approving ? '通过' : '不通过',
      }))
    )
      return
    begin()
    const result = await review({
      input: { id: app.id, version: app.version, decision, ...(text ? { reason: text } : {}) },
    })
    finish(result.data?.reviewSiteApplication, result.error, (updated) =>
      resultMessage('reviewSiteApplication', {
        review: levelText,
        approved: approving,
        status: updated.status,
        badgeNumber: updated.badge?.badgeNumber ?? null,
      }),
    )
    if (result.error) {
      const fields = describeSiteError(result.error).fields
      if (fields.reason) setOpinionError(fields.reason)
    }
  }

  async function onRecordPaper(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    const errors: Record<string, string> = {}
    const copies = Number(paperForm.formCopiesReceived)
    if (paperForm.formCopiesReceived.trim() === '' || !Number.isInteger(copies) || copies < 0 || copies > 99)
      errors.formCopiesReceived = '申请表份数应为 0-99 的整数'
    if (reasonLength(paperForm.missingNote) > 500) errors.missingNote = '不能超过 500 个字'
    setPaperErrors(errors)
    if (Object.keys(errors).length) return
    begin()
    const result = await recordPaper({
      input: {
        id: app.id,
        version: app.version,
        letterReceived: paperForm.letterReceived,
        formCopiesReceived: copies,
        idCopyReceived: paperForm.idCopyReceived,
        missingNote: paperForm.missingNote.trim() || null,
      },
    })
    finish(result.data?.recordPaperMaterials, result.error, (updated) => {
      const saved = updated.paperSubmission
      const complete =
        saved != null &&
        saved.letterReceived &&
        saved.idCopyReceived &&
        saved.formCopiesReceived >= saved.copiesRequired
      return resultMessage('recordPaperMaterials', { complete })
    })
    if (result.error) setPaperErrors(describeSiteError(result.error).fields)
  }

  async function onConfirmPaper() {
    if (busy) return
    const message = `确定 ${app.unit.name} 的书面材料无误吗？确认后将发放网站标识并通知申请单位。`
    if (!(await confirm({ title: '确认书面材料', message, confirmLabel: '确认无误' }))) return
    begin()
    const result = await confirmPaper({ input: { id: app.id, version: app.version, decision: 'APPROVE' } })
    finish(result.data?.confirmPaperMaterials, result.error, (updated) =>
      resultMessage('confirmPaperMaterials', { approved: true, badgeNumber: updated.badge?.badgeNumber ?? null }),
    )
  }

  async function onReturnPaper() {
    if (busy) return
    const text = returnReason.trim()
    setReturnError(null)
    if (reasonLength(text) < 2 || reasonLength(text) > 500) {
      setReturnError('请填写 2-500 个字的退回原因')
      return
    }
    if (
      !(await confirm({
        title: '退回书面材料',
        message: `确定退回 ${app.unit.name} 的书面材料吗？原因：${text}`,
        confirmLabel: '退回',
      }))
    )
      return
    begin()
    const result = await confirmPaper({ input: { id: app.id, version: app.version, decision: 'REJECT', reason: text } })
    finish(result.data?.confirmPaperMaterials, result.error, () =>
      resultMessage('confirmPaperMaterials', { approved: false }),
    )
  }

  const setPaper = <K extends keyof PaperForm>(name: K, value: PaperForm[K]) =>
    setPaperForm((current) => ({ ...current, [name]: value }))

  return (
    <>
      <p className="dns-back">
        <Link href={backHref}>← {backLabel}</Link>
      </p>
      <section className="panel" aria-labelledby="site-staff-title">
        <div className="panel-head">
          <h1 id="site-staff-title">网站开办申请 {app.serialNumber}</h1>
          <StatusTag tone={SITE_APPLICATION_STATUS_TONES[app.status]} testId="site-status">
            {SITE_APPLICATION_STATUS_LABELS[app.status]}
          </StatusTag>
        </div>
        {notice && (
          <p className="notice notice-ok" role="status" data-testid="site-notice">
            {notice}
          </p>
        )}
        <ErrorNotice message={failure?.message} testId="site-error" code={failure?.code} offerReload={failure?.stale} />
        <dl className="facts">
          <div>
            <dt>申请单位</dt>
            <dd>
              {app.unit.name}
              <span className="muted">{UNIT_TYPE_LABELS[app.unit.type]}</span>
            </dd>
          </div>
          <div>
            <dt>所属区域</dt>
            <dd>
              {app.unit.region.fullName}
              <span className="muted">同级编办：{app.unit.region.office?.name ?? '—'}</span>
            </dd>
          </div>
          <div>
            <dt>网站名称</dt>
            <dd>{app.siteName}</dd>
          </div>
          <div>
            <dt>提交时间</dt>
            <dd>{formatDateTime(app.submittedAt)}</dd>
          </div>
        </dl>
        {!needsPaper(app.unit.type) && (
          <p className="muted">事业单位、社会组织无需报送书面材料：CONAC 复审通过后即发放网站标识。</p>
        )}
        {viewer.role === 'OFFICE_STAFF' &&
          !sameLevel &&
          ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'].includes(app.status) && (
            <p className="notice notice-warning">
              该申请由单位的同级编办（{app.unit.region.office?.name ?? '—'}）审核，您可以查看。
            </p>
          )}
        {!reviewer && awaitsReviewHere && (
          <p className="notice notice-warning">审核和书面材料由本办「审核员」办理，您可以查看。</p>
        )}
      </section>

      {changes.length > 0 && (
        <section className="panel" aria-labelledby="site-changes-title">
          <div className="panel-head">
            <h2 id="site-changes-title">重新提交：自上次审核以来的修改</h2>
            <span className="panel-meta">共 {changes.length} 项</span>
          </div>
          <FieldChanges
            changes={changes}
            fieldLabel={(field) => SITE_FIELD_LABELS[field] ?? field}
            valueText={changeValueText}
            testId="site-changes"
          />
        </section>
      )}

      {reviewLevel && (
        <section className="panel" aria-labelledby="site-review-title">
          <div className="panel-head">
            <h2 id="site-review-title">{reviewLevel === 'CONAC' ? 'CONAC 复审' : '编办初审'}</h2>
          </div>
          <div className="site-panel-text">
            <p className="muted">
              {reviewLevel === 'CONAC'
                ? '请核对申请单位、网站名称、域名及联系人等信息。复审通过后，党政机关、群团机关须向同级编办报送书面材料；事业单位、社会组织直接发放网站标识。'
                : '请核对单位资质、联系人、网站名称、域名名称等信息，全部审查合格后提交 CONAC 复审。'}
            </p>
            <div className="field">
              <label htmlFor="site-opinion">审核意见（不通过原因）</label>
              <textarea
                id="site-opinion"
                rows={3}
                maxLength={500}
                value={opinion}
                onChange={(event) => setOpinion(event.target.value)}
                aria-invalid={opinionError ? true : undefined}
                aria-describedby="site-opinion-help"
              />
              <p id="site-opinion-help" className="reg-help">
                不通过时须填写原因（2-500 个字），原因将通知申请单位；通过时可不填。
              </p>
              {opinionError && (
                <p className="field-error" data-testid="error-reason">
                  {opinionError}
                </p>
              )}
            </div>
            <div className="site-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => decide('APPROVE')}>
                审核通过
              </button>
              <button type="button" className="button button-light" disabled={busy} onClick={() => decide('REJECT')}>
                审核不通过
              </button>
            </div>
          </div>
        </section>
      )}

      {paperStep && paper && (
        <section className="panel" aria-labelledby="site-paper-step-title">
          <div className="panel-head">
            <h2 id="site-paper-step-title">书面材料确认</h2>
          </div>
          <div className="site-panel-text">
            <p className="muted">
              单位须报送：加盖单位公章的申请函、申请表 {paper.copiesRequired}{' '}
              份（加盖公章）、申请经办人身份证复印件。先登记收到的材料，材料齐全后确认；材料有误可退回，单位修改后重新提交。
            </p>
            <form className="site-paper-form" onSubmit={onRecordPaper} noValidate>
              <div className="field">
                <label className="site-choice" htmlFor="paper-letter">
                  <input
                    id="paper-letter"
                    type="checkbox"
                    checked={paperForm.letterReceived}
                    onChange={(event) => setPaper('letterReceived', event.target.checked)}
                  />
                  收到加盖公章的函
                </label>
              </div>
              <div className="field site-copies">
                <label htmlFor="paper-copies">收到申请表份数</label>
                <input
                  id="paper-copies"
                  type="number"
                  min={0}
                  max={99}
                  step={1}
                  inputMode="numeric"
                  value={paperForm.formCopiesReceived}
                  onChange={(event) => setPaper('formCopiesReceived', event.target.value)}
                  aria-invalid={paperErrors.formCopiesReceived ? true : undefined}
                  aria-describedby="paper-copies-help"
                />
                <p id="paper-copies-help" className="reg-help">
                  需 {paper.copiesRequired} 份
                </p>
                {paperErrors.formCopiesReceived && <p className="field-error">{paperErrors.formCopiesReceived}</p>}
              </div>
              <div className="field">
                <label className="site-choice" htmlFor="paper-id-copy">
                  <input
                    id="paper-id-copy"
                    type="checkbox"
                    checked={paperForm.idCopyReceived}
                    onChange={(event) => setPaper('idCopyReceived', event.target.checked)}
                  />
                  收到经办人身份证复印件
                </label>
              </div>
              <div className="field">
                <label htmlFor="paper-missing">缺件说明</label>
                <textarea
                  id="paper-missing"
                  rows={2}
                  maxLength={500}
                  value={paperForm.missingNote}
                  onChange={(event) => setPaper('missingNote', event.target.value)}
                  aria-invalid={paperErrors.missingNote ? true : undefined}
                />
                {paperErrors.missingNote && <p className="field-error">{paperErrors.missingNote}</p>}
              </div>
              <div className="site-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  保存登记
                </button>
                {paperDirty && <span className="muted">登记内容已修改，请先保存登记。</span>}
              </div>
            </form>
            {paper.receivedAt && (
              <>
                <h3 className="site-section-title">已登记的书面材料</h3>
                <PaperStatus paper={paper} />
              </>
            )}
            <div className="site-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={busy || !paperComplete || paperDirty}
                onClick={onConfirmPaper}
              >
                确认书面材料
              </button>
              {!paperComplete && (
                <span className="muted">
                  登记的材料齐全（申请函、申请表 {paper.copiesRequired} 份、身份证复印件）后才能确认。
                </span>
              )}
            </div>
            <div className="field site-return">
              <label htmlFor="paper-return-reason">退回原因</label>
              <textarea
                id="paper-return-reason"
                rows={2}
                maxLength={500}
                value={returnReason}
                onChange={(event) => setReturnReason(event.target.value)}
                aria-invalid={returnError ? true : undefined}
              />
              {returnError && <p className="field-error">{returnError}</p>}
            </div>
            <div className="site-actions">
              <button type="button" className="button button-light" disabled={busy} onClick={onReturnPaper}>
                退回书面材料
              </button>
              <span className="muted">材料有误时退回，单位须修改后重新提交申请。</span>
            </div>
          </div>
        </section>
      )}

      {!paperStep && paper && (
        <section className="panel" aria-labelledby="site-paper-title">
          <div className="panel-head">
            <h2 id="site-paper-title">书面材料</h2>
          </div>
          {paper.receivedAt ? <PaperStatus paper={paper} /> : <p className="muted">尚未登记收到的书面材料。</p>}
        </section>
      )}

      {app.badge && (
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
              <dt>状态</dt>
              <dd>{BADGE_STATUS_LABELS[app.badge.status]}</dd>
            </div>
            <div>
              <dt>发放时间</dt>
              <dd>{formatDateTime(app.badge.issuedAt)}</dd>
            </div>
            <div>
              <dt>安装期限</dt>
              <dd>{formatDeadline(app.badge.installDeadline)}</dd>
            </div>
          </dl>
        </section>
      )}

      <section className="panel" aria-labelledby="site-form-title">
        <div className="panel-head">
          <h2 id="site-form-title">申请表</h2>
          {changed.size > 0 && <span className="panel-meta">标有“已修改”的项目为重新提交时修改的内容</span>}
        </div>
        <div className="site-facts-body">
          <SiteApplicationFacts app={app} changed={changed} />
        </div>
      </section>

      <section className="panel" aria-labelledby="site-history-title">
        <div className="panel-head">
          <h2 id="site-history-title">审核记录</h2>
        </div>
        <ReviewHistory
          decisions={app.reviewDecisions}
          levelText={REVIEW_LEVEL_TEXT}
          showReviewer
          testId="site-review-history"
        />
      </section>

      <AuditTimeline subjectType="SiteApplication" subjectId={String(app.id)} />
    </>
  )
}

interface PaperForm {
  letterReceived: boolean
  formCopiesReceived: string
  idCopyReceived: boolean
  missingNote: string
}

function paperFormOf(app: App): PaperForm {
  const paper = app.paperSubmission
  return {
    letterReceived: paper?.letterReceived ?? false,
    formCopiesReceived: String(paper?.formCopiesReceived ?? 0),
    idCopyReceived: paper?.idCopyReceived ?? false,
    missingNote: paper?.missingNote ?? '',
  }
}
