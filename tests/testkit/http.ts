// GraphQL over HTTP against the API the browser suite started: for setting up a browser test's data through the
// same API a person or an integrator would use (the embedded database belongs to the API process).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'

export interface HttpResult<T> {
  data?: T
  errors?: { message: string; extensions?: { code?: string } }[]
}

export async function postGraphql<T, V>(apiUrl: string, document: TypedDocumentNode<T, V>, variables: V, cookie?: string): Promise<HttpResult<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  })
  return (await response.json()) as HttpResult<T>
}

/** Like postGraphql, but any error fails the set-up step with the API's message. */
export async function mustPost<T, V>(apiUrl: string, document: TypedDocumentNode<T, V>, variables: V, cookie?: string): Promise<T> {
  const result = await postGraphql(apiUrl, document, variables, cookie)
  if (result.errors?.length || !result.data) throw new Error(`GraphQL set-up failed: ${JSON.stringify(result.errors)}`)
  return result.data
}

/** Logs a demo account in and returns its session cookie. */
export async function sessionCookie(apiUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation Login($input: LoginInput!) { login(input: $input) { expiresAt } }', variables: { input: { username, password } } }),
  })
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ')
  if (!response.ok || !cookie) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`)
  return cookie
}
