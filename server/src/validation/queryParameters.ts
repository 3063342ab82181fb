// The /exports/* downloads take their filters from the query string rather than GraphQL arguments: the same rules
// as the schema edge (text.ts, dateTime.ts) apply to them here, refused as BAD_USER_INPUT naming the parameter.
import { badInput } from '../errors.ts'
import { checkDateTime } from './dateTime.ts'
import { checkText } from './text.ts'

/** A text parameter, checked and normalised; null when absent or empty. */
export function textParameter(params: URLSearchParams, name: string): string | null {
  const raw = params.get(name)
  if (!raw) return null
  const result = checkText(raw)
  if (!result.ok) throw badInput(`${name} ${result.problem}`, { [name]: result.problem })
  return result.value
}

/** An instant parameter (DateTime's formats); null when absent or empty. */
export function dateTimeParameter(params: URLSearchParams, name: string): Date | null {
  const raw = params.get(name)?.trim()
  if (!raw) return null
  const result = checkDateTime(raw)
  if (!result.ok) throw badInput(`${name} ${result.problem}`, { [name]: result.problem })
  return result.value
}
