'use client'
// The accounts of one list (本办用户, 编办管理员, 单位账号管理, 单位用户) and what an administrator does to each row:
// 修改角色 (staff lists), 停用 with a reason and a confirmation, 启用, 重发激活. The viewer's own row offers none of
// them (nobody disables themself). What the API refuses is shown in its Chinese words above the table.
import { useState } from 'react'
import { useMutation } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { Field } from '@/components/ui/Field'
import { RowActions } from '@/components/ui/RowActions'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ResultNotice, type ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import type { AccountTable_AccountFragment, OfficeRole } from '@/graphql/generated/graphql'
import {
  DisableUserDocument,
  EnableUserDocument,
  ResendActivationDocument,
  SetOfficeUserRolesDocument,
} from './documents'
import styles from './Accounts.module.css'
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import { ALL_ROLES, STATUS_LABELS, UNIT_ROLE_LABELS } from './labels'

export type Account = AccountTable_AccountFragment

const STATUS_TONES = { ACTIVE: 'ok', PENDING_ACTIVATION: 'warn', DISABLED: 'neutral' } as const

export interface AccountTableOptions {
  /** The table's id, for its heading's aria-labelledby. */
  labelledBy: string
  /** Show 角色 and offer 修改角色 (staff lists). */
  roles?: { editable: readonly OfficeRole[] }
  /** Show the unit's name (单位账号管理). */
  showUnit?: boolean
  /** Whether the viewer may 停用/启用/重发激活 here (单位账号管理 is read-only to 审核员). */
  canAdminister: boolean
  /** The viewer's own user id: that row offers no action. */
  viewerId: string
  /**
   * One more action of the row (协助重置密码), wired by the page; it reports its outcome through `report`, which the
   * table shows above itself like its own actions' outcomes (in the cell it would widen the action column).
   */
  extraAction?: (account: Account, report: (result: RowActionResult) => void) => React.ReactNode
  onChanged: () => void
}

/** An action's outcome, with the test id of its notice when it is not the table's own (`accounts-result`). */
export type RowActionResult = ActionResult & { testId?: string }

export function AccountTable({ accounts, options }: { accounts: Account[]; options: AccountTableOptions }) {
  const [, disable] = useMutation(DisableUserDocument)
  const [, enable] = useMutation(EnableUserDocument)
  const [, resend] = useMutation(ResendActivationDocument)
  const [, setRoles] = useMutation(SetOfficeUserRolesDocument)
  const confirm = useConfirm()
  const [result, setResult] = useState<RowActionResult | null>(null)
  const [busy, setBusy] = useState(false)
  /** The row whose 停用 or 修改角色 form is open. */
  const [open, setOpen] = useState<{ id: string; form: 'disable' | 'roles' } | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [roles, setRolesChoice] = useState<OfficeRole[]>([])

  async function run(
    send: () => Promise<{ error?: Parameters<typeof readableErrorText>[0] }>,
    success: string,
  ): Promise<void> {
    setBusy(true)
    const answer = await send()
    setBusy(false)
    if (answer.error) {
      setResult({ text: readableErrorText(answer.error), error: true })
    } else {
      setResult({ text: success, error: false })
      setOpen(null)
    }
    options.onChanged()
  }

  async function onDisable(account: Account) {
    const text = reason.trim()
    if (!text || text.length > 200) {
      setReasonError('请填写停用原因（1–200 个字）')
      return
    }
    const message = `确认停用“${account.displayName}（${account.username}）”的账号？停用后其登录立即失效，账号和历史记录保留，可以再次启用。`
    if (!(await confirm({ title: '停用账号', message, confirmLabel: '停用', danger: true }))) return
    await run(
      () => disable({ input: { userId: account.id, reason: text, version: account.version } }),
      resultMessage('disableUser', { name: account.displayName }),
    )
  }

  function openForm(account: Account, form: 'disable' | 'roles') {
    setOpen({ id: account.id, form })
    setReason('')
    setReasonError(null)
    setRolesChoice([...account.officeRoles])
  }

  return (
    <>
      <ResultNotice result={result} testId={result?.testId ?? 'accounts-result'} />
      <TableScroll labelledBy={options.labelledBy}>
        <table className={`table table-fit ${styles.accounts}`} data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              {options.showUnit && <th scope="col">单位</th>}
              {options.roles ? <th scope="col">角色</th> : <th scope="col">账号类型</th>}
              <th scope="col">手机号码</th>
              <th scope="col">状态</th>
              <th scope="col">最近登录</th>
              <th scope="col" className="table-actions">
                操作
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const own = account.id === options.viewerId
              const formOpen = open?.id === account.id ? open.form : null
              return (
                <tr key={account.id} data-testid={`account-${account.username}`} data-status={account.status}>
                  <td className="mono">{account.username}</td>
                  <td>{account.displayName}</td>
                  {options.showUnit && <td className="table-wrap-cell">{account.unit?.name ?? '—'}</td>}
                  <td>
                    {options.roles
                      ? account.officeRoles.map((role) => OFFICE_ROLE_LABELS[role]).join('、') || '—'
                      : account.unitRole
                        ? UNIT_ROLE_LABELS[account.unitRole]
                        : '—'}
                  </td>
                  <td className="mono">{account.maskedMobile ?? '—'}</td>
                  <td>
                    <StatusTag tone={STATUS_TONES[account.status]} testId="account-status">
                      {STATUS_LABELS[account.status]}
                    </StatusTag>
                    {account.disabledReason && <p className="muted">原因：{account.disabledReason}</p>}
                  </td>
                  <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt) : '从未登录'}</td>
                  <td className="table-actions">
                    {own ? (
                      <span className="muted">本人</span>
                    ) : (
                      <RowActions>
                        {options.canAdminister && (
                          <>
                            {options.roles && account.status !== 'DISABLED' && (
                              <button
                                type="button"
                                className="button button-light"
                                disabled={busy}
                                onClick={() => openForm(account, 'roles')}
                              >
                                修改角色
                              </button>
                            )}
                            {account.status === 'PENDING_ACTIVATION' && (
                              <button
                                type="button"
                                className="button button-light"
                                disabled={busy}
                                onClick={() =>
                                  run(
                                    () => resend({ userId: account.id }),
                                    resultMessage('resendActivation', { name: account.displayName }),
                                  )
                                }
                              >
                                重发激活
                              </button>
                            )}
                            {account.status === 'DISABLED' ? (
                              <button
                                type="button"
                                className="button button-light"
                                disabled={busy}
                                onClick={() =>
                                  run(
                                    () => enable({ input: { userId: account.id, version: account.version } }),
                                    resultMessage('enableUser', { name: account.displayName }),
                                  )
                                }
                              >
                                启用
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="button button-light"
                                disabled={busy}
                                onClick={() => openForm(account, 'disable')}
                              >
                                停用
                              </button>
                            )}
                          </>
                        )}
                        {/* Not only administrators: 审核员 help units reset too (helpResetPassword's roles). */}
                        {options.extraAction?.(account, setResult)}
                      </RowActions>
                    )}
                    {formOpen === 'disable' && (
                      <div className={styles.inlineForm} data-testid="disable-form">
                        <Field id={`disable-reason-${account.id}`} label="停用原因" required error={reasonError}>
                          {(control) => (
                            <input
                              {...control}
                              value={reason}
                              maxLength={200}
                              placeholder="如：调离本单位"
                              onChange={(e) => setReason(e.target.value)}
                            />
                          )}
                        </Field>
                        <div className={styles.actions}>
                          <button
                            type="button"
                            className={`button ${styles.danger}`}
                            disabled={busy}
                            onClick={() => onDisable(account)}
                          >
                            确认停用
                          </button>
                          <button type="button" className="button button-light" onClick={() => setOpen(null)}>
                            取消
                          </button>
                        </div>
                      </div>
                    )}
                    {formOpen === 'roles' && options.roles && (
                      <div className={styles.inlineForm} data-testid="roles-form">
                        <fieldset className={styles.roles}>
                          <legend>角色</legend>
                          {ALL_ROLES.map((role) => (
                            <label key={role}>
                              <input
                                type="checkbox"
                                checked={roles.includes(role)}
                                disabled={!options.roles!.editable.includes(role)}
                                onChange={(e) =>
                                  setRolesChoice((held) =>
                                    e.target.checked ? [...held, role] : held.filter((r) => r !== role),
                                  )
                                }
                              />
                              {OFFICE_ROLE_LABELS[role]}
                            </label>
                          ))}
                        </fieldset>
                        <p className="muted">修改后该用户需重新登录。</p>
                        <div className={styles.actions}>
                          <button
                            type="button"
                            className="button button-primary"
                            disabled={busy}
                            onClick={() =>
                              run(
                                () => setRoles({ input: { userId: account.id, roles, version: account.version } }),
                                resultMessage('setOfficeUserRoles', { name: account.displayName }),
                              )
                            }
                          >
                            保存角色
                          </button>
                          <button type="button" className="button button-light" onClick={() => setOpen(null)}>
                            取消
                          </button>
                        </div>
                      </div>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  )
}
