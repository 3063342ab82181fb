// 帐户余额 in the top bar for an office's 财务: the office's prepaid balance at CONAC. Shows nothing when unavailable.
import { formatYuan } from '@/components/ui/format'
import { graphql } from '@/graphql/generated'
import { serverQuery } from '@/graphql/server'

const TopBarAccountQuery = graphql(`
  query TopBarAccount {
    officeAccount {
      prepaidFen
    }
  }
`)

export async function AccountBalance() {
  let balance: string
  try {
    const { data } = await serverQuery(TopBarAccountQuery)
    if (!data) return null
    balance = formatYuan(data.officeAccount.prepaidFen)
  } catch {
    return null
  }
  return (
    <span className="topbar-balance" data-testid="topbar-balance">
      帐户余额 {balance} 元
    </span>
  )
}
