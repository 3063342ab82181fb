'use client'
// 编办管理员 (CONAC): choose an office by its region, then its administrators: 新建管理员, 停用 / 启用, 重发激活.
// CONAC manages only the 管理员 role of other offices; their administrators manage the rest of their staff.
import { useState } from 'react'
import { useQuery } from 'urql'
import {
  RegionPicker,
  RegistrationRegionsQuery,
  EMPTY_REGION,
  type RegionChoice,
} from '@/components/registration/RegionPicker'
import { ResultNotice } from '@/components/ui/states'
import { resultMessage } from '@/components/ui/resultMessages'
import type { OfficeRole } from '@/graphql/generated/graphql'
import { AccountList } from './AccountList'
import { helpResetAction } from './HelpResetPasswordButton'
import styles from './Accounts.module.css'
import { CreateAccountForm } from './CreateAccountForm'
import { CreateOfficeUserDocument } from './documents'
import { useCreateAccount } from './useCreateAccount'

const ADMIN_ONLY: readonly OfficeRole[] = ['ADMIN']

/** The chosen region's office: looked up among its parent's children (the same query the picker runs). */
function useChosenOffice(choice: RegionChoice) {
  const code = choice.county || choice.city || choice.province
  const parentCode = choice.county ? choice.city : choice.city ? choice.province : null
  const [{ data }] = useQuery({ query: RegistrationRegionsQuery, variables: { parentCode }, pause: !code })
  const region = data?.regions.edges.map((edge) => edge.node).find((node) => node.code === code)
  return region ? { id: region.office?.id ?? null, name: region.name } : null
}

export function OfficeAdminsPage({ viewerId }: { viewerId: string }) {
  const [choice, setChoice] = useState<RegionChoice>(EMPTY_REGION)
  const office = useChosenOffice(choice)
  const { result, create } = useCreateAccount(CreateOfficeUserDocument, (name) =>
    resultMessage('createOfficeUser', { name }),
  )
  return (
    <>
      <section className="panel" aria-labelledby="office-admins-title">
        <div className="panel-head">
          <h1 id="office-admins-title">编办管理员</h1>
        </div>
        <p className="muted">
          选择地区，查看和管理该地区编办的管理员账号。各编办的审核员、财务账号由其管理员在“本办用户”中管理。
        </p>
        <div className={styles.picker}>
          <RegionPicker
            value={choice}
            onChange={setChoice}
            help="省级编办只选省份，市级编办选到市，县级编办选到区县。"
          />
        </div>
        {office && !office.id && <p className="field-error">“{office.name}”没有编办，请继续选择下级地区</p>}
        <ResultNotice result={result} testId="create-account-result" />
      </section>
      {office?.id && (
        <div key={office.id}>
          <CreateAccountForm
            title={`为${office.name}编办新建管理员`}
            roleChoices={ADMIN_ONLY}
            onCreate={(account) =>
              create({ input: { ...account, roles: ['ADMIN'], officeId: office.id } }, account.displayName)
            }
          />
          <AccountList
            source={{ kind: 'office', officeId: office.id }}
            title={`${office.name}编办的管理员`}
            empty="该编办还没有管理员"
            searchLabel="用户名或姓名"
            options={{ roles: { editable: ADMIN_ONLY }, canAdminister: true, viewerId, extraAction: helpResetAction }}
          />
        </div>
      )}
    </>
  )
}
