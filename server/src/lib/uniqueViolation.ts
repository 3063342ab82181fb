// A unique violation as Prisma reports it: P2002 from the query engine, or, through a driver adapter, an error whose
// cause is PostgreSQL's 23505 (PGlite's adapter passes it on as a raw 'postgres' error).

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, cause } = error as {
    code?: unknown
    cause?: { code?: unknown; kind?: unknown; originalCode?: unknown }
  }
  if (code === 'P2002') return true
  return cause?.kind === 'UniqueConstraintViolation' || cause?.code === '23505' || cause?.originalCode === '23505'
}
