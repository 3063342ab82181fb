'use client'
// 工作动态 of the unit's 网络红页: the list (newest first, 20 a page) with 修改 and 删除 (after confirmation), and the
// form that adds a news item or edits the one chosen. On a published micro-site changes show at once.
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { type RequestFailure, describeFailure, readableErrorText } from '@/graphql/errors'
import {
  AddMicroSiteNewsItemMutation,
  charCount,
  DeleteMicroSiteNewsItemMutation,
  MyMicroSiteNewsQuery,
  NEWS_ITEM_LIMITS,
  UpdateMicroSiteNewsItemMutation,
} from './documents'

interface NewsItem {
  id: string
  title: string
  body: string
  publishedAt: string
}

const EMPTY = { title: '', body: '' }

export function NewsManager({ published }: { published: boolean }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MyMicroSiteNewsQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [, add] = useMutation(AddMicroSiteNewsItemMutation)
  const [, update] = useMutation(UpdateMicroSiteNewsItemMutation)
  const [, remove] = useMutation(DeleteMicroSiteNewsItemMutation)
  const confirm = useConfirm()
  const [editing, setEditing] = useState<NewsItem | null>(null)
  const [form, setForm] = useState(EMPTY)
  const [failure, setFailure] = useState<RequestFailure | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const connection = data?.myMicroSite?.newsItems
  const reload = () => refetch({ requestPolicy: 'network-only' })

  function startEdit(item: NewsItem) {
    setEditing(item)
    setForm({ title: item.title, body: item.body })
    setFailure(null)
    setListError(null)
    setNotice(null)
    document.getElementById('ms-news-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }

  function stopEdit() {
    setEditing(null)
    setForm(EMPTY)
    setFailure(null)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(null)
    setListError(null)
    setNotice(null)
    const result = editing ? await update({ input: { id: editing.id, ...form } }) : await add({ input: form })
    setBusy(false)
    if (result.error) {
      setFailure(describeFailure(result.error))
      return
    }
    const title = form.title.trim()
    setNotice(
      editing
        ? resultMessage('updateMicroSiteNewsItem', { title })
        : resultMessage('addMicroSiteNewsItem', { title, published }),
    )
    if (!editing) pages.reset()
    stopEdit()
    reload()
  }

  async function onDelete(item: NewsItem) {
    const message = `确定删除工作动态「${item.title}」吗？删除后不能恢复${published ? '，对外页面上也将不再显示' : ''}。`
    if (!(await confirm({ title: '删除工作动态', message, confirmLabel: '删除', danger: true }))) return
    setBusy(true)
    setListError(null)
    setNotice(null)
    const result = await remove({ id: item.id })
    setBusy(false)
    if (result.error) {
      setListError(readableErrorText(result.error))
    } else {
      setNotice(resultMessage('deleteMicroSiteNewsItem', { title: item.title }))
      if (editing?.id === item.id) stopEdit()
    }
    reload()
  }

  const counter = (name: 'title' | 'body') => {
    const count = charCount(form[name])
    const over = count > NEWS_ITEM_LIMITS[name]
    return (
      <p className={over ? 'ms-count field-error' : 'ms-count muted'} id={`ms-news-${name}-count`} aria-live="polite">
        已输入 {count} / {NEWS_ITEM_LIMITS[name]} 字{over && '，超出字数限制'}
      </p>
    )
  }

  return (
    <section className="panel" aria-labelledby="ms-news-panel-title">
      <div className="panel-head">
        <h2 id="ms-news-panel-title">工作动态</h2>
        {connection && <span className="panel-meta">共 {connection.totalCount} 条，对外页面显示最新 50 条</span>}
      </div>
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="news-notice">
          {notice}
        </p>
      )}
      <ErrorNotice message={listError} />
      <ErrorNotice error={error} />

      <form
        id="ms-news-form"
        className="ms-form"
        onSubmit={onSubmit}
        noValidate
        aria-busy={busy}
        data-testid="news-form"
      >
        <h3 className="ms-form-title">{editing ? `修改工作动态：${editing.title}` : '添加工作动态'}</h3>
        <ErrorNotice message={failure?.message} code={failure?.code} />
        <div className="field ms-field">
          <label htmlFor="ms-news-title">
            标题
            <span className="reg-required" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <input
            id="ms-news-title"
            type="text"
            autoComplete="off"
            required
            value={form.title}
            onChange={(event) => setForm((current) => ({ ...current, title: event.target.value }))}
            aria-invalid={failure?.fields.title ? true : undefined}
            aria-describedby="ms-news-title-count"
          />
          {counter('title')}
          {failure?.fields.title && <p className="field-error">{failure.fields.title}</p>}
        </div>
        <div className="field ms-field">
          <label htmlFor="ms-news-body">
            正文
            <span className="reg-required" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <textarea
            id="ms-news-body"
            rows={8}
            required
            value={form.body}
            onChange={(event) => setForm((current) => ({ ...current, body: event.target.value }))}
            aria-invalid={failure?.fields.body ? true : undefined}
            aria-describedby="ms-news-body-count"
          />
          {counter('body')}
          {failure?.fields.body && <p className="field-error">{failure.fields.body}</p>}
        </div>
        <div className="reg-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !form.title.trim() || !form.body.trim()}
          >
            {editing ? '保存修改' : '添加动态'}
          </button>
          {editing && (
            <button type="button" className="button button-light" onClick={stopEdit} disabled={busy}>
              取消修改
            </button>
          )}
        </div>
      </form>

      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="news-empty">
          还没有工作动态。添加的动态按时间倒序显示在网络红页的“工作动态”栏目中。
        </EmptyState>
      ) : (
        <TableScroll labelledBy="ms-news-panel-title">
          <table className="table" data-testid="news-list">
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">发布时间</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id} className={editing?.id === node.id ? 'ms-row-editing' : undefined}>
                  <td className="table-wrap-cell">
                    <strong>{node.title}</strong>
                    <p className="muted ms-excerpt">
                      {node.body.length > 80 ? `${node.body.slice(0, 80)}…` : node.body}
                    </p>
                  </td>
                  <td>{formatDateTime(node.publishedAt)}</td>
                  <td className="domain-row-actions table-actions">
                    <button
                      type="button"
                      className="button button-light"
                      onClick={() => startEdit(node)}
                      disabled={busy}
                    >
                      修改
                    </button>
                    <button
                      type="button"
                      className="button button-light"
                      onClick={() => onDelete(node)}
                      disabled={busy}
                    >
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
