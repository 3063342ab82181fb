'use client'
// 所属区域: province → city → county, from the public regions(parentCode) query. Groupings such as 市辖区 have no
// office of their own, so they can be opened but not chosen: the unit belongs to a division with an office.
import { useQuery } from 'urql'
import { graphql } from '@/graphql/generated'

export const RegistrationRegionsQuery = graphql(`
  query RegistrationRegions($parentCode: String) {
    regions(parentCode: $parentCode, first: 100) {
      edges {
        node {
          code
          name
          office {
            id
          }
        }
      }
    }
  }
`)

export interface RegionChoice {
  province: string
  city: string
  county: string
}

export const EMPTY_REGION: RegionChoice = { province: '', city: '', county: '' }

/** The id of the first select (province): where an error summary's link to 所属区域 goes. */
export const REGION_CONTROL_ID = 'reg-province'

/** The region the unit belongs to: the deepest level chosen. */
export function chosenRegionCode(choice: RegionChoice): string {
  return choice.county || choice.city || choice.province
}

function useChildren(parentCode: string | null, pause: boolean) {
  const [{ data, fetching }] = useQuery({
    query: RegistrationRegionsQuery,
    variables: { parentCode },
    pause,
  })
  return { regions: data?.regions.edges.map((edge) => edge.node) ?? [], fetching }
}

export function RegionPicker({
  value,
  onChange,
  error,
  help = '选择单位所在的行政区划，由同级编办进行初审。省级单位只选省份，市级单位选到市。',
}: {
  value: RegionChoice
  onChange: (choice: RegionChoice) => void
  error?: string
  /** The line under the selects; registration's wording unless another form says what the choice is for. */
  help?: string
}) {
  const provinces = useChildren(null, false)
  const cities = useChildren(value.province || null, !value.province)
  const counties = useChildren(value.city || null, !value.city)
  const selectedCity = cities.regions.find((region) => region.code === value.city)
  // A grouping (市辖区, 省直辖县级行政区划) needs a county below it.
  const needsCounty = !!selectedCity && !selectedCity.office && !value.county

  return (
    <div className="field reg-wide">
      <span className="reg-label" id="region-label">
        所属区域{' '}
        <span className="reg-required" aria-hidden="true">
          *
        </span>
      </span>
      <div className="reg-region" role="group" aria-labelledby="region-label">
        <select
          id={REGION_CONTROL_ID}
          aria-label="省（自治区、直辖市）"
          name="province"
          value={value.province}
          onChange={(event) => onChange({ province: event.target.value, city: '', county: '' })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'regionCode-error' : undefined}
        >
          <option value="">{provinces.fetching ? '加载中…' : '请选择省份'}</option>
          {provinces.regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
        <select
          aria-label="市（地区、州）"
          name="city"
          value={value.city}
          disabled={!value.province}
          onChange={(event) => onChange({ ...value, city: event.target.value, county: '' })}
        >
          <option value="">{cities.fetching ? '加载中…' : '（省级单位不选）'}</option>
          {cities.regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
        <select
          aria-label="县（市、区）"
          name="county"
          value={value.county}
          disabled={!value.city}
          onChange={(event) => onChange({ ...value, county: event.target.value })}
        >
          <option value="">{counties.fetching ? '加载中…' : needsCounty ? '请选择区县' : '（市级单位不选）'}</option>
          {counties.regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name}
            </option>
          ))}
        </select>
      </div>
      <p className="reg-help">{help}</p>
      {needsCounty && !error && <p className="field-error">“{selectedCity.name}”不是独立的行政区划，请继续选择区县</p>}
      {error && (
        <p className="field-error" id="regionCode-error">
          {error}
        </p>
      )}
    </div>
  )
}
