'use client'
// Sends a create command and turns its answer into what CreateAccountForm and the page show.
import { useState } from 'react'
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql'
import type { ActionResult } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import type { CreateOutcome } from './CreateAccountForm'

export function useCreateAccount<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  success: (name: string) => string,
) {
  const client = useClient()
  const [result, setResult] = useState<ActionResult | null>(null)
  async function create(variables: Variables, name: string): Promise<CreateOutcome> {
    setResult(null)
    // The list's query is refreshed by the ManagedAccount typename the mutation returns.
    const answer = await client.mutation(document, variables).toPromise()
    if (answer.error || !answer.data) {
      const failure = describeFailure(answer.error, '创建失败，请稍后再试')
      return { message: failure.message, fields: failure.fields }
    }
    setResult({ text: success(name), error: false })
    return null
  }
  return { result, create }
}
