'use client'
// 已记住的设备: the browsers where the person chose 记住此设备, which skip the second factor until they expire. A
// password change forgets them all; 移除 forgets one.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { TableScroll } from '@/components/ui/TableScroll'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'

const MyTrustedDevicesQuery = graphql(`
  query MyTrustedDevices {
    myTrustedDevices {
      id
      userAgent
      ip
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`)

const ForgetDeviceMutation = graphql(`
  mutation ForgetDevice($id: ID!) {
    forgetDevice(id: $id)
  }
`)

/** A short name for a browser from its User-Agent (enough to tell one's own devices apart). */
function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent) return '未知设备'
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : '浏览器'
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : ''
  return system ? `${browser}（${system}）` : browser
}

export function TrustedDevicesList() {
  const [devices, refetch] = useQuery({ query: MyTrustedDevicesQuery, requestPolicy: 'network-only' })
  const [, forget] = useMutation(ForgetDeviceMutation)
  const [result, setResult] = useState<{ error: boolean; text: string } | null>(null)

  async function onForget(id: string) {
    const done = await forget({ id })
    if (done.data?.forgetDevice) {
      setResult({ error: false, text: resultMessage('forgetDevice') })
      refetch({ requestPolicy: 'network-only' })
    } else setResult({ error: true, text: describeFailure(done.error, '移除失败，请稍后再试').message })
  }

  const rows = devices.data?.myTrustedDevices ?? []
  return (
    <section className="panel account-panel" aria-labelledby="trusted-devices-heading" data-testid="trusted-devices">
      <div className="panel-head">
        <h2 id="trusted-devices-heading">已记住的设备</h2>
      </div>
      <p className="reg-help">
        在这些浏览器上登录时不再需要验证码，到期或修改密码后失效。不认识的设备请立即移除并修改密码。
      </p>
      <ResultNotice result={result} testId="trusted-devices-result" />
      {devices.fetching && !devices.data ? (
        <Loading />
      ) : devices.error ? (
        <ErrorNotice error={devices.error} />
      ) : rows.length === 0 ? (
        <EmptyState testId="trusted-devices-empty">没有已记住的设备</EmptyState>
      ) : (
        <TableScroll labelledBy="trusted-devices-heading">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">设备</th>
                <th scope="col">网络地址</th>
                <th scope="col">记住时间</th>
                <th scope="col">最近使用</th>
                <th scope="col">到期时间</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((device) => (
                <tr key={device.id}>
                  <td>{deviceLabel(device.userAgent)}</td>
                  <td>{device.ip ?? '—'}</td>
                  <td>{formatDateTime(device.createdAt)}</td>
                  <td>{formatDateTime(device.lastUsedAt)}</td>
                  <td>{formatDateTime(device.expiresAt)}</td>
                  <td>
                    <button type="button" className="button dns-button-small" onClick={() => onForget(device.id)}>
                      移除
                    </button>
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
