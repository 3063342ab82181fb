'use client'
// 域名及简繁变体: the names a domain holds, each in the form people read (U-label) and the form DNS carries
// (A-label, xn--…), and for the unit the choice whether each reserved 简繁 variant resolves like the domain.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useMutation } from 'urql'
import { DnsName } from '@/components/ui/DnsName'
import { TableScroll } from '@/components/ui/TableScroll'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainNamesPanel_DomainFragment } from '@/graphql/generated/graphql'

export const DomainNamesPanel_Domain = graphql(`
  fragment DomainNamesPanel_Domain on Domain {
    id
    status
    names {
      id
      kind
      fullName
      aLabelName
      resolves
      live
    }
  }
`)

export const SetDomainNameResolvesMutation = graphql(`
  mutation SetDomainNameResolves($id: ID!, $resolves: Boolean!) {
    setDomainNameResolves(id: $id, resolves: $resolves) {
      id
      resolves
    }
  }
`)

type Name = DomainNamesPanel_DomainFragment['names'][number]

function resolvesText(name: Name): string {
  if (name.kind === 'PRIMARY') return '解析'
  return name.resolves ? '与域名本身一样解析' : '仅保留，不解析'
}

export function DomainNamesPanel({ domain, editable }: { domain: DomainNamesPanel_DomainFragment; editable: boolean }) {
  const router = useRouter()
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [{ fetching }, setResolves] = useMutation(SetDomainNameResolvesMutation)
  const variants = domain.names.filter((name) => name.kind === 'VARIANT')

  async function toggle(name: Name) {
    setNotice(null)
    setError(null)
    const result = await setResolves({ id: name.id, resolves: !name.resolves })
    if (result.error) {
      setError(readableErrorText(result.error))
      return
    }
    setNotice(resultMessage('setDomainNameResolves', { fullName: name.fullName, resolves: !name.resolves }))
    router.refresh()
  }

  return (
    <section className="panel" aria-labelledby="domain-names-title" data-testid="domain-names">
      <div className="panel-head">
        <h2 id="domain-names-title">域名及简繁变体</h2>
        <span className="panel-meta">
          {variants.length ? `另有 ${variants.length} 个简繁变体为本单位保留` : '该域名没有简繁变体'}
        </span>
      </div>
      <p className="muted domain-names-help">
        中文域名在 DNS 中以 xn-- 开头的编码形式（A-label）出现，配置服务器、证书或查询解析时请使用该形式。
        {variants.length > 0 && '简繁变体只为本单位保留，其他单位不能申请；可以选择变体是否与域名本身一样解析。'}
      </p>
      {notice && (
        <p className="notice dns-notice" role="status" data-testid="domain-names-notice">
          {notice}
        </p>
      )}
      <ErrorNotice message={error} testId="domain-names-error" />
      <TableScroll labelledBy="domain-names-title">
        <table className="table" data-testid="domain-names-table">
          <thead>
            <tr>
              <th scope="col">域名</th>
              <th scope="col" className="table-code">
                DNS 中的形式（A-label）
              </th>
              <th scope="col">类别</th>
              <th scope="col">解析</th>
              {editable && (
                <th scope="col" className="table-actions">
                  操作
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {domain.names.map((name) => (
              <tr key={name.id}>
                <td>{name.fullName}</td>
                <td className="mono dns-value table-code" data-testid="domain-name-a-label">
                  <DnsName name={name.aLabelName} />
                </td>
                <td>{name.kind === 'PRIMARY' ? '申请的域名' : '简繁变体'}</td>
                <td>{resolvesText(name)}</td>
                {editable && (
                  <td className="table-actions">
                    {name.kind === 'VARIANT' && name.live && (
                      <button
                        type="button"
                        className="button dns-button-small"
                        disabled={fetching}
                        onClick={() => toggle(name)}
                      >
                        {name.resolves ? '停止解析' : '设为解析'}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}
