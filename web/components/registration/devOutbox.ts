// Whether the API runs with the development outbox: the forms then point to /dev/outbox for the verification code.
// Asked of the API, because the portal's own NODE_ENV (production under `next start`) says nothing about it.
import { graphql } from '@/graphql/generated'
import { serverQuery } from '@/graphql/server'

export const DevOutboxEnabledQuery = graphql(`
  query DevOutboxEnabled {
    developmentOutboxEnabled
  }
`)

export async function isDevOutboxOn(): Promise<boolean> {
  const { data } = await serverQuery(DevOutboxEnabledQuery).catch(() => ({ data: null }))
  return data?.developmentOutboxEnabled ?? false
}
