'use client'
// 本办用户 (office ADMIN) and 本中心用户 (CONAC ADMIN): the office's staff, 新建用户 with any of the three roles,
// 修改角色, 停用 / 启用, 重发激活.
import { ResultNotice } from '@/components/ui/states'
import { resultMessage } from '@/components/ui/resultMessages'
import { AccountList } from './AccountList'
import { helpResetAction } from './HelpResetPasswordButton'
import { CreateAccountForm } from './CreateAccountForm'
import { CreateOfficeUserDocument } from './documents'
import { ALL_ROLES } from './labels'
import { useCreateAccount } from './useCreateAccount'

export function OfficeUsersPage({ viewerId, officeName }: { viewerId: string; officeName: string }) {
  const { result, create } = useCreateAccount(CreateOfficeUserDocument, (name) =>
    resultMessage('createOfficeUser', { name }),
  )
  return (
    <>
      <section className="panel" aria-labelledby="office-users-title">
        <div className="panel-head">
          <h1 id="office-users-title">本办用户</h1>
          <span className="panel-meta">{officeName}</span>
        </div>
        <p className="muted">
          角色：管理员负责本办用户管理；审核员办理域名、网站和标识审核；财务办理收费、汇款和发票。一人可兼多个角色。账号停用后保留全部历史记录。
        </p>
        <ResultNotice result={result} testId="create-account-result" />
      </section>
      <CreateAccountForm
        title="新建用户"
        roleChoices={ALL_ROLES}
        onCreate={(account) => create({ input: account }, account.displayName)}
      />
      <AccountList
        source={{ kind: 'office' }}
        title="用户列表"
        empty="本办还没有其他用户"
        searchLabel="用户名或姓名"
        options={{ roles: { editable: ALL_ROLES }, canAdminister: true, viewerId, extraAction: helpResetAction }}
      />
    </>
  )
}
