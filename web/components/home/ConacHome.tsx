// CONAC 首页: units nationwide and the provinces with their offices.
import { graphql } from '@/graphql/generated'
import type { ConacHomeQuery as ConacHomeData } from '@/graphql/generated/graphql'
import { ProfileHeader } from './ProfileHeader'
import { ProvinceList } from './ProvinceList'
import { UnitList } from './UnitList'

export const ConacHomeQuery = graphql(`
  query ConacHome {
    me {
      id
      ...ProfileHeader_User
    }
    units(first: 10) {
      ...UnitList_Connection
    }
    regions(first: 40) {
      ...ProvinceList_Connection
    }
  }
`)

export function ConacHome({ data }: { data: ConacHomeData }) {
  if (!data.me) return null
  return (
    <>
      <ProfileHeader user={data.me} title="CONAC 首页" />
      <UnitList units={data.units} title="全国单位" />
      <ProvinceList regions={data.regions} />
    </>
  )
}
