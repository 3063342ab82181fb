'use client'
// 单位账号管理 (offices): the unit accounts of the office's region subtree. 管理员 may 停用 / 启用 them and resend
// an activation; 管理员 and 审核员 alike may 协助重置密码 (helpResetPassword's roles); the 管理员 of a unit's
// same-level office may start its 经办人交接 when the handler has left (the rows whose canStartHandover is true).
import { useState } from 'react'
import {
  OfficeHandoverButton,
  OfficeHandoverPanel,
  usePendingHandovers,
  type HandoverUnit,
} from '@/components/handover/OfficeHandover'
import { AccountList } from './AccountList'
import type { Account, RowActionResult } from './AccountTable'
import { helpResetAction } from './HelpResetPasswordButton'

export function UnitAccountsPage({ viewerId, canAdminister }: { viewerId: string; canAdminister: boolean }) {
  // Only a 管理员 may start one; a 审核员's page does not ask for handovers at all.
  const handovers = usePendingHandovers(!canAdminister)
  const [handoverUnit, setHandoverUnit] = useState<HandoverUnit | null>(null)

  function rowActions(account: Account, report: (result: RowActionResult) => void) {
    const unit = account.canStartHandover && account.unit
    return (
      <>
        {helpResetAction(account, report)}
        {unit && (
          <OfficeHandoverButton
            unit={{ unitId: unit.id, unitName: unit.name, handlerName: account.displayName }}
            pending={handovers.byUnit.has(unit.id)}
            onOpen={setHandoverUnit}
          />
        )}
      </>
    )
  }

  return (
    <>
      <section className="panel" aria-labelledby="unit-accounts-title">
        <div className="panel-head">
          <h1 id="unit-accounts-title">单位账号管理</h1>
        </div>
        <p className="muted">
          {canAdminister
            ? '本地区及下级地区注册单位的账号。停用后该账号立即无法登录，可以再次启用；单位忘记密码时可协助重置；本级单位的经办人离职时可办理经办人交接；单位的其他用户由单位主账号管理。'
            : '本地区及下级地区注册单位的账号。单位忘记密码时可协助重置；停用、启用和经办人交接由本办管理员办理；单位的其他用户由单位主账号管理。'}
        </p>
      </section>
      {handoverUnit && (
        <OfficeHandoverPanel
          key={handoverUnit.unitId}
          unit={handoverUnit}
          pending={handovers.byUnit.get(handoverUnit.unitId)}
          onClose={() => setHandoverUnit(null)}
          onChanged={handovers.reload}
        />
      )}
      <AccountList
        source={{ kind: 'unit' }}
        title="单位账号"
        empty="本地区还没有注册单位"
        searchLabel="单位名称、用户名或姓名"
        options={{ showUnit: true, canAdminister, viewerId, extraAction: rowActions }}
      />
    </>
  )
}
