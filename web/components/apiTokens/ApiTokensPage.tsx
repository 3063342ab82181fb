'use client'
// API 令牌 / 接口令牌管理 (office and CONAC staff): what a token is for and what it covers, 创建令牌, and the list.
import { useQuery } from 'urql'
import { ErrorNotice } from '@/components/ui/states'
import { ApiTokenList } from './ApiTokenList'
import { CreateApiTokenForm } from './CreateApiTokenForm'
import { ApiTokenOfficeDocument } from './documents'

/** endpoint: the API's /graphql, for the sample call shown with a new token. */
export function ApiTokensPage({ endpoint }: { endpoint: string }) {
  const [{ data, error }] = useQuery({ query: ApiTokenOfficeDocument })
  const office = data?.me?.office
  const officeRoles = data?.me?.officeRoles ?? []
  return (
    <>
      <section className="panel" aria-labelledby="api-tokens-title">
        <div className="panel-head">
          <h1 id="api-tokens-title">接口令牌管理</h1>
        </div>
        <div className="ms-intro">
          <p>
            API
            令牌用于其他业务系统与本平台的系统对接：对接系统在请求头中携带令牌，直接调用本平台的接口，无需工作人员登录。
          </p>
          <p data-testid="api-token-scope">
            令牌的数据范围是本单位
            {office ? (
              <>
                （<strong>{office.name}</strong>）所辖的<strong>{office.region.fullName}</strong>
              </>
            ) : (
              '所辖地区'
            )}
            及其下级全部地区。只读令牌只能查询数据；读写令牌还可以办理其角色允许的业务（审核员：审核；财务：收费、发票），请按需选择。
          </p>
          <p>令牌只在创建时显示一次，平台只保存其摘要，无法再次查看；不再使用或可能泄露时，请立即撤销。</p>
          <ErrorNotice error={error} />
        </div>
      </section>
      {data?.me && <CreateApiTokenForm endpoint={endpoint} officeRoles={officeRoles} />}
      {/* 撤销 depends on who is looking: the list waits for the viewer. */}
      {data?.me && <ApiTokenList viewerId={data.me.id} officeRoles={officeRoles} />}
    </>
  )
}
