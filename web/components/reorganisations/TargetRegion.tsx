'use client'
// 新设单位所属区域: province → city → county from the public regions query (the registration form's), with ids of
// its own so that several new units on one page keep their labels apart.
import { useQuery } from 'urql'
import { RegistrationRegionsQuery } from '@/components/registration/RegionPicker'

export interface RegionPath {
  province: string
  city: string
  county: string
}

export const chosenRegion = (path: RegionPath) => path.county || path.city || path.province

function useChildren(parentCode: string | null, pause: boolean) {
  const [{ data }] = useQuery({ query: RegistrationRegionsQuery, variables: { parentCode }, pause })
  return data?.regions.edges.map((edge) => edge.node) ?? []
}

export function TargetRegion({
  id,
  value,
  onChange,
}: {
  id: string
  value: RegionPath
  onChange: (value: RegionPath) => void
}) {
  const provinces = useChildren(null, false)
  const cities = useChildren(value.province || null, !value.province)
  const counties = useChildren(value.city || null, !value.city)
  return (
    <div className="field reg-wide">
      <span className="reg-label" id={`${id}-label`}>
        所属区域
      </span>
      <div className="reg-region" role="group" aria-labelledby={`${id}-label`}>
        <select
          id={id}
          aria-label="省（自治区、直辖市）"
          value={value.province}
          onChange={(event) => onChange({ province: event.target.value, city: '', county: '' })}
        >
          <option value="">请选择省份</option>
          {provinces.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
        <select
          aria-label="市（地区、州）"
          value={value.city}
          disabled={!value.province}
          onChange={(event) => onChange({ ...value, city: event.target.value, county: '' })}
        >
          <option value="">（省级单位不选）</option>
          {cities.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
        <select
          aria-label="县（市、区）"
          value={value.county}
          disabled={!value.city}
          onChange={(event) => onChange({ ...value, county: event.target.value })}
        >
          <option value="">（市级单位不选）</option>
          {counties.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
