// IDs as they enter through the API. Every row id of this schema is a PostgreSQL int4 (1 .. 2147483647), written in
// decimal. The services turn an ID argument into a number with Number(), which also reads "1e10", "0x10" or
// " 7 " and, beyond int4, gave Prisma a value it cannot send (INTERNAL_SERVER_ERROR). At the edge an ID that cannot
// be a row id becomes NO_ROW_ID, which no row has: every service then answers exactly as for an unknown id
// (NOT_FOUND, null, or ignored in a list), as it always did for malformed ones, and nothing odd reaches the database.

export const MAX_ROW_ID = 2_147_483_647

/** The id no row has (ids start at 1). */
export const NO_ROW_ID = '0'

/** The key under which an ID argument or input field that is not a row id (free text) says so in its extensions. */
export const FREE_ID_EXTENSION = 'freeId'

/** Options to spread into an ID argument or input field that holds something other than a row id. */
export const freeId = () => ({ extensions: { [FREE_ID_EXTENSION]: true } })

/**
 * The row id as the services should see it: itself when it is one, NO_ROW_ID otherwise. An empty string stays
 * empty: some optional ids take '' for "none" (e.g. an invoice without its collection).
 */
export function rowId(raw: string): string {
  if (raw === '') return raw
  return /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= MAX_ROW_ID ? raw : NO_ROW_ID
}
