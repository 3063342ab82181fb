'use client'
// The unit's DNS editor: the table with 修改/删除, and the 添加解析 / 修改解析 form. The API validates; this
// shows its messages next to the fields, then refreshes the server-rendered list.
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { DNS_RECORD_TYPE_LABELS } from '@/components/labels'
import { Field } from '@/components/ui/Field'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { describeFailure, readableErrorText, type RequestFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DnsRecordType, UrlForwardRedirect } from '@/graphql/generated/graphql'
import { DnsRecordTable, FORWARD_REDIRECT_LABELS, isForwardPartner, type DnsRecordRow } from './DnsRecordTable'

export const AddDnsRecordMutation = graphql(`
  mutation AddDnsRecord($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
    }
  }
`)

export const UpdateDnsRecordMutation = graphql(`
  mutation UpdateDnsRecord($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
    }
  }
`)

export const DeleteDnsRecordMutation = graphql(`
  mutation DeleteDnsRecord($id: ID!) {
    deleteDnsRecord(id: $id)
  }
`)

const TYPES: DnsRecordType[] = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'URL_FORWARD']

const VALUE_HINTS: Record<DnsRecordType, { label: string; placeholder: string }> = {
  A: { label: '记录值（IPv4 地址）', placeholder: '例如 202.96.134.133' },
  AAAA: { label: '记录值（IPv6 地址）', placeholder: '例如 2001:db8::1' },
  CNAME: { label: '记录值（目标主机名）', placeholder: '例如 www.example.gov.cn' },
  MX: { label: '记录值（邮件服务器）', placeholder: '例如 mail.example.gov.cn' },
  TXT: { label: '记录值（文本，1 到 255 个字符）', placeholder: '例如 v=spf1 -all' },
  URL_FORWARD: { label: '目标地址（http:// 或 https:// 开头）', placeholder: '例如 http://www.example.gov.cn' },
}

/** Empty text means "not given"; anything else must be a whole number (the API checks the range). */
function optionalInt(text: FormDataEntryValue | null): number | null {
  const raw = String(text ?? '').trim()
  if (raw === '') return null
  return /^-?\d+$/.test(raw) ? Number(raw) : NaN
}

export function DnsRecordManager({ domainId, records }: { domainId: string; records: DnsRecordRow[] }) {
  const router = useRouter()
  const [editing, setEditing] = useState<DnsRecordRow | null>(null)
  const [formKey, setFormKey] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [, deleteRecord] = useMutation(DeleteDnsRecordMutation)
  const confirm = useConfirm()

  async function onDelete(record: DnsRecordRow) {
    const paired = Boolean(record.forwardGroup)
    const question = paired
      ? `确定删除主机记录 ${record.host} 的 URL转发吗？该转发的两条记录（URL转发记录和自动生成的 A 记录）将一起删除。`
      : `确定删除主机记录 ${record.host} 的 ${DNS_RECORD_TYPE_LABELS[record.type]} 记录吗？`
    if (
      !(await confirm({
        title: paired ? '删除 URL转发' : '删除解析记录',
        message: question,
        confirmLabel: '删除',
        danger: true,
      }))
    )
      return
    setListError(null)
    const result = await deleteRecord({ id: record.id })
    if (result.error) {
      setListError(readableErrorText(result.error))
      return
    }
    if (editing && result.data?.deleteDnsRecord.includes(editing.id)) setEditing(null)
    setNotice(resultMessage('deleteDnsRecord', { urlForward: paired }))
    router.refresh()
  }

  return (
    <>
      {notice && (
        <p className="notice dns-notice" role="status" data-testid="dns-notice">
          {notice}
        </p>
      )}
      <ErrorNotice message={listError} testId="dns-list-error" />
      <DnsRecordTable
        records={records}
        actions={(record) => (
          <>
            {!isForwardPartner(record) && (
              <button
                type="button"
                className="button dns-button-small"
                onClick={() => {
                  setNotice(null)
                  setEditing(record)
                  setFormKey((key) => key + 1)
                }}
              >
                修改
              </button>
            )}
            <button
              type="button"
              className="button dns-button-small dns-button-danger"
              onClick={() => onDelete(record)}
            >
              删除
            </button>
          </>
        )}
      />
      <DnsRecordForm
        key={formKey}
        domainId={domainId}
        editing={editing}
        onCancel={() => {
          setEditing(null)
          setFormKey((key) => key + 1)
        }}
        onSaved={(text) => {
          setEditing(null)
          setFormKey((key) => key + 1)
          setNotice(text)
          router.refresh()
        }}
      />
    </>
  )
}

function DnsRecordForm({
  domainId,
  editing,
  onCancel,
  onSaved,
}: {
  domainId: string
  editing: DnsRecordRow | null
  onCancel: () => void
  onSaved: (notice: string) => void
}) {
  const [, addRecord] = useMutation(AddDnsRecordMutation)
  const [, updateRecord] = useMutation(UpdateDnsRecordMutation)
  const [type, setType] = useState<DnsRecordType>(editing?.type ?? 'A')
  const [submitting, setSubmitting] = useState(false)
  const [failure, setFailure] = useState<Pick<RequestFailure, 'message' | 'fields'> | null>(null)
  const hint = VALUE_HINTS[type]

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const form = new FormData(event.currentTarget)
    const host = String(form.get('host') ?? '')
    const value = String(form.get('value') ?? '')
    const ttl = optionalInt(form.get('ttl'))
    const priority = type === 'MX' ? optionalInt(form.get('priority')) : null
    const forward =
      type === 'URL_FORWARD'
        ? {
            forwardRedirect: String(form.get('forwardRedirect')) as UrlForwardRedirect,
            forwardKeepPath: form.get('forwardKeepPath') === 'on',
          }
        : {}
    const local: Record<string, string> = {}
    if (Number.isNaN(ttl)) local.ttl = 'TTL 应为整数'
    if (Number.isNaN(priority)) local.priority = '优先级应为整数'
    if (Object.keys(local).length) {
      setFailure({ message: '解析记录填写有误', fields: local })
      return
    }
    setSubmitting(true)
    setFailure(null)
    const result = editing
      ? await updateRecord({ input: { id: editing.id, host, value, ttl, priority, ...forward } })
      : await addRecord({ input: { domainId, host, type, value, ttl, priority, ...forward } })
    setSubmitting(false)
    if (result.error) {
      setFailure(describeFailure(result.error))
      return
    }
    onSaved(
      editing
        ? resultMessage('updateDnsRecord')
        : resultMessage('addDnsRecord', { urlForward: type === 'URL_FORWARD' }),
    )
  }

  const fieldError = (name: string) => failure?.fields[name]

  return (
    <form className="dns-form" onSubmit={onSubmit} noValidate aria-busy={submitting} data-testid="dns-form">
      <h3>{editing ? `修改解析（${DNS_RECORD_TYPE_LABELS[editing.type]}）` : '添加解析'}</h3>
      <ErrorNotice message={failure?.message} testId="dns-form-error" />
      <div className="dns-form-grid">
        <div className="field">
          <label htmlFor="dns-type">记录类型</label>
          <select
            id="dns-type"
            name="type"
            value={type}
            disabled={Boolean(editing)}
            onChange={(event) => setType(event.target.value as DnsRecordType)}
          >
            {TYPES.map((value) => (
              <option key={value} value={value}>
                {DNS_RECORD_TYPE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <Field id="dns-host" label="主机记录" error={fieldError('host')} help="@ 表示域名本身，* 表示泛解析，或如 www">
          {(control) => (
            <input
              {...control}
              name="host"
              type="text"
              defaultValue={editing?.host ?? '@'}
              maxLength={63}
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="dns-value" label={hint.label} error={fieldError('value')} className="dns-field-wide">
          {(control) => (
            <input
              {...control}
              name="value"
              type="text"
              defaultValue={editing?.value ?? ''}
              placeholder={hint.placeholder}
              maxLength={512}
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="dns-ttl" label="TTL（秒）" error={fieldError('ttl')}>
          {(control) => (
            <input
              {...control}
              name="ttl"
              type="number"
              inputMode="numeric"
              min={60}
              max={86400}
              defaultValue={editing?.ttl ?? 600}
            />
          )}
        </Field>
        {type === 'MX' && (
          <Field id="dns-priority" label="MX 优先级（越小越优先）" error={fieldError('priority')}>
            {(control) => (
              <input
                {...control}
                name="priority"
                type="number"
                inputMode="numeric"
                min={0}
                max={65535}
                defaultValue={editing?.priority ?? 10}
              />
            )}
          </Field>
        )}
        {type === 'URL_FORWARD' && (
          <Field id="dns-forward-redirect" label="跳转方式" error={fieldError('forwardRedirect')}>
            {(control) => (
              <select {...control} name="forwardRedirect" defaultValue={editing?.forwardRedirect ?? 'TEMPORARY'}>
                {(['TEMPORARY', 'PERMANENT'] as const).map((value) => (
                  <option key={value} value={value}>
                    {FORWARD_REDIRECT_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {type === 'URL_FORWARD' && (
          <label className="checkbox-field dns-forward-keep-path">
            <input type="checkbox" name="forwardKeepPath" defaultChecked={editing?.forwardKeepPath ?? false} />
            保留路径和参数（如 /news?id=1 转到目标地址/news?id=1）
          </label>
        )}
      </div>
      {type === 'URL_FORWARD' && (
        <p className="notice notice-warning dns-forward-note" data-testid="dns-forward-note">
          {editing
            ? '修改目标地址只改变 URL转发记录；修改主机记录或 TTL 时，自动生成的 A 记录随之一起修改。'
            : '添加 URL转发将自动生成两条记录：一条 URL转发记录，和一条指向转发服务器的 A 记录。删除其中任一条时两条一起删除。该主机记录上不能同时有其他 A、AAAA 或 CNAME 记录。301 永久重定向会被浏览器和搜索引擎记住，改回前请确认；目标地址不能经转发回到本域名。'}
        </p>
      )}
      <div className="dns-form-actions">
        <button type="submit" className="button button-primary" disabled={submitting}>
          {editing ? '保存修改' : '添加解析'}
        </button>
        {editing && (
          <button type="button" className="button" onClick={onCancel} disabled={submitting}>
            取消
          </button>
        )}
      </div>
    </form>
  )
}
