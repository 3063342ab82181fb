'use client'
// 单位用户 (a unit's primary account): the unit's accounts, 新建用户 for another person of the unit (其他用户),
// 停用 / 启用, 重发激活.
import { ResultNotice } from '@/components/ui/states'
import { resultMessage } from '@/components/ui/resultMessages'
import { AccountList } from './AccountList'
import { helpResetAction } from './HelpResetPasswordButton'
import { CreateAccountForm } from './CreateAccountForm'
import { CreateUnitUserDocument } from './documents'
import { useCreateAccount } from './useCreateAccount'

export function UnitUsersPage({ viewerId, unitName }: { viewerId: string; unitName: string }) {
  const { result, create } = useCreateAccount(CreateUnitUserDocument, (name) =>
    resultMessage('createUnitUser', { name }),
  )
  return (
    <>
      <section className="panel" aria-labelledby="unit-users-title">
        <div className="panel-head">
          <h1 id="unit-users-title">单位用户</h1>
          <span className="panel-meta">{unitName}</span>
        </div>
        <p className="muted">主账号可以为本单位的其他经办人员开通账号（如副经办人），并可随时停用。</p>
        <ResultNotice result={result} testId="create-account-result" />
      </section>
      <CreateAccountForm
        title="新建单位用户"
        onCreate={({ roles: _roles, ...account }) => create({ input: account }, account.displayName)}
      />
      <AccountList
        source={{ kind: 'unit' }}
        title="本单位账号"
        empty="本单位还没有其他用户"
        searchLabel="用户名或姓名"
        options={{ canAdminister: true, viewerId, extraAction: helpResetAction }}
      />
    </>
  )
}
