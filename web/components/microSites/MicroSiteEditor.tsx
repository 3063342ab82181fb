'use client'
// 网络红页 editor for unit users: what a 网络红页 is (before there is one), the form (title, 单位简介, 主要职能, 联系方式)
// with character counts and the API's field messages, 发布/取消发布 with confirmation, the 预览 link, and the news
// (工作动态). The version of the last save travels with every change, so a save over someone else's is a conflict.
import Link from 'next/link'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { MICRO_SITE_STATUS_LABELS } from '@/components/labels'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure, type RequestFailure } from '@/graphql/errors'
import type { MyMicroSiteQuery } from '@/graphql/generated/graphql'
import { NewsManager } from './NewsManager'
import {
  charCount,
  MICRO_SITE_LIMITS,
  PublishMicroSiteMutation,
  SaveMicroSiteMutation,
  UnpublishMicroSiteMutation,
} from './documents'

type Site = NonNullable<MyMicroSiteQuery['myMicroSite']>
type FormName = keyof typeof MICRO_SITE_LIMITS

const LABELS: Record<FormName, string> = {
  title: '红页标题',
  introduction: '单位简介',
  functions: '主要职能',
  contacts: '联系方式',
}

const introTemplate = (unitName: string) =>
  `本网站由${unitName}主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。`

function formOf(site: Site | null, unitName: string): Record<FormName, string> {
  return {
    title: site?.title ?? unitName,
    introduction: site?.introduction ?? '',
    functions: site?.functions ?? '',
    contacts: site?.contacts ?? '',
  }
}

export function MicroSiteEditor({ initial, unitName }: { initial: Site | null; unitName: string }) {
  const [site, setSite] = useState<Site | null>(initial)
  const [form, setForm] = useState(() => formOf(initial, unitName))
  /** What went wrong with the last save (shown in the form) or publish/unpublish (shown in the status panel). */
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [statusFailure, setStatusFailure] = useState<RequestFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [, save] = useMutation(SaveMicroSiteMutation)
  const [, publish] = useMutation(PublishMicroSiteMutation)
  const [, unpublish] = useMutation(UnpublishMicroSiteMutation)
  const confirm = useConfirm()

  const saved = formOf(site, unitName)
  const dirty = !site || (Object.keys(form) as FormName[]).some((name) => form[name].trim() !== saved[name].trim())
  const published = site?.status === 'PUBLISHED'

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(null)
    setStatusFailure(null)
    setNotice(null)
    const result = await save({
      input: {
        ...(site ? { version: site.version } : {}),
        title: form.title,
        introduction: form.introduction,
        functions: form.functions || null,
        contacts: form.contacts || null,
      },
    })
    setBusy(false)
    const next = result.data?.saveMicroSite
    if (!next) return result.error && setFailure(describeFailure(result.error))
    setSite({ ...next, footerBadge: site?.footerBadge ?? null })
    setForm(formOf({ ...next, footerBadge: null }, unitName))
    setNotice(resultMessage('saveMicroSite', { created: !site, published }))
  }

  async function onToggle() {
    if (!site || busy) return
    const question = published
      ? '确定取消发布吗？取消后公众将无法访问本单位的网络红页，页脚的网站标识也随之不可见。'
      : '确定发布网络红页吗？发布后任何人都可以通过对外地址访问本页面。'
    const asked = published
      ? { title: '取消发布网络红页', confirmLabel: '取消发布', danger: true }
      : { title: '发布网络红页', confirmLabel: '发布' }
    if (!(await confirm({ ...asked, message: question }))) return
    setBusy(true)
    setFailure(null)
    setStatusFailure(null)
    setNotice(null)
    const result = published ? await unpublish({ version: site.version }) : await publish({ version: site.version })
    setBusy(false)
    const next =
      result.data && ('publishMicroSite' in result.data ? result.data.publishMicroSite : result.data.unpublishMicroSite)
    if (!next) return result.error && setStatusFailure(describeFailure(result.error))
    setSite({ ...site, ...next })
    setNotice(resultMessage(next.status === 'PUBLISHED' ? 'publishMicroSite' : 'unpublishMicroSite'))
  }

  const field = (name: FormName, input: ReactNode, help?: ReactNode) => {
    const count = charCount(form[name])
    const over = count > MICRO_SITE_LIMITS[name]
    const required = name === 'title' || name === 'introduction'
    const error = failure?.fields[name]
    return (
      <div className="field ms-field">
        <label htmlFor={`ms-${name}`}>
          {LABELS[name]}
          {required && (
            <span className="reg-required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
        {input}
        <p className={over ? 'ms-count field-error' : 'ms-count muted'} id={`ms-${name}-count`} aria-live="polite">
          已输入 {count} / {MICRO_SITE_LIMITS[name]} 字{over && '，超出字数限制'}
        </p>
        {help}
        {error && (
          <p className="field-error" id={`ms-${name}-error`}>
            {error}
          </p>
        )}
      </div>
    )
  }

  const inputProps = (name: FormName) => ({
    id: `ms-${name}`,
    name,
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value })),
    'aria-invalid': failure?.fields[name] ? true : undefined,
    'aria-describedby': `ms-${name}-count${failure?.fields[name] ? ` ms-${name}-error` : ''}`,
    required: name === 'title' || name === 'introduction',
  })

  return (
    <>
      <section className="panel" aria-labelledby="ms-editor-title">
        <div className="panel-head">
          <h1 id="ms-editor-title">网络红页</h1>
          <span className="panel-meta" data-testid="micro-site-status">
            {site ? (
              <>
                状态：<strong>{MICRO_SITE_STATUS_LABELS[site.status]}</strong>
                {published && site.publishedAt && <>（发布于 {formatDateTime(site.publishedAt)}）</>}
              </>
            ) : (
              '尚未创建'
            )}
          </span>
        </div>
        {!site ? (
          <div className="ms-intro" data-testid="micro-site-empty">
            <p>
              <strong>网络红页</strong>
              是政务和公益机构域名注册管理中心免费提供的政务和公益机构建站平台。没有自建网站的单位，可以在这里填写单位简介、主要职能和联系方式，发布工作动态，发布后即成为本单位的网站。
            </p>
            <p>
              在<Link href="/unit/sites">网站开办申请</Link>中选择“我单位准备将网站标识挂在网络红页上”（不填写英文域名和
              IP 地址），审核通过、网站标识发放后，标识将自动显示在网络红页底部（页脚），完成挂标。
            </p>
            <p className="muted">填写下方基本信息并保存，即可创建网络红页；创建后可添加工作动态，确认无误后再发布。</p>
          </div>
        ) : (
          <div className="ms-intro">
            <p>
              对外地址：
              {published ? (
                <a
                  className="mono"
                  href={site.publicPath}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="micro-site-public-link"
                >
                  {site.publicPath}
                </a>
              ) : (
                <>
                  <code className="mono">{site.publicPath}</code>
                  <span className="muted">（发布后公众可访问）</span>
                </>
              )}
            </p>
            <p>
              {site.footerBadge ? (
                <>
                  页脚网站标识：编号 <strong className="mono">{site.footerBadge.badgeNumber}</strong>
                  {published ? '，已显示在网络红页底部。' : '，发布后显示在网络红页底部。'}
                </>
              ) : (
                <span className="muted">
                  暂无挂在网络红页上的网站标识。请在<Link href="/unit/sites">网站开办申请</Link>
                  中选择使用网络红页，标识发放后将自动显示在页脚。
                </span>
              )}
            </p>
            <div className="ms-actions">
              <a
                className="button button-light"
                href={`${site.publicPath}?preview=1`}
                target="_blank"
                rel="noopener noreferrer"
              >
                预览（新窗口打开）
              </a>
              <button
                type="button"
                className={published ? 'button button-light' : 'button button-primary'}
                onClick={onToggle}
                disabled={busy || (!published && dirty)}
                data-testid="micro-site-toggle"
              >
                {published ? '取消发布' : '发布网络红页'}
              </button>
              {!published && dirty && <span className="muted">有未保存的修改，请先保存再发布。</span>}
            </div>
          </div>
        )}
        {notice && (
          <p className="notice notice-ok" role="status" data-testid="micro-site-notice">
            {notice}
          </p>
        )}
        {statusFailure && <FailureNotice failure={statusFailure} testId="micro-site-status-error" />}
      </section>

      <section className="panel" aria-labelledby="ms-form-title">
        <div className="panel-head">
          <h2 id="ms-form-title">基本信息</h2>
          {published && <span className="panel-meta">已发布：保存后对外页面立即更新</span>}
        </div>
        <form className="ms-form" onSubmit={onSave} noValidate aria-busy={busy} data-testid="micro-site-form">
          {failure && <FailureNotice failure={failure} testId="micro-site-error" />}
          {field(
            'title',
            <input type="text" autoComplete="off" {...inputProps('title')} />,
            <p className="reg-help">一般为单位名称，显示在页面顶部和浏览器标签上。</p>,
          )}
          {field(
            'introduction',
            <textarea rows={6} {...inputProps('introduction')} />,
            <p className="reg-help">
              参考模版：{introTemplate(unitName)}{' '}
              <button
                type="button"
                className="ms-link-button"
                onClick={async () => {
                  const message = '用模版替换当前填写的单位简介吗？已填写的内容将被覆盖。'
                  if (
                    form.introduction.trim() &&
                    !(await confirm({ title: '使用模版', message, confirmLabel: '替换', danger: true }))
                  )
                    return
                  setForm((current) => ({ ...current, introduction: introTemplate(unitName) }))
                }}
              >
                使用模版
              </button>
            </p>,
          )}
          {field(
            'functions',
            <textarea rows={6} {...inputProps('functions')} />,
            <p className="reg-help">选填：本单位的主要职能、职责。</p>,
          )}
          {field(
            'contacts',
            <textarea rows={3} {...inputProps('contacts')} />,
            <p className="reg-help">选填：地址、邮编、办公电话等对外联系方式（请勿填写个人手机号和身份证号）。</p>,
          )}
          <div className="reg-actions">
            <button type="submit" className="button button-primary" disabled={busy || (!!site && !dirty)}>
              {site ? '保存修改' : '保存并创建网络红页'}
            </button>
            {site && dirty && (
              <button type="button" className="button button-light" onClick={() => setForm(saved)} disabled={busy}>
                放弃修改
              </button>
            )}
          </div>
        </form>
      </section>

      {site && <NewsManager published={published} />}
    </>
  )
}

/** An API failure; a conflict (someone saved or published in between) offers to reload the page. */
function FailureNotice({ failure, testId }: { failure: RequestFailure; testId: string }) {
  const hasFields = Object.keys(failure.fields).length > 0
  const message = hasFields ? `${failure.message}，请按各栏下方的提示修改。` : failure.message
  return <ErrorNotice message={message} code={failure.code} testId={testId} offerReload={failure.code === 'CONFLICT'} />
}
