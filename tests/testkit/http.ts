// GraphQL over HTTP against the API the browser suite started: for setting up a browser test's data through the
// same API a person or an integrator would use (the embedded database belongs to the API process).
// Only persisted documents are sent, by their hash (documentId): that API enforces trusted documents and trusts the
// tests' manifest (tests/graphql/generated/persisted-documents.json) besides the portal's.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { DocumentNode } from 'graphql'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'

export interface HttpResult<T> {
  data?: T
  errors?: { message: string; extensions?: { code?: string } }[]
}

/** The "sha256:<hex>" hash codegen embedded in a typed document (its key in the persisted-documents manifest). */
export function documentHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash
  if (typeof hash !== 'string')
    throw new Error(
      'This document has no embedded hash: write it with graphql() from tests/graphql/generated and run codegen.',
    )
  return hash
}

async function postPersisted(
  apiUrl: string,
  document: DocumentNode,
  variables: unknown,
  cookie?: string,
): Promise<Response> {
  return fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ documentId: documentHash(document), variables }),
  })
}

export async function postGraphql<T, V>(
  apiUrl: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
  cookie?: string,
): Promise<HttpResult<T>> {
  const response = await postPersisted(apiUrl, document, variables, cookie)
  return (await response.json()) as HttpResult<T>
}

/** Like postGraphql, but any error fails the set-up step with the API's message. */
export async function mustPost<T, V>(
  apiUrl: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
  cookie?: string,
): Promise<T> {
  const result = await postGraphql(apiUrl, document, variables, cookie)
  if (result.errors?.length || !result.data) throw new Error(`GraphQL set-up failed: ${JSON.stringify(result.errors)}`)
  return result.data
}

const SessionLogin = graphql(`
  mutation TestkitSessionLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`)

/** Logs a demo account in and returns its session cookie. */
export async function sessionCookie(apiUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await postPersisted(apiUrl, SessionLogin, { input: { username, password } })
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  if (!response.ok || !cookie)
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`)
  return cookie
}
