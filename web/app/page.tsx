// The entry point: sends each person to the home page of their role, or to the login page.
import { redirect } from 'next/navigation'
import { getViewer, homePathFor, loginPathFor } from '@/graphql/viewer'

export default async function IndexPage() {
  const state = await getViewer()
  redirect(state.kind === 'user' ? homePathFor(state.user.role) : loginPathFor(state))
}
