'use client'
// 申报单位管理 (offices): the unit accounts of the office's region subtree. 管理员 may 停用 / 启用 them and resend
// an activation; 管理员 and 审核员 alike may 协助重置密码 (helpResetPassword's roles).
import { AccountList } from './AccountList'
import { helpResetAction } from './HelpResetPasswordButton'

export function UnitAccountsPage({ viewerId, canAdminister }: { viewerId: string; canAdminister: boolean }) {
  return (
    <>
      <section className="panel" aria-labelledby="unit-accounts-title">
        <div className="panel-head">
          <h1 id="unit-accounts-title">申报单位管理</h1>
        </div>
        <p className="muted">
          {canAdminister
            ? '本地区及下级地区注册单位的账号。停用后该账号立即无法登录，可以再次启用；单位忘记密码时可协助重置；单位的其他用户由单位主账号管理。'
            : '本地区及下级地区注册单位的账号。单位忘记密码时可协助重置；停用和启用由本办管理员办理；单位的其他用户由单位主账号管理。'}
        </p>
      </section>
      <AccountList
        source={{ kind: 'unit' }}
        title="单位账号"
        empty="本地区还没有注册单位"
        searchLabel="单位名称、用户名或姓名"
        options={{ showUnit: true, canAdminister, viewerId, extraAction: helpResetAction }}
      />
    </>
  )
}
