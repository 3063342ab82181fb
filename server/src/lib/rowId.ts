// A row id as the commands take it: a positive integer, or NOT_FOUND (an id that cannot exist names nothing, so it
// is answered like one outside the viewer's scope, not as bad input).
import { notFound } from '../errors.ts'

export function parseId(id: string | number, what: string): number {
  const value = Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw notFound(what)
  return value
}
