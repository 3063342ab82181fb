'use client'
// 网站开办审核/资格复核申请表 (seed 004): the unit's facts read-only, the site and the two contacts editable, and the
// handler's SMS code to submit. A new application or a draft: 保存草稿, or 提交申请 (the fields are saved as the draft
// first, then submitted with the code). A rejected one: 重新提交 with the edited fields and a new code.
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { SUFFIX_FOR_UNIT_TYPE } from '@/components/domains/ApplyDomainForm'
import {
  DOMAIN_SUFFIX_LABELS,
  SITE_APPLICATION_KIND_LABELS,
  SYSTEM_CATEGORY_LABELS,
  UNIT_TYPE_LABELS,
} from '@/components/labels'
import { HandlerFields } from '@/components/registration/HandlerFields'
import { TextField } from '@/components/registration/TextField'
import { VerificationCodeField } from '@/components/registration/VerificationCodeField'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { useHydrated } from '@/components/ui/useHydrated'
import type {
  SiteApplication_DetailFragment,
  SiteApplicationKind,
  SiteApplicationStatus,
  SiteFormContext_QueryFragment,
} from '@/graphql/generated/graphql'
import {
  ResubmitSiteApplicationMutation,
  SaveSiteApplicationDraftMutation,
  SubmitSiteApplicationMutation,
} from './documents'
import { englishDomainExample, englishDomainHelp } from './englishDomain'
import { describeSiteError, REJECTED_STATUSES, type SiteFailure } from './format'
import {
  charCount,
  draftProblems,
  normalise,
  SITE_INTRO_LIMIT,
  submitProblems,
  type SiteForm,
  type SiteFormField,
} from './rules'

type App = SiteApplication_DetailFragment

export interface HandlerDefaults {
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string | null
  landline: string | null
}

/** The states in which an application holds its Chinese domain (one live application per domain). */
const HOLDS_DOMAIN: SiteApplicationStatus[] = [
  'PENDING_OFFICE_REVIEW',
  'OFFICE_REJECTED',
  'PENDING_CONAC_REVIEW',
  'CONAC_REJECTED',
  'AWAITING_PAPER',
  'PAPER_REJECTED',
  'BADGE_ISSUED',
]

function formOf(app: App | null, defaults: HandlerDefaults | null): SiteForm {
  if (!app) {
    return {
      kind: 'NEW_SITE',
      siteName: '',
      siteIntro: '',
      chineseDomainId: '',
      englishDomain: '',
      useMicroSite: false,
      ipAddress: '',
      principalName: '',
      principalLandline: '',
      principalMobile: '',
      principalEmail: '',
      handlerName: defaults?.handlerName ?? '',
      handlerLandline: defaults?.landline ?? '',
      handlerMobile: defaults?.handlerMobile ?? '',
      handlerEmail: defaults?.handlerEmail ?? '',
      // The unit's number comes masked: the handler types the number for a new application.
      handlerIdNumber: '',
    }
  }
  return {
    kind: app.kind,
    siteName: app.siteName,
    siteIntro: app.siteIntro,
    chineseDomainId: app.chineseDomain?.id ?? '',
    englishDomain: app.englishDomain ?? '',
    useMicroSite: app.useMicroSite,
    ipAddress: app.ipAddress ?? '',
    principalName: app.principalName,
    principalLandline: app.principalLandline ?? '',
    principalMobile: app.principalMobile,
    principalEmail: app.principalEmail,
    handlerName: app.handlerName,
    handlerLandline: app.handlerLandline ?? '',
    handlerMobile: app.handlerMobile,
    handlerEmail: app.handlerEmail,
    handlerIdNumber: app.handlerIdNumber,
  }
}

/** The form as the API's input fields. */
function inputOf(form: SiteForm) {
  const values = normalise(form)
  return { ...values, chineseDomainId: values.chineseDomainId || null }
}

export function SiteApplicationForm({
  context,
  app,
  defaults,
  showOutboxLink,
  onSaved,
  onSubmitted,
}: {
  context: SiteFormContext_QueryFragment
  /** null for a new application */
  app: App | null
  defaults: HandlerDefaults | null
  showOutboxLink: boolean
  onSaved: (app: App) => void
  onSubmitted: (app: App) => void
}) {
  const unit = context.me?.unit
  const resubmitting = app != null && REJECTED_STATUSES.includes(app.status)
  const [form, setForm] = useState<SiteForm>(() => formOf(app, defaults))
  const [code, setCode] = useState('')
  const [problems, setProblems] = useState<Partial<Record<SiteFormField | 'verificationCode', string>>>({})
  const [failure, setFailure] = useState<SiteFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const hydrated = useHydrated()
  const [, saveDraft] = useMutation(SaveSiteApplicationDraftMutation)
  const [, submit] = useMutation(SubmitSiteApplicationMutation)
  const [, resubmit] = useMutation(ResubmitSiteApplicationMutation)

  if (!unit) return <ErrorNotice message="本账号未关联单位，不能填写网站开办申请。" />
  const unitType = unit.type
  const suffix = SUFFIX_FOR_UNIT_TYPE[unitType]
  const domains = context.domains.edges.map((edge) => edge.node).filter((domain) => domain.suffix === suffix)
  const held = new Set(
    context.siteApplications.edges
      .map((edge) => edge.node)
      .filter((other) => other.id !== app?.id && HOLDS_DOMAIN.includes(other.status) && other.chineseDomain)
      .map((other) => other.chineseDomain!.id),
  )

  const set =
    <K extends SiteFormField>(name: K) =>
    (value: SiteForm[K]) => {
      setForm((current) => ({ ...current, [name]: value }))
      setNotice(null)
    }
  /** The local check's message, else the API's. */
  const errorOf = (name: SiteFormField | 'verificationCode') => problems[name] ?? failure?.fields[name]

  function stop(found: Partial<Record<string, string>>, text: string) {
    setProblems(found)
    setFailure({ code: 'BAD_USER_INPUT', message: text, fields: {}, stale: false })
    // Bring the first marked field into view.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
  }

  function begin() {
    setBusy(true)
    setFailure(null)
    setNotice(null)
    setProblems({})
  }

  /** Saves the fields as the draft (creating it the first time); answers the saved application or null. */
  async function save(): Promise<App | null> {
    const result = await saveDraft({
      input: { ...(app ? { id: app.id, version: app.version } : {}), ...inputOf(form) },
    })
    const saved = result.data?.saveSiteApplicationDraft
    if (!saved) {
      if (result.error) setFailure(describeSiteError(result.error))
      return null
    }
    // The address of the draft from now on, without leaving the page (the typed code stays).
    if (!app) window.history.replaceState(null, '', `/unit/sites/${saved.id}`)
    onSaved(saved)
    return saved
  }

  async function onSaveDraft() {
    if (busy) return
    const found = draftProblems(form, unitType, app?.handlerIdNumber ?? null)
    if (Object.keys(found).length) return stop(found, '请按提示修改后再保存草稿')
    begin()
    const saved = await save()
    setBusy(false)
    if (saved) setNotice(resultMessage('saveSiteApplicationDraft', { serialNumber: saved.serialNumber }))
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    const found: Partial<Record<SiteFormField | 'verificationCode', string>> = submitProblems(
      form,
      unitType,
      app?.handlerIdNumber ?? null,
    )
    if (!code.trim()) found.verificationCode = '请输入短信验证码'
    else if (!/^[0-9]{6}$/.test(code.trim())) found.verificationCode = '请输入 6 位短信验证码'
    if (Object.keys(found).length) return stop(found, '申请信息有误，请按提示修改')
    begin()
    let done: App | null | undefined
    if (resubmitting && app) {
      const result = await resubmit({
        input: { id: app.id, version: app.version, verificationCode: code.trim(), ...inputOf(form) },
      })
      done = result.data?.resubmitSiteApplication
      if (!done && result.error) setFailure(describeSiteError(result.error))
    } else {
      const saved = await save()
      if (saved) {
        const result = await submit({ input: { id: saved.id, version: saved.version, verificationCode: code.trim() } })
        done = result.data?.submitSiteApplication
        if (!done && result.error) setFailure(describeSiteError(result.error))
      }
    }
    setBusy(false)
    if (done) onSubmitted(done)
  }

  const introLength = charCount(form.siteIntro)

  return (
    <form
      className="reg-form site-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={busy}
      data-testid="site-application-form"
    >
      <fieldset className="reg-section">
        <legend>申请类型</legend>
        <div className="site-radios">
          {(Object.entries(SITE_APPLICATION_KIND_LABELS) as [SiteApplicationKind, string][]).map(([value, label]) => (
            <label key={value} className="site-choice">
              <input
                type="radio"
                name="kind"
                value={value}
                checked={form.kind === value}
                onChange={() => set('kind')(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>开办主体基本情况</legend>
        <p className="reg-help site-section-help">
          以下信息取自本单位的注册信息，提交时一并写入申请表；如有变化请先更新单位信息。
        </p>
        <dl className="facts site-unit-facts" data-testid="site-form-unit">
          <div>
            <dt>开办主体名称</dt>
            <dd>{unit.name}</dd>
          </div>
          <div>
            <dt>单位类型</dt>
            <dd>{UNIT_TYPE_LABELS[unit.type]}</dd>
          </div>
          <div>
            <dt>上级主管单位</dt>
            <dd>{unit.superiorUnitName || '—'}</dd>
          </div>
          <div>
            <dt>系统类别</dt>
            <dd>{SYSTEM_CATEGORY_LABELS[unit.systemCategory]}</dd>
          </div>
          <div className="wide">
            <dt>开办主体职能</dt>
            <dd>{unit.functions || '—'}</dd>
          </div>
          <div>
            <dt>通讯地址</dt>
            <dd>{unit.address}</dd>
          </div>
          <div>
            <dt>邮编</dt>
            <dd>{unit.postcode}</dd>
          </div>
        </dl>
      </fieldset>

      <fieldset className="reg-section">
        <legend>网站基本情况</legend>
        <div className="reg-grid">
          <TextField
            name="siteName"
            label="网站名称"
            required
            wide
            maxLength={128}
            value={form.siteName}
            onChange={set('siteName')}
            error={errorOf('siteName')}
            help="网站名称为浏览器选项卡中的名称，须与网站首页头部的名称一致。"
          />
          <div className="field reg-wide">
            <label htmlFor="reg-siteIntro">
              网站简介
              <span className="reg-required" aria-hidden="true">
                {' '}
                *
              </span>
            </label>
            <textarea
              id="reg-siteIntro"
              name="siteIntro"
              rows={5}
              value={form.siteIntro}
              onChange={(event) => set('siteIntro')(event.target.value)}
              aria-invalid={errorOf('siteIntro') ? true : undefined}
              aria-describedby="siteIntro-count"
            />
            <p
              id="siteIntro-count"
              className={introLength > SITE_INTRO_LIMIT ? 'field-error' : 'reg-help'}
              data-testid="site-intro-count"
            >
              说明网站主要内容和用途。已输入 {introLength} / {SITE_INTRO_LIMIT} 字
            </p>
            {errorOf('siteIntro') && (
              <p className="field-error" data-testid="error-siteIntro">
                {errorOf('siteIntro')}
              </p>
            )}
          </div>
          <div className="field reg-wide">
            <label htmlFor="reg-chineseDomainId">
              中文域名
              <span className="reg-required" aria-hidden="true">
                {' '}
                *
              </span>
            </label>
            <select
              id="reg-chineseDomainId"
              name="chineseDomainId"
              value={form.chineseDomainId}
              onChange={(event) => set('chineseDomainId')(event.target.value)}
              aria-invalid={errorOf('chineseDomainId') ? true : undefined}
            >
              <option value="">请选择本单位已注册的 {DOMAIN_SUFFIX_LABELS[suffix]} 域名</option>
              {domains.map((domain) => (
                <option
                  key={domain.id}
                  value={domain.id}
                  disabled={held.has(domain.id) && form.chineseDomainId !== domain.id}
                >
                  {domain.fullName}
                  {held.has(domain.id) ? '（已有进行中的申请或有效标识）' : ''}
                </option>
              ))}
            </select>
            {domains.length === 0 ? (
              <p className="field-error" data-testid="site-no-domains">
                本单位暂无已注册的 {DOMAIN_SUFFIX_LABELS[suffix]} 域名，请先<Link href="/unit/domains">申请域名</Link>
                ，注册成功后再申请网站开办。
              </p>
            ) : (
              <p className="reg-help">提交时本单位所有已注册的域名将一并绑定到该网站。</p>
            )}
            {errorOf('chineseDomainId') && (
              <p className="field-error" data-testid="error-chineseDomainId">
                {errorOf('chineseDomainId')}
              </p>
            )}
          </div>
          <div className="field reg-wide">
            <label className="site-choice" htmlFor="reg-useMicroSite">
              <input
                id="reg-useMicroSite"
                type="checkbox"
                name="useMicroSite"
                checked={form.useMicroSite}
                onChange={(event) => set('useMicroSite')(event.target.checked)}
              />
              使用网络红页
            </label>
            <p className="reg-help">
              没有自建网站的单位可使用注册管理中心免费提供的网络红页（微网站），网站标识加挂在网络红页底部，不再填写英文域名和
              IP 地址。
            </p>
          </div>
          {!form.useMicroSite && (
            <>
              <TextField
                name="englishDomain"
                label="英文域名"
                required
                maxLength={253}
                spellCheck={false}
                placeholder={`如 ${englishDomainExample(unitType)}`}
                value={form.englishDomain}
                onChange={set('englishDomain')}
                error={errorOf('englishDomain')}
                help={englishDomainHelp(unitType)}
              />
              <TextField
                name="ipAddress"
                label="网站 IP 地址"
                required
                maxLength={45}
                spellCheck={false}
                placeholder="如 203.0.113.10"
                value={form.ipAddress}
                onChange={set('ipAddress')}
                error={errorOf('ipAddress')}
                help="网站实际使用的 IP 地址（IPv4 或 IPv6）"
              />
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>网站主要负责人</legend>
        <div className="reg-grid">
          <TextField
            name="principalName"
            label="负责人姓名"
            required
            maxLength={32}
            value={form.principalName}
            onChange={set('principalName')}
            error={errorOf('principalName')}
          />
          <TextField
            name="principalLandline"
            label="负责人固定电话"
            maxLength={32}
            placeholder="如 0393-7221234"
            value={form.principalLandline}
            onChange={set('principalLandline')}
            error={errorOf('principalLandline')}
          />
          <TextField
            name="principalMobile"
            label="负责人手机"
            required
            maxLength={11}
            inputMode="numeric"
            value={form.principalMobile}
            onChange={set('principalMobile')}
            error={errorOf('principalMobile')}
          />
          <TextField
            name="principalEmail"
            label="负责人电子邮箱"
            required
            type="email"
            maxLength={128}
            value={form.principalEmail}
            onChange={set('principalEmail')}
            error={errorOf('principalEmail')}
          />
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>网站申请经办人</legend>
        <div className="reg-grid">
          <HandlerFields
            prefix="handler"
            form={form}
            set={set}
            errorOf={errorOf}
            labels={{ Email: '经办人电子邮箱' }}
            help={{ Mobile: '提交时须输入发送到此手机的短信验证码' }}
            storedIdNumber={app?.handlerIdNumber ?? null}
          />
          <TextField
            name="handlerLandline"
            label="经办人固定电话"
            maxLength={32}
            placeholder="如 0393-7221234"
            value={form.handlerLandline}
            onChange={set('handlerLandline')}
            error={errorOf('handlerLandline')}
          />
        </div>
      </fieldset>

      <fieldset className="reg-section">
        <legend>{resubmitting ? '修改后重新提交' : '提交申请'}</legend>
        <VerificationCodeField
          label="短信验证码"
          mobile={form.handlerMobile}
          purpose="SITE_APPLICATION"
          value={code}
          onChange={setCode}
          error={errorOf('verificationCode')}
          help={`验证码发送至经办人手机 ${form.handlerMobile.trim() || '（请先填写）'}，5 分钟内有效。`}
          showOutboxLink={showOutboxLink}
        />
      </fieldset>

      <ErrorNotice
        message={failure?.message}
        testId="site-form-error"
        code={failure?.code}
        offerReload={failure?.stale}
      />
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="site-form-notice">
          {notice}
        </p>
      )}
      <div className="reg-actions">
        <button type="submit" className="button button-primary" disabled={!hydrated || busy}>
          {busy ? '正在提交…' : resubmitting ? '重新提交' : '提交申请'}
        </button>
        {!resubmitting && (
          <button type="button" className="button button-light" disabled={!hydrated || busy} onClick={onSaveDraft}>
            保存草稿
          </button>
        )}
        <Link href="/unit/sites">返回申请列表</Link>
      </div>
    </form>
  )
}
