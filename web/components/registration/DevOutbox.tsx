// 开发发件箱: the SMS and email the outbox holds, newest first. There is no SMS gateway in development, so this is
// where a person registering reads the verification code. The API refuses it in production.
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { serverQuery } from '@/graphql/server'

export const DevelopmentOutboxQuery = graphql(`
  query DevelopmentOutbox($first: Int) {
    developmentOutbox(first: $first) {
      id
      channel
      address
      subject
      body
      createdAt
    }
  }
`)

const CHANNEL_LABELS: Record<string, string> = { SMS: '短信', EMAIL: '邮件', IN_APP: '站内' }

export async function DevOutbox() {
  const { data, errors } = await serverQuery(DevelopmentOutboxQuery, { first: 50 })
  const messages = data?.developmentOutbox ?? []
  return (
    <section className="panel" aria-labelledby="outbox-title">
      <div className="panel-head">
        <h1 id="outbox-title">开发发件箱</h1>
        <span className="panel-meta">最近 50 条短信和邮件</span>
      </div>
      <p className="notice notice-warning" role="note">
        此页面仅在开发环境中存在：系统不连接真实的短信和邮件网关，发出的短信（含验证码）和邮件显示在这里。生产环境中不可用。
      </p>
      {errors.length > 0 ? (
        <ErrorNotice message={errors[0]!.message} code={errors[0]!.code} />
      ) : messages.length === 0 ? (
        <EmptyState>暂无短信或邮件</EmptyState>
      ) : (
        <TableScroll labelledBy="outbox-title">
          <table className="table" data-testid="outbox-table">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">渠道</th>
                <th scope="col">收件人</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td className="mono">{formatDateTime(message.createdAt)}</td>
                  <td>{CHANNEL_LABELS[message.channel] ?? message.channel}</td>
                  <td className="mono">{message.address}</td>
                  <td>
                    {message.subject && <strong>{message.subject}：</strong>}
                    {message.body}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
